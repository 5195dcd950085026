"""The evidence repository (LH Annexes 4 and 5): files and links with type, date and description,
filed by a plan's points of contact and staff, public once the plan is submitted, never edited in
place (a new version keeps the earlier one; a withdrawal keeps the record and its reason)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplans.models import Evidence
from actionplans.models_evidence import EVIDENCE_MAX_SIZE
from actionplans.services_evidence import file_evidence, replace_evidence, withdraw_evidence
from ogplocal.audit.models import AuditEvent
from ogplocal.validation import rule_codes
from tests.documents.test_uploads import ELF_BYTES, docx_bytes
from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    EvidenceFactory,
    MemberFactory,
    PointOfContactFactory,
    UserFactory,
    pdf_file,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def plan():
    return ActionPlanFactory(member=MemberFactory(jurisdiction__name="Alpha City"))


@pytest.fixture
def commitment(plan):
    return CommitmentFactory(plan=plan, number=1)


@pytest.fixture
def poc(plan):
    return PointOfContactFactory(member=plan.member).user


@pytest.fixture
def other_poc():
    return PointOfContactFactory(member=MemberFactory()).user


def form_data(**changes):
    data = {
        "commitment": "",
        "evidence_type": "meeting_record",
        "title": "Minutes of the first forum meeting",
        "dated_on": "2024-11-05",
        "description": "Signed by both co-chairs.",
        "url": "",
    }
    data.update(changes)
    return data


def upload(content: bytes, name: str):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def new_url(plan):
    return reverse("plans:evidence_new", args=[plan.pk])


def post_new(client, plan, **changes):
    return client.post(new_url(plan), form_data(**changes))


# --- filing -----------------------------------------------------------------------------------


def test_point_of_contact_files_a_word_document_stored_by_its_content(client, plan, poc):
    client.force_login(poc)
    response = post_new(client, plan, file=upload(docx_bytes(), "Minutes 5 Nov.pdf"))
    assert response.status_code == 302
    evidence = Evidence.objects.get(plan=plan)
    assert evidence.file.name.startswith("evidence/") and evidence.file.name.endswith(".docx")
    assert evidence.original_name == "Minutes 5 Nov.pdf"
    assert evidence.filed_by == poc and evidence.version == 1
    assert AuditEvent.objects.filter(verb="actionplan.evidence_filed").exists()


def test_point_of_contact_files_a_link_on_a_commitment_and_sees_it_there(
    client, plan, commitment, poc
):
    client.force_login(poc)
    response = post_new(
        client, plan, commitment=str(commitment.pk), url="https://data.alpha.gov/contracts"
    )
    assert response["Location"] == reverse("commitments:detail", args=[commitment.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Minutes of the first forum meeting" in page
    assert 'href="https://data.alpha.gov/contracts"' in page


def test_executable_renamed_pdf_refused_and_nothing_saved(client, plan, poc):
    client.force_login(poc)
    response = post_new(client, plan, file=upload(ELF_BYTES, "minutes.pdf"))
    assert response.status_code == 200
    assert "by its content it is of type ELF" in response.content.decode()
    assert not Evidence.objects.exists()


def test_file_over_the_size_limit_refused_naming_the_limit(client, plan, poc):
    client.force_login(poc)
    big = b"a,b\n" * (EVIDENCE_MAX_SIZE // 4 + 1)
    response = post_new(client, plan, file=upload(big, "table.csv"))
    assert "at most 20.0\xa0MB is allowed" in response.content.decode()
    assert not Evidence.objects.exists()


def test_file_and_link_together_refused_with_the_annex(client, plan, poc):
    client.force_login(poc)
    response = post_new(client, plan, file=upload(b"a,b\n", "t.csv"), url="https://x.org/a")
    page = response.content.decode()
    assert "evidence.file_or_link" in page and "LH Annex 5" in page
    assert not Evidence.objects.exists()


def test_neither_file_nor_link_refused(client, plan, poc):
    client.force_login(poc)
    response = post_new(client, plan)
    assert "evidence.file_or_link" in response.content.decode()
    assert not Evidence.objects.exists()


def test_javascript_link_refused(client, plan, poc):
    client.force_login(poc)
    response = post_new(client, plan, url="javascript:alert(1)")
    assert "http:// or https://" in response.content.decode()
    assert not Evidence.objects.exists()


def test_date_in_the_future_refused(client, plan, poc, today):
    client.force_login(poc)
    tomorrow = (today + timedelta(days=1)).isoformat()
    response = post_new(client, plan, url="https://x.org/a", dated_on=tomorrow)
    assert "evidence.date_in_future" in response.content.decode()
    assert not Evidence.objects.exists()


def test_missing_title_refused(client, plan, poc):
    client.force_login(poc)
    response = post_new(client, plan, url="https://x.org/a", title="")
    assert response.status_code == 200
    assert not Evidence.objects.exists()


def test_commitment_of_another_plan_refused_by_the_service(plan, poc):
    elsewhere = CommitmentFactory()
    with pytest.raises(ValidationError) as caught:
        file_evidence(
            plan,
            actor=poc,
            as_of=date(2025, 6, 1),
            commitment=elsewhere,
            evidence_type="other",
            title="x",
            dated_on=date(2025, 5, 1),
            url="https://x.org",
        )
    assert "evidence.commitment_of_another_plan" in rule_codes(caught.value)
    assert not Evidence.objects.exists()


def test_service_checks_a_file_given_from_elsewhere_by_its_content(plan, poc):
    with pytest.raises(ValidationError) as caught:
        file_evidence(
            plan,
            actor=poc,
            as_of=date(2025, 6, 1),
            evidence_type="other",
            title="x",
            dated_on=date(2025, 5, 1),
            file=upload(ELF_BYTES, "report.pdf"),
        )
    assert "document.type_not_allowed" in rule_codes(caught.value)
    assert not Evidence.objects.exists()


# --- replacing and withdrawing -----------------------------------------------------------------


def test_new_version_keeps_the_earlier_one_and_its_file(client, plan, poc):
    first = EvidenceFactory(plan=plan, url="", file=pdf_file())
    first_file = first.file.name
    client.force_login(poc)
    response = client.post(
        reverse("plans:evidence_replace", args=[plan.pk, first.pk]),
        {**form_data(), "file": upload(b"name,count\nAna,3\n", "list.csv"), "reason": "Signed"},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    new = Evidence.objects.get(replaces=first)
    assert first.is_superseded and not first.is_withdrawn
    assert first.file.name == first_file and default_storage.exists(first_file)
    assert new.version == 2 and new.reason == "Signed" and new.file.name.endswith(".csv")
    assert AuditEvent.objects.filter(verb="actionplan.evidence_replaced").exists()


def test_new_version_without_a_file_keeps_the_stored_one(plan, poc):
    first = EvidenceFactory(plan=plan, url="", file=pdf_file())
    new = replace_evidence(
        first,
        actor=poc,
        as_of=date(2025, 6, 1),
        reason="The title was misspelt.",
        evidence_type="meeting_record",
        title="Minutes of the first meeting",
        dated_on=date(2024, 11, 5),
    )
    assert new.file.name == first.file.name
    assert new.title == "Minutes of the first meeting"


def test_new_version_without_a_reason_refused_and_nothing_saved(client, plan, poc):
    first = EvidenceFactory(plan=plan)
    client.force_login(poc)
    response = client.post(
        reverse("plans:evidence_replace", args=[plan.pk, first.pk]), {**form_data(), "reason": ""}
    )
    assert response.status_code == 200
    first.refresh_from_db()
    assert first.is_current and Evidence.objects.count() == 1


def test_an_earlier_version_cannot_be_replaced_again(plan, poc):
    first = EvidenceFactory(plan=plan)
    values = {"evidence_type": "other", "title": "x", "dated_on": date(2025, 1, 1)}
    replace_evidence(first, actor=poc, as_of=date(2025, 6, 1), reason="One", **values)
    with pytest.raises(ValidationError) as caught:
        replace_evidence(first, actor=poc, as_of=date(2025, 6, 1), reason="Two", **values)
    assert rule_codes(caught.value) == {"evidence.superseded"}
    assert Evidence.objects.count() == 2


def test_withdrawing_keeps_the_record_with_its_reason(client, plan, poc):
    evidence = EvidenceFactory(plan=plan)
    client.force_login(poc)
    response = client.post(
        reverse("plans:evidence_withdraw", args=[plan.pk, evidence.pk]),
        {"reason": "Filed on the wrong plan."},
    )
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert evidence.is_withdrawn and evidence.withdrawn_reason == "Filed on the wrong plan."
    page = client.get(reverse("plans:evidence", args=[plan.pk])).content.decode()
    assert "Filed on the wrong plan." in page


def test_withdrawing_without_a_reason_refused(client, plan, poc):
    evidence = EvidenceFactory(plan=plan)
    client.force_login(poc)
    response = client.post(
        reverse("plans:evidence_withdraw", args=[plan.pk, evidence.pk]), {"reason": ""}
    )
    assert response.status_code == 200
    evidence.refresh_from_db()
    assert not evidence.is_withdrawn


def test_withdrawing_twice_refused(plan, poc):
    evidence = EvidenceFactory(plan=plan)
    withdraw_evidence(evidence, actor=poc, reason="Duplicate.")
    with pytest.raises(ValidationError) as caught:
        withdraw_evidence(evidence, actor=poc, reason="Again.")
    assert rule_codes(caught.value) == {"evidence.withdrawn"}


def test_evidence_is_never_deleted_through_permissions(plan, poc):
    evidence = EvidenceFactory(plan=plan)
    assert not poc.has_perm("actionplans.delete_evidence", evidence)
    assert not UserFactory(staff=True).has_perm("actionplans.delete_evidence", evidence)


# --- who sees and files ------------------------------------------------------------------------


def test_draft_plans_evidence_is_hidden_from_the_public_and_other_members(client, plan, other_poc):
    evidence = EvidenceFactory(plan=plan, url="", file=pdf_file())
    for url in (
        reverse("plans:evidence", args=[plan.pk]),
        reverse("plans:evidence_file", args=[plan.pk, evidence.pk]),
    ):
        assert client.get(url).status_code == 404
    client.force_login(other_poc)
    for url in (
        reverse("plans:evidence", args=[plan.pk]),
        new_url(plan),
        reverse("plans:evidence_replace", args=[plan.pk, evidence.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(new_url(plan), form_data(url="https://x.org")).status_code == 404
    assert Evidence.objects.count() == 1


def test_submitted_plans_evidence_is_public_and_downloads_as_an_attachment(client):
    plan = ActionPlanFactory(submitted=True)
    evidence = EvidenceFactory(plan=plan, url="", file=pdf_file(), title="Signed minutes")
    page = client.get(reverse("plans:evidence", args=[plan.pk])).content.decode()
    assert "Signed minutes" in page and "Last updated" in page
    response = client.get(reverse("plans:evidence_file", args=[plan.pk, evidence.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert client.get(new_url(plan)).status_code == 302  # filing asks to sign in


def test_a_link_has_no_file_to_download(client):
    plan = ActionPlanFactory(submitted=True)
    evidence = EvidenceFactory(plan=plan)
    assert (
        client.get(reverse("plans:evidence_file", args=[plan.pk, evidence.pk])).status_code == 404
    )


def test_staff_files_evidence(client, plan):
    client.force_login(UserFactory(staff=True, with_totp=True))
    assert post_new(client, plan, url="https://x.org/a").status_code == 302
    assert Evidence.objects.count() == 1


def test_plan_page_shows_the_process_evidence_and_links_the_repository(client, plan, poc):
    EvidenceFactory(plan=plan, title="Forum terms of reference")
    client.force_login(poc)
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Forum terms of reference" in page
    assert reverse("plans:evidence", args=[plan.pk]) in page


def test_repository_groups_evidence_by_commitment_with_earlier_versions_apart(
    client, plan, commitment, poc
):
    current = EvidenceFactory(plan=plan, commitment=commitment, title="Contracts registry")
    withdraw_evidence(
        EvidenceFactory(plan=plan, commitment=commitment, title="Old scan"),
        actor=poc,
        reason="Unreadable scan.",
    )
    client.force_login(poc)
    page = client.get(reverse("plans:evidence", args=[plan.pk])).content.decode()
    folder = page.split('id="folder-1"')[1]
    assert current.title in folder
    assert "1 earlier version or withdrawn item" in folder
    assert "Unreadable scan." in folder


# --- query budgets -----------------------------------------------------------------------------


def _more_evidence(plan, commitment):
    def add():
        EvidenceFactory.create_batch(4, plan=plan, commitment=commitment)
        EvidenceFactory.create_batch(3, plan=plan, url="", file=pdf_file())

    return add


def test_repository_page_query_count_is_constant(
    client, plan, commitment, poc, assert_page_query_budget
):
    client.force_login(poc)
    EvidenceFactory(plan=plan)
    assert_page_query_budget(
        client,
        reverse("plans:evidence", args=[plan.pk]),
        8,
        add_rows=_more_evidence(plan, commitment),
    )


def test_commitment_page_query_count_is_constant_with_evidence(
    client, plan, commitment, poc, assert_page_query_budget
):
    client.force_login(poc)
    assert_page_query_budget(
        client,
        reverse("commitments:detail", args=[commitment.pk]),
        12,
        add_rows=_more_evidence(plan, commitment),
    )


def test_filing_page_query_count(client, plan, commitment, poc, assert_page_query_budget):
    client.force_login(poc)
    assert_page_query_budget(client, new_url(plan), 8)


def test_new_version_page_query_count(client, plan, poc, assert_page_query_budget):
    evidence = EvidenceFactory(plan=plan)
    client.force_login(poc)
    assert_page_query_budget(
        client, reverse("plans:evidence_replace", args=[plan.pk, evidence.pk]), 8
    )
