"""Evidence of an assessment (issue 20; LH §3.5, Annex 5): files through the one upload module
(type by content, size limit, a fresh stored name) and http(s) links, added by the body's
reviewers until the version is published, withdrawn with a reason but never removed or
overwritten, carried into a correction, public with the published assessment and downloadable."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from monitoring import services
from monitoring.models import AssessmentEvidence
from ogplocal.audit.models import AuditEvent
from ogplocal.documents.validators import DocumentValidator
from ogplocal.validation import rule_codes
from tests.factories import MonitoringBodyReviewerFactory, pdf_file
from tests.monitoring.helpers import assigned_plan, fill_inception, published_inception

pytestmark = pytest.mark.django_db

STARTED_ON = date(2025, 2, 1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def setting():
    return assigned_plan()


@pytest.fixture
def draft(setting):
    return services.start_assessment(
        setting.plan, "inception", actor=setting.reviewer, as_of=STARTED_ON
    )


def pdf_upload(name="Forum minutes.pdf"):
    return SimpleUploadedFile(name, pdf_file().read(), content_type="application/pdf")


def test_a_file_is_stored_under_a_fresh_name_with_its_kind_from_the_content(setting, draft):
    piece = services.add_evidence(
        draft, title="Minutes", file=pdf_upload("scan.jpg"), actor=setting.reviewer
    )
    assert piece.file.name.startswith("assessment-evidence/")
    assert piece.file.name.endswith(".pdf") and "scan" not in piece.file.name
    assert piece.original_name == "scan.jpg"
    assert AuditEvent.objects.filter(verb="assessment.evidence_added").count() == 1


def test_a_second_file_of_the_same_name_does_not_overwrite_the_first(setting, draft):
    first = services.add_evidence(draft, title="A", file=pdf_upload(), actor=setting.reviewer)
    second = services.add_evidence(draft, title="B", file=pdf_upload(), actor=setting.reviewer)
    assert first.file.name != second.file.name
    assert first.file.storage.exists(first.file.name)


def test_a_link_is_kept_as_given(setting, draft):
    piece = services.add_evidence(
        draft, title="Forum page", link="https://city.example/forum", actor=setting.reviewer
    )
    assert (piece.link, piece.file.name) == ("https://city.example/forum", "")


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"title": "", "link": "https://example.org/"}, "assessment.evidence_title_required"),
        ({"title": "Nothing"}, "assessment.evidence_file_or_link"),
        ({"title": "Script", "link": "javascript:alert(1)"}, "link.scheme"),
        ({"title": "Not a link", "link": "not a web address"}, "link.invalid"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_saved(setting, draft, values, code):
    with pytest.raises(ValidationError) as error:
        services.add_evidence(draft, actor=setting.reviewer, **values)
    assert code in rule_codes(error.value)
    assert AssessmentEvidence.objects.count() == 0


def test_a_file_and_a_link_together_are_refused(setting, draft):
    with pytest.raises(ValidationError) as error:
        services.add_evidence(
            draft,
            title="Both",
            file=pdf_upload(),
            link="https://x.example/",
            actor=setting.reviewer,
        )
    assert rule_codes(error.value) == {"assessment.evidence_file_or_link"}
    assert AssessmentEvidence.objects.count() == 0


def test_an_executable_renamed_pdf_is_refused(setting, draft):
    upload = SimpleUploadedFile("minutes.pdf", b"\x7fELF\x02\x01\x01" + b"\0" * 200)
    with pytest.raises(ValidationError) as error:
        services.add_evidence(draft, title="Minutes", file=upload, actor=setting.reviewer)
    assert rule_codes(error.value) == {"document.type_not_allowed"}
    assert AssessmentEvidence.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(setting, draft, monkeypatch):
    monkeypatch.setattr(services, "EVIDENCE_VALIDATOR", DocumentValidator(max_size=100))
    with pytest.raises(ValidationError) as error:
        services.add_evidence(draft, title="Minutes", file=pdf_upload(), actor=setting.reviewer)
    assert rule_codes(error.value) == {"document.too_large"}
    assert AssessmentEvidence.objects.count() == 0


def test_withdrawing_keeps_the_row_and_its_file_with_the_reason(setting, draft):
    piece = services.add_evidence(draft, title="A", file=pdf_upload(), actor=setting.reviewer)
    services.withdraw_evidence(piece, reason="The wrong meeting.", actor=setting.reviewer)
    piece.refresh_from_db()
    assert piece.is_withdrawn and piece.withdrawn_reason == "The wrong meeting."
    assert piece.file.storage.exists(piece.file.name)


def test_withdrawing_needs_a_reason(setting, draft):
    piece = services.add_evidence(
        draft, title="A", link="https://a.example/", actor=setting.reviewer
    )
    with pytest.raises(ValidationError) as error:
        services.withdraw_evidence(piece, reason=" ", actor=setting.reviewer)
    assert rule_codes(error.value) == {"assessment.evidence_withdrawal_reason"}
    piece.refresh_from_db()
    assert not piece.is_withdrawn


def test_nothing_is_added_to_or_withdrawn_from_a_published_version(setting):
    published = published_inception(setting, started_on=STARTED_ON)
    with pytest.raises(ValidationError) as error:
        services.add_evidence(
            published, title="Late", link="https://a.example/", actor=setting.reviewer
        )
    assert rule_codes(error.value) == {"assessment.published_not_editable"}


def test_a_correction_starts_with_the_current_evidence_of_the_published_version(setting, draft):
    kept = services.add_evidence(draft, title="Kept", file=pdf_upload(), actor=setting.reviewer)
    dropped = services.add_evidence(
        draft, title="Dropped", link="https://a.example/", actor=setting.reviewer
    )
    services.withdraw_evidence(dropped, reason="Not relevant.", actor=setting.reviewer)
    fill_inception(draft, setting.reviewer)
    services.open_comment_period(
        draft, ends_on=date(2025, 2, 15), actor=setting.reviewer, as_of=STARTED_ON
    )
    published = services.publish_assessment(draft, actor=setting.reviewer, as_of=date(2025, 2, 16))
    correction = services.start_correction(
        published, reason="A meeting was missed.", actor=setting.reviewer, as_of=date(2025, 3, 1)
    )
    (carried,) = correction.evidence_items.all()
    assert (carried.title, carried.file.name, carried.carried_from_id) == (
        "Kept",
        kept.file.name,
        kept.pk,
    )
    assert published.evidence_items.count() == 2  # the published version keeps its own


# --- pages ----------------------------------------------------------------------------------------


def test_the_reviewer_adds_a_file_through_the_page(client, setting, draft):
    client.force_login(setting.reviewer)
    response = client.post(
        reverse("monitoring:evidence", args=[draft.pk]),
        {"title": "Forum minutes", "file": pdf_upload(), "link": ""},
    )
    assert response.status_code == 302
    assert draft.evidence_items.get().original_name == "Forum minutes.pdf"


def test_the_page_refuses_an_executable_and_says_why(client, setting, draft):
    client.force_login(setting.reviewer)
    upload = SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00" + b"\0" * 300)
    response = client.post(
        reverse("monitoring:evidence", args=[draft.pk]), {"title": "Minutes", "file": upload}
    )
    assert response.status_code == 200
    assert "cannot be accepted" in response.content.decode()
    assert AssessmentEvidence.objects.count() == 0


def test_the_page_refuses_an_empty_piece_and_keeps_what_was_typed(client, setting, draft):
    client.force_login(setting.reviewer)
    response = client.post(
        reverse("monitoring:evidence", args=[draft.pk]), {"title": "Only a title"}
    )
    assert response.status_code == 200
    assert "Give either a file or a link." in response.content.decode()
    assert 'value="Only a title"' in response.content.decode()


def test_a_draft_evidence_file_is_404_for_the_public_and_another_body(client, setting, draft):
    piece = services.add_evidence(draft, title="A", file=pdf_upload(), actor=setting.reviewer)
    url = reverse("monitoring:evidence_download", args=[draft.pk, piece.pk])
    assert client.get(url).status_code == 404
    client.force_login(MonitoringBodyReviewerFactory(starts_on=date(2024, 1, 1)).user)
    assert client.get(url).status_code == 404
    assert client.get(reverse("monitoring:evidence", args=[draft.pk])).status_code == 404


def test_published_evidence_is_public_and_downloads_as_an_attachment(client, setting, draft):
    piece = services.add_evidence(
        draft, title="Minutes", file=pdf_upload("Forum minutes.pdf"), actor=setting.reviewer
    )
    services.add_evidence(
        draft, title="Forum page", link="https://city.example/forum", actor=setting.reviewer
    )
    fill_inception(draft, setting.reviewer)
    services.open_comment_period(
        draft, ends_on=date(2025, 2, 15), actor=setting.reviewer, as_of=STARTED_ON
    )
    services.publish_assessment(draft, actor=setting.reviewer, as_of=date(2025, 2, 16))
    page = client.get(reverse("monitoring:assessment", args=[draft.pk])).content.decode()
    assert "https://city.example/forum" in page and "Minutes" in page
    response = client.get(reverse("monitoring:evidence_download", args=[draft.pk, piece.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "Forum minutes.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_withdrawn_piece_is_not_shown_to_the_public(client, setting, draft):
    piece = services.add_evidence(
        draft, title="Wrong minutes", link="https://a.example/", actor=setting.reviewer
    )
    services.withdraw_evidence(piece, reason="Another city's.", actor=setting.reviewer)
    fill_inception(draft, setting.reviewer)
    services.open_comment_period(
        draft, ends_on=date(2025, 2, 15), actor=setting.reviewer, as_of=STARTED_ON
    )
    services.publish_assessment(draft, actor=setting.reviewer, as_of=date(2025, 2, 16))
    page = client.get(reverse("monitoring:assessment", args=[draft.pk])).content.decode()
    assert "Wrong minutes" not in page


def test_withdrawing_through_the_page_without_a_reason_changes_nothing(client, setting, draft):
    piece = services.add_evidence(
        draft, title="A", link="https://a.example/", actor=setting.reviewer
    )
    client.force_login(setting.reviewer)
    response = client.post(
        reverse("monitoring:evidence_withdraw", args=[draft.pk, piece.pk]),
        {"reason": ""},
        follow=True,
    )
    assert "Give the reason for withdrawing it." in response.content.decode()
    piece.refresh_from_db()
    assert not piece.is_withdrawn


def test_evidence_page_query_budget(client, setting, draft, assert_page_query_budget):
    client.force_login(setting.reviewer)

    def more():
        for number in range(5):
            services.add_evidence(
                draft, title=f"Link {number}", link="https://a.example/", actor=setting.reviewer
            )

    assert_page_query_budget(
        client, reverse("monitoring:evidence", args=[draft.pk]), 14, add_rows=more
    )
