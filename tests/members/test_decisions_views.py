"""The decision pages: staff decide an application under review (not when recused), the
applicant downloads their letter, a call's decisions and marking it decided."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from members.models import ApplicationState, CallState, Decision, DecisionOutcome, Member
from members.services_decisions import decide_application
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    CommitteeMemberFactory,
    RecusalFactory,
    ReviewFactory,
    ScoreFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

REASONS = "A clear commitment and broad civil-society support."


@pytest.fixture
def staff():
    return UserFactory(staff=True, with_totp=True)


@pytest.fixture
def application(today):
    call = CallFactory(
        state=CallState.CLOSED,
        opens_on=date(2026, 9, 1),
        closes_on=date(2026, 10, 31),
        first_plan_due_on=date(2027, 10, 31),
    )
    return ApplicationFactory(call=call, state=ApplicationState.SUBMITTED)


def _decide_url(application):
    return reverse("decisions:decide", args=[application.call.slug, application.pk])


def _letter_url(application):
    return reverse("decisions:letter", args=[application.call.slug, application.pk])


def test_staff_accept_through_the_page(
    client, staff, application, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _decide_url(application), {"outcome": "accepted", "reasons": REASONS}
        )
    assert response.status_code == 302
    assert response["Location"] == _decide_url(application)
    decision = Decision.objects.get()
    assert decision.outcome == DecisionOutcome.ACCEPTED
    assert Member.objects.get() == decision.member
    assert any(application.applicant.email in message.to for message in mail.outbox)


def test_the_page_shows_every_rule_a_decision_breaks(client, staff, application):
    client.force_login(staff)
    response = client.post(
        _decide_url(application), {"outcome": "not_accepted", "reasons": "Too soon."}
    )
    assert response.status_code == 200
    assert 'data-rule="decision.national_contact_required"' in response.content.decode()
    assert not Decision.objects.exists()


def test_a_blank_form_is_refused_field_by_field(client, staff, application):
    client.force_login(staff)
    response = client.post(_decide_url(application), {})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"outcome", "reasons"}
    assert not Decision.objects.exists()


def test_a_decided_application_shows_its_decision_and_no_form(client, staff, application):
    decide_application(
        application, DecisionOutcome.ACCEPTED, REASONS, actor=staff, as_of=date(2026, 11, 16)
    )
    client.force_login(staff)
    response = client.get(_decide_url(application))
    content = response.content.decode()
    assert REASONS in content
    assert _letter_url(application) in content
    assert 'name="reasons"' not in content


def test_the_page_shows_the_mean_score_of_each_point(client, staff, application):
    for score in (3, 4):
        review = ReviewFactory(application=application, submitted_at="2026-11-10T10:00Z")
        ScoreFactory(review=review, point=2, score=score)
    draft = ReviewFactory(application=application)  # not submitted: not counted
    ScoreFactory(review=draft, point=2, score=1)
    client.force_login(staff)
    response = client.get(_decide_url(application))
    assert response.context["submitted_reviews"] == 2
    point_two = response.context["points"][1]
    assert point_two.mean == 3.5
    assert point_two.count == 2
    assert "3.5" in response.content.decode()


def test_staff_recused_by_their_country_get_404(client, application):
    seat = CommitteeMemberFactory(
        call=application.call,
        user=UserFactory(staff=True, with_totp=True),
        country=application.country,
    )
    client.force_login(seat.user)
    assert client.get(_decide_url(application)).status_code == 404
    assert client.post(_decide_url(application), {"outcome": "accepted"}).status_code == 404
    assert not Decision.objects.exists()


def test_staff_who_declared_a_conflict_get_404(client, application):
    recusal = RecusalFactory(
        application=application,
        committee_member__user=UserFactory(staff=True, with_totp=True),
    )
    client.force_login(recusal.committee_member.user)
    assert client.get(_decide_url(application)).status_code == 404


def test_a_committee_member_cannot_decide(client, application):
    seat = CommitteeMemberFactory(call=application.call)
    client.force_login(seat.user)
    assert client.get(_decide_url(application)).status_code == 404


def test_an_application_of_another_call_is_404(client, staff, application):
    client.force_login(staff)
    other = CallFactory()
    url = reverse("decisions:decide", args=[other.slug, application.pk])
    assert client.get(url).status_code == 404


# --- the letter ---------------------------------------------------------------------------------


@pytest.fixture
def decided(application):
    decide_application(
        application,
        DecisionOutcome.NOT_ACCEPTED,
        "The term ends too soon.",
        actor=UserFactory(staff=True),
        as_of=date(2026, 11, 16),
        national_contact="ogp@gob.example.org",
    )
    return application


def test_the_applicant_downloads_their_letter(client, decided):
    client.force_login(decided.applicant)
    response = client.get(_letter_url(decided))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_another_applicant_cannot_download_the_letter(client, decided):
    client.force_login(UserFactory())
    assert client.get(_letter_url(decided)).status_code == 404


def test_a_committee_member_cannot_download_the_letter(client, decided):
    client.force_login(CommitteeMemberFactory(call=decided.call).user)
    assert client.get(_letter_url(decided)).status_code == 404


def test_no_letter_before_the_decision(client, application):
    client.force_login(application.applicant)
    assert client.get(_letter_url(application)).status_code == 404


# --- a call's decisions -----------------------------------------------------------------------


def _call_url(call):
    return reverse("decisions:call", args=[call.slug])


def test_the_call_page_lists_what_waits_for_a_decision(client, staff, application):
    client.force_login(staff)
    response = client.get(_call_url(application.call))
    content = response.content.decode()
    assert application.jurisdiction_name in content
    assert "1 application is waiting for a decision" in content
    assert reverse("calls:manage_decide", args=[application.call.slug]) not in content


def test_the_call_can_be_marked_decided_once_all_are_decided(client, staff, decided):
    client.force_login(staff)
    response = client.get(_call_url(decided.call))
    assert reverse("calls:manage_decide", args=[decided.call.slug]) in response.content.decode()
    client.post(reverse("calls:manage_decide", args=[decided.call.slug]))
    decided.call.refresh_from_db()
    assert decided.call.state == CallState.DECIDED


def test_the_call_page_leaves_out_applications_the_staff_member_is_recused_from(
    client, application
):
    seat = CommitteeMemberFactory(
        call=application.call,
        user=UserFactory(staff=True, with_totp=True),
        country=application.country,
    )
    client.force_login(seat.user)
    response = client.get(_call_url(application.call))
    assert application.jurisdiction_name not in response.content.decode()


def test_the_call_page_costs_the_same_queries_for_more_applications(
    client, staff, application, assert_page_query_budget
):
    client.force_login(staff)
    # session, user, TOTP check, roles (3), the call, the recusals (none asked: not on the
    # committee), the applications with their decisions and review counts
    assert_page_query_budget(
        client,
        _call_url(application.call),
        8,
        add_rows=lambda: ApplicationFactory.create_batch(
            5, call=application.call, state=ApplicationState.SUBMITTED
        ),
    )


def test_the_decide_page_costs_the_same_queries_for_more_reviews(
    client, staff, application, assert_page_query_budget
):
    client.force_login(staff)

    def add_rows():
        for _ in range(4):
            review = ReviewFactory(application=application, submitted_at="2026-11-10T10:00Z")
            for point in range(1, 9):
                ScoreFactory(review=review, point=point, score=4)

    # session, user, TOTP check, roles (3), the application, the review count, the mean scores
    assert_page_query_budget(client, _decide_url(application), 9, add_rows=add_rows)


def test_the_applicants_page_shows_the_decision_and_links_the_letter(client, decided):
    client.force_login(decided.applicant)
    response = client.get(reverse("calls:application", args=[decided.pk]))
    content = response.content.decode()
    assert "The term ends too soon." in content
    assert _letter_url(decided) in content


def test_staff_find_the_decide_link_on_the_application(client, staff, application):
    client.force_login(staff)
    response = client.get(reverse("calls:application", args=[application.pk]))
    assert _decide_url(application) in response.content.decode()


# --- the extension of the first-plan deadline (members.services.grant_extension) -------------


def test_staff_find_the_extension_form_on_the_member_page(client, staff):
    from tests.factories import MemberFactory

    member = MemberFactory()
    client.force_login(staff)
    content = client.get(reverse("members:detail", args=[member.slug])).content.decode()
    link = reverse("admin:members_member_extension", args=[member.pk])
    assert link in content
    assert client.get(link).status_code == 200


def test_a_point_of_contact_has_no_extension_link(client):
    from tests.factories import PointOfContactFactory

    point = PointOfContactFactory()
    client.force_login(point.user)
    content = client.get(reverse("members:detail", args=[point.member.slug])).content.decode()
    assert "/extension/" not in content


def test_the_call_management_page_links_its_decisions(client, staff, application):
    client.force_login(staff)
    response = client.get(reverse("calls:manage_edit", args=[application.call.slug]))
    assert _call_url(application.call) in response.content.decode()
