"""Monitoring pages: who sees and files what (a reviewer of body A gets 404 for everything of body
B, drafts included), due dates from the engine on the dashboards (month ends), the public page and
its PDF, the staff finding form, and query budgets."""

import io
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from monitoring import services
from monitoring.models import Assessment, RequirementFinding
from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MonitoringBodyReviewerFactory,
    UserFactory,
)
from tests.monitoring.helpers import assigned_plan, published_inception

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 2)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def signed_in(client, user):
    client.force_login(user)
    return client


def test_a_reviewer_of_another_body_gets_404_for_everything_including_drafts(client):
    setting = assigned_plan()
    draft = services.start_assessment(
        setting.plan, "inception", actor=setting.reviewer, as_of=TODAY
    )
    other = MonitoringBodyReviewerFactory(starts_on=date(2024, 1, 1)).user
    signed_in(client, other)
    for url in (
        reverse("monitoring:plan", args=[setting.plan.pk]),
        reverse("monitoring:assessment", args=[draft.pk]),
        reverse("monitoring:part_requirements", args=[draft.pk]),
        reverse("monitoring:comment_period_open", args=[draft.pk]),
        reverse("monitoring:assessment_pdf", args=[draft.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("monitoring:publish", args=[draft.pk])).status_code == 404


def test_the_reviewer_of_the_body_sees_the_plan_and_files_the_draft(client):
    setting = assigned_plan()
    signed_in(client, setting.reviewer)
    response = client.post(
        reverse("monitoring:assessment_start", args=[setting.plan.pk]), {"kind": "inception"}
    )
    assessment = Assessment.objects.get()
    assert response.url == reverse("monitoring:part_requirements", args=[assessment.pk])
    response = client.post(
        response.url, {"forum-met": "yes", "forum-evidence": "The forum met monthly."}
    )
    assert response.status_code == 302
    row = assessment.requirement_checks.get(requirement="forum")
    assert (row.met, row.evidence) == (True, "The forum met monthly.")


def test_a_bad_rating_posted_shows_the_error_and_saves_nothing(client):
    setting = assigned_plan()
    assessment = services.start_assessment(
        setting.plan, "inception", actor=setting.reviewer, as_of=TODAY
    )
    signed_in(client, setting.reviewer)
    response = client.post(
        reverse("monitoring:part_practices", args=[assessment.pk]),
        {"feedback-rating": "excellent", "feedback-comment": "Fine."},
    )
    assert response.status_code == 200
    assert b"Nothing was saved" in response.content
    assert not assessment.practice_ratings.exclude(comment="").exists()


def test_the_public_sees_a_published_assessment_but_not_a_draft(client):
    setting = assigned_plan()
    published = published_inception(setting, started_on=date(2025, 2, 1))
    response = client.get(reverse("monitoring:assessment", args=[published.pk]))
    assert response.status_code == 200
    assert b"Evidence for forum." in response.content
    setting_b = assigned_plan()
    draft = services.start_assessment(
        setting_b.plan, "inception", actor=setting_b.reviewer, as_of=TODAY
    )
    assert client.get(reverse("monitoring:assessment", args=[draft.pk])).status_code == 404


def test_a_point_of_contact_does_not_see_the_draft_but_comments_in_the_period(client):
    setting = assigned_plan()
    assessment = services.start_assessment(
        setting.plan, "inception", actor=setting.reviewer, as_of=TODAY
    )
    signed_in(client, setting.poc)
    assert client.get(reverse("monitoring:assessment", args=[assessment.pk])).status_code == 404
    assert client.get(reverse("monitoring:comment", args=[assessment.pk])).status_code == 404


def test_the_pdf_holds_the_assessment_text(client):
    setting = assigned_plan()
    published = published_inception(setting, started_on=date(2025, 2, 1))
    response = client.get(reverse("monitoring:assessment_pdf", args=[published.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "inception assessment" in text.lower()
    assert "Evidence for forum." in text


def test_inception_due_two_months_after_a_plan_submitted_on_a_month_end(client):
    setting = assigned_plan(submitted_on=date(2025, 12, 31))
    with time_machine.travel(date(2026, 1, 5), tick=False):
        signed_in(client, setting.reviewer)
        response = client.get(reverse("monitoring:dashboard"))
    rows = response.context["groups"].due
    inception = next(row for row in rows if row.kind == "inception")
    assert inception.due_on == date(2026, 2, 28)


def test_a_late_inception_is_listed_as_late():
    setting = assigned_plan(submitted_on=date(2025, 1, 10))
    from monitoring.selectors import due_assessments, grouped

    groups = grouped(due_assessments([setting.plan], as_of=TODAY))
    assert [row.kind for row in groups.late] == ["inception"]
    assert groups.late[0].due_on == date(2025, 3, 10)


def test_a_published_inception_is_done_on_its_publication_day():
    setting = assigned_plan()
    published_inception(setting, started_on=date(2025, 2, 1))
    from monitoring.selectors import due_assessments, grouped

    (done,) = grouped(due_assessments([setting.plan], as_of=TODAY)).done
    assert (done.kind, done.met_on, done.state) == ("inception", date(2025, 2, 16), "met")


def test_staff_record_an_unmet_finding_dated_today(client):
    setting = assigned_plan()
    published = published_inception(setting, started_on=date(2025, 2, 1))
    staff = UserFactory(staff=True, with_totp=True)
    signed_in(client, staff)
    url = reverse("monitoring:finding_new", args=[setting.plan.member.jurisdiction.slug])
    response = client.post(
        url, {"met": "no", "assessment": published.pk, "reasons": "No forum met."}
    )
    assert response.status_code == 302
    finding = RequirementFinding.objects.get()
    assert (finding.met, finding.recorded_on, finding.assessment) == (False, TODAY, published)


def test_a_finding_without_reasons_or_source_is_refused_and_nothing_saved(client):
    setting = assigned_plan()
    signed_in(client, UserFactory(staff=True, with_totp=True))
    url = reverse("monitoring:finding_new", args=[setting.plan.member.jurisdiction.slug])
    response = client.post(url, {"met": "no"})
    assert response.status_code == 200
    assert b'data-rule="finding.reasons_required"' in response.content
    assert b'data-rule="finding.source_required"' in response.content
    assert not RequirementFinding.objects.exists()


def test_a_reviewer_does_not_record_findings(client):
    setting = assigned_plan()
    signed_in(client, setting.reviewer)
    url = reverse("monitoring:finding_new", args=[setting.plan.member.jurisdiction.slug])
    assert client.get(url).status_code == 404


def test_the_member_page_lists_the_findings_with_their_source(client):
    setting = assigned_plan()
    published = published_inception(setting, started_on=date(2025, 2, 1))
    services.record_finding(
        setting.plan.member,
        met=False,
        reasons="No forum met.",
        assessment=published,
        actor=UserFactory(staff=True),
        as_of=TODAY,
    )
    response = client.get(reverse("members:detail", args=[setting.plan.member.jurisdiction.slug]))
    assert b"No forum met." in response.content
    assert reverse("monitoring:assessment", args=[published.pk]).encode() in response.content


def test_dashboard_query_budget_does_not_grow_with_plans(client, assert_page_query_budget):
    setting = assigned_plan()
    signed_in(client, setting.reviewer)

    def more():
        for _ in range(4):
            plan = ActionPlanFactory(
                submitted=True,
                submitted_on=date(2025, 1, 10),
                monitoring_body=setting.plan.monitoring_body,
            )
            CommitmentFactory(plan=plan)

    assert_page_query_budget(client, reverse("monitoring:dashboard"), 25, add_rows=more)


def test_assessment_page_query_budget(client, assert_page_query_budget):
    setting = assigned_plan()
    published = published_inception(setting, started_on=date(2025, 2, 1))

    def more():
        for number in range(2, 5):
            CommitmentFactory(plan=setting.plan, number=number)

    assert_page_query_budget(
        client, reverse("monitoring:assessment", args=[published.pk]), 16, add_rows=more
    )


def test_plan_review_page_query_budget(client, assert_page_query_budget):
    setting = assigned_plan()
    signed_in(client, setting.reviewer)

    def more():
        for number in range(2, 5):
            CommitmentFactory(plan=setting.plan, number=number)

    assert_page_query_budget(
        client, reverse("monitoring:plan", args=[setting.plan.pk]), 30, add_rows=more
    )


def test_comment_period_cannot_be_opened_too_short_through_the_page(client):
    setting = assigned_plan()
    assessment = services.start_assessment(
        setting.plan, "inception", actor=setting.reviewer, as_of=TODAY
    )
    signed_in(client, setting.reviewer)
    response = client.post(
        reverse("monitoring:comment_period_open", args=[assessment.pk]),
        {"ends_on": (TODAY + timedelta(days=3)).isoformat()},
    )
    assert response.status_code == 200
    assert b'data-rule="assessment.comment_period_too_short"' in response.content
    assessment.refresh_from_db()
    assert assessment.state == "draft"


def test_the_plan_page_offers_to_start_only_what_can_start_today(client):
    setting = assigned_plan()
    signed_in(client, setting.reviewer)
    response = client.get(reverse("monitoring:plan", args=[setting.plan.pk]))
    startable = {row.kind for row, can in response.context["rows"] if can}
    assert startable == {"inception"}  # the commitment and the plan have not ended
    assert response.content.count(b'name="kind"') == 1


def test_staff_overview_lists_late_and_counts_what_is_due_later(client, assert_page_query_budget):
    setting = assigned_plan(submitted_on=date(2025, 1, 10))  # inception late on TODAY
    signed_in(client, UserFactory(staff=True, with_totp=True))
    response = client.get(reverse("monitoring:staff"))
    groups = response.context["groups"]
    assert [row.plan for row in groups.late] == [setting.plan]
    assert groups.due_later == 2  # end of commitment and final learning, in 2027

    def more():
        for _ in range(3):
            more_setting = assigned_plan()
            CommitmentFactory(plan=more_setting.plan, number=2)

    assert_page_query_budget(client, reverse("monitoring:staff"), 25, add_rows=more)


def test_a_point_of_contact_has_no_monitoring_dashboard(client):
    setting = assigned_plan()
    signed_in(client, setting.poc)
    assert client.get(reverse("monitoring:dashboard")).status_code == 404
    assert client.get(reverse("monitoring:staff")).status_code == 404


def test_the_member_page_does_not_name_a_draft_assessment(client):
    setting = assigned_plan()
    draft = services.start_assessment(
        setting.plan, "inception", actor=setting.reviewer, as_of=TODAY
    )
    response = client.get(reverse("members:detail", args=[setting.plan.member.jurisdiction.slug]))
    assert response.status_code == 200
    assert reverse("monitoring:assessment", args=[draft.pk]).encode() not in response.content
