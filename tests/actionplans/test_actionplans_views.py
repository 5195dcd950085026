"""Action plan pages: who sees what (404 for drafts of others), bad input with nothing saved,
query budgets, and the PDF's text."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from actionplans.models import STRATEGIC_VISION, ActionPlan, PlanState
from tests.actionplans.test_actionplans_services import VISION, ready_plan
from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    EndorsingStakeholderFactory,
    MemberFactory,
    MilestoneFactory,
    PointOfContactFactory,
    pdf_file,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return ActionPlanFactory(member=MemberFactory(jurisdiction__name="Alpha City"))


@pytest.fixture
def poc(plan):
    return PointOfContactFactory(member=plan.member).user


@pytest.fixture
def other_poc():
    return PointOfContactFactory(member=MemberFactory()).user


def plan_urls(plan) -> list[str]:
    commitment = CommitmentFactory(plan=plan)
    milestone = MilestoneFactory(commitment=commitment)
    return [
        reverse("plans:detail", args=[plan.pk]),
        reverse("plans:history", args=[plan.pk]),
        reverse("plans:pdf", args=[plan.pk]),
        reverse("plans:submit", args=[plan.pk]),
        reverse("plans:part_dates", args=[plan.pk]),
        reverse("plans:part_e", args=[plan.pk]),
        reverse("commitments:new", args=[plan.pk]),
        reverse("commitments:detail", args=[commitment.pk]),
        reverse("commitments:edit", args=[commitment.pk]),
        reverse("commitments:milestone_new", args=[commitment.pk]),
        reverse("commitments:milestone_edit", args=[commitment.pk, milestone.pk]),
    ]


def test_point_of_contact_of_another_member_gets_404_on_a_draft(client, plan, other_poc):
    client.force_login(other_poc)
    for url in plan_urls(plan):
        assert client.get(url).status_code == 404, url


def test_point_of_contact_of_the_member_opens_every_draft_page(client, plan, poc):
    client.force_login(poc)
    for url in plan_urls(plan):
        assert client.get(url).status_code == 200, url


def test_another_members_point_of_contact_cannot_remove_a_commitment(client, plan, other_poc):
    commitment = CommitmentFactory(plan=plan)
    client.force_login(other_poc)
    response = client.post(reverse("commitments:remove", args=[commitment.pk]))
    assert response.status_code == 404
    assert plan.commitments.count() == 1


def test_submitted_plan_is_public(client):
    plan = ActionPlanFactory(submitted=True)
    assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 200


def test_point_of_contact_starts_a_plan(client, poc, plan):
    client.force_login(poc)
    response = client.post(
        reverse("plans:start", args=[plan.member.slug]),
        {"starts_on": "2027-01-01", "ends_on": "2028-10-31"},
    )
    assert response.status_code == 302
    assert ActionPlan.objects.filter(member=plan.member).count() == 2


def test_start_refuses_an_end_before_the_start_and_saves_nothing(client, poc, plan):
    client.force_login(poc)
    response = client.post(
        reverse("plans:start", args=[plan.member.slug]),
        {"starts_on": "2027-01-01", "ends_on": "2026-12-31"},
    )
    assert response.status_code == 200
    assert "Nothing was saved" in response.content.decode()
    assert ActionPlan.objects.filter(member=plan.member).count() == 1


def test_start_refuses_a_date_that_is_not_a_date(client, poc, plan):
    client.force_login(poc)
    response = client.post(
        reverse("plans:start", args=[plan.member.slug]),
        {"starts_on": "someday", "ends_on": "2028-10-31"},
    )
    assert response.status_code == 200
    assert ActionPlan.objects.filter(member=plan.member).count() == 1


def test_dates_part_refuses_an_end_before_the_start(client, poc, plan):
    client.force_login(poc)
    response = client.post(
        reverse("plans:part_dates", args=[plan.pk]),
        {"starts_on": "2025-01-01", "ends_on": "2024-01-01"},
    )
    assert response.status_code == 200
    plan.refresh_from_db()
    assert plan.ends_on == date(2026, 12, 31)


def test_f_part_refuses_a_negative_count(client, poc, plan):
    client.force_login(poc)
    response = client.post(
        reverse("plans:part_f", args=[plan.pk]), {"participant_group_count": "-3"}
    )
    assert response.status_code == 200
    plan.refresh_from_db()
    assert plan.participant_group_count is None


def test_foreword_part_saves_and_resumes(client, poc, plan):
    client.force_login(poc)
    client.post(reverse("plans:part_foreword", args=[plan.pk]), {"foreword": "Written together."})
    response = client.get(reverse("plans:part_foreword", args=[plan.pk]))
    assert "Written together." in response.content.decode()


def test_documents_part_refuses_an_executable_named_pdf(client, poc, plan):
    client.force_login(poc)
    fake = io.BytesIO(b"MZ\x90\x00" + b"\x00" * 200)
    fake.name = "letter.pdf"
    response = client.post(
        reverse("plans:part_documents", args=[plan.pk]), {"introduction_letter": fake}
    )
    assert response.status_code == 200
    assert "document.not_pdf" in response.content.decode()
    plan.refresh_from_db()
    assert not plan.introduction_letter


def test_documents_part_keeps_an_introduction_letter(client, poc, plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(poc)
    client.post(
        reverse("plans:part_documents", args=[plan.pk]),
        {"introduction_letter": pdf_file(name="letter.pdf"), "declared_english": "on"},
    )
    plan.refresh_from_db()
    assert plan.introduction_letter and plan.declared_english
    response = client.get(reverse("plans:introduction_letter", args=[plan.pk]))
    assert response["Content-Disposition"].startswith("attachment")


def test_endorsement_without_organization_is_refused(client, poc, plan):
    client.force_login(poc)
    response = client.post(
        reverse("plans:part_endorsements", args=[plan.pk]),
        {"endorsement-organization_name": ""},
    )
    assert response.status_code == 200
    assert not plan.endorsements.exists()


def test_endorsement_is_removed(client, poc, plan):
    endorsement = EndorsingStakeholderFactory(plan=plan)
    client.force_login(poc)
    client.post(reverse("plans:endorsement_remove", args=[plan.pk, endorsement.pk]))
    assert not plan.endorsements.exists()


def test_submit_page_lists_every_broken_rule(client, poc, plan):
    client.force_login(poc)
    response = client.post(reverse("plans:submit", args=[plan.pk]))
    content = response.content.decode()
    for code in ("plan.no_endorsement", "plan.no_monitoring_body", "plan.not_in_english"):
        assert f'data-rule="{code}"' in content
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


def test_submit_publishes_a_ready_plan(client):
    plan = ready_plan()
    client.force_login(PointOfContactFactory(member=plan.member).user)
    response = client.post(reverse("plans:submit", args=[plan.pk]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED


def test_submitted_plan_parts_are_no_longer_editable(client):
    plan = ActionPlanFactory(submitted=True)
    client.force_login(PointOfContactFactory(member=plan.member).user)
    assert client.get(reverse("plans:part_foreword", args=[plan.pk])).status_code == 404


def test_member_page_lists_submitted_plans_and_hides_drafts_from_the_public(client, plan):
    submitted = ActionPlanFactory(member=plan.member, submitted=True, starts_on=date(2023, 1, 1))
    content = client.get(reverse("members:detail", args=[plan.member.slug])).content.decode()
    assert reverse("plans:detail", args=[submitted.pk]) in content
    assert reverse("plans:detail", args=[plan.pk]) not in content


def test_pdf_holds_every_annex_1_section_and_every_commitment_title(client):
    plan = ready_plan(submitted=True, state="submitted", version=1, submitted_on=date(2024, 12, 1))
    CommitmentFactory(plan=plan, title="Open the city's budget in every district")
    response = client.get(reverse("plans:pdf", args=[plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for heading in (
        "Dates and duration",
        "Foreword",
        *(str(section.title) for section in STRATEGIC_VISION),
        "Endorsement from non-governmental stakeholders",
        "Documents",
    ):
        assert heading in text, heading
    for section in STRATEGIC_VISION:
        for question in section.questions:
            assert f"{question.code}." in text, question.code
    for commitment in plan.commitments.all():
        assert commitment.title in text
    assert VISION["long_term_vision"] in text


def test_plan_page_query_count_does_not_grow_with_commitments(client, assert_page_query_budget):
    plan = ready_plan(submitted=True, state="submitted", version=1, submitted_on=date(2024, 12, 1))

    def more():
        for commitment in CommitmentFactory.create_batch(3, plan=plan):
            MilestoneFactory.create_batch(2, commitment=commitment)
        EndorsingStakeholderFactory.create_batch(3, plan=plan)

    # 9: the co-creation record (meetings, contributions) adds two, the evidence repository one.
    assert_page_query_budget(client, reverse("plans:detail", args=[plan.pk]), 9, add_rows=more)


def test_filing_part_query_count_does_not_grow_with_commitments(
    client, plan, poc, assert_page_query_budget
):
    client.force_login(poc)
    MilestoneFactory(commitment=CommitmentFactory(plan=plan))
    assert_page_query_budget(
        client,
        reverse("plans:submit", args=[plan.pk]),
        14,
        add_rows=lambda: CommitmentFactory.create_batch(4, plan=plan),
    )


def test_history_query_count_is_fixed(client, assert_page_query_budget):
    plan = ActionPlanFactory(submitted=True)
    assert_page_query_budget(client, reverse("plans:history", args=[plan.pk]), 6)


def test_anonymous_visitor_is_sent_to_sign_in_to_start_a_plan(client, plan):
    response = client.get(reverse("plans:start", args=[plan.member.slug]))
    assert response.status_code == 302


def test_saving_documents_again_without_a_file_keeps_the_letter(
    client, poc, plan, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(poc)
    url = reverse("plans:part_documents", args=[plan.pk])
    client.post(url, {"introduction_letter": pdf_file(name="letter.pdf")})
    plan.refresh_from_db()
    stored = plan.introduction_letter.name
    client.post(url, {"declared_english": "on"})
    plan.refresh_from_db()
    assert plan.introduction_letter.name == stored
    assert plan.declared_english
