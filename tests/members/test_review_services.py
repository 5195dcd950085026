"""Services of the review (LH §1.2): inviting committee members, declaring conflicts, scoring
(draft, submit, frozen), shortlisting. Each refusal names its rule and saves nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from members.models import (
    ApplicationState,
    CallStages,
    CallState,
    CommitteeMember,
    Recusal,
    Review,
    Score,
)
from members.services_review import (
    declare_conflict,
    invite_committee_member,
    save_review,
    shortlist_application,
    submit_review,
)
from ogplocal.audit.models import AuditEvent
from ogplocal.validation import rule_codes
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    CommitteeMemberFactory,
    CountryFactory,
    ReviewFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 11, 16)


@pytest.fixture
def staff():
    return UserFactory(staff=True)


@pytest.fixture
def call():
    return CallFactory()


@pytest.fixture
def application(call):
    return ApplicationFactory(call=call, state=ApplicationState.SUBMITTED)


@pytest.fixture
def seat(call):
    return CommitteeMemberFactory(call=call)


def all_scores(score=4) -> dict:
    return {point: (score, f"Point {point}.") for point in range(1, 9)}


def codes(excinfo) -> set[str]:
    return rule_codes(excinfo.value)


# --- inviting -----------------------------------------------------------------------------------


def test_staff_invite_a_person_with_an_account_by_email(staff, call):
    person = UserFactory(email="ana@example.org")
    country = CountryFactory()
    seat = invite_committee_member(
        call=call,
        email="ANA@example.org",
        country=country,
        is_government=True,
        actor=staff,
        as_of=AS_OF,
    )
    assert (seat.user, seat.country, seat.is_government) == (person, country, True)
    assert (seat.invited_by, seat.invited_on) == (staff, AS_OF)
    assert AuditEvent.objects.filter(verb="committee.member_invited").count() == 1


def test_inviting_an_address_without_account_is_refused_and_creates_nothing(staff, call):
    with pytest.raises(ValidationError) as excinfo:
        invite_committee_member(
            call=call,
            email="nobody@example.org",
            country=CountryFactory(),
            is_government=False,
            actor=staff,
            as_of=AS_OF,
        )
    assert codes(excinfo) == {"committee.no_account"}
    assert not CommitteeMember.objects.exists()


def test_inviting_someone_twice_is_refused(staff, seat):
    with pytest.raises(ValidationError) as excinfo:
        invite_committee_member(
            call=seat.call,
            user=seat.user,
            country=seat.country,
            is_government=False,
            actor=staff,
            as_of=AS_OF,
        )
    assert codes(excinfo) == {"committee.already_member"}
    assert CommitteeMember.objects.count() == 1


def test_inviting_to_a_decided_call_is_refused(staff):
    call = CallFactory(state=CallState.DECIDED)
    with pytest.raises(ValidationError) as excinfo:
        invite_committee_member(
            call=call,
            user=UserFactory(),
            country=CountryFactory(),
            is_government=False,
            actor=staff,
            as_of=AS_OF,
        )
    assert codes(excinfo) == {"committee.call_decided"}


def test_only_staff_invite(call):
    with pytest.raises(PermissionDenied):
        invite_committee_member(
            call=call,
            user=UserFactory(),
            country=CountryFactory(),
            is_government=False,
            actor=UserFactory(),
            as_of=AS_OF,
        )


# --- conflicts ------------------------------------------------------------------------------------


def test_declaring_a_conflict_records_it_and_removes_access(seat, application):
    assert seat.user.has_perm("members.review_application", application)
    recusal = declare_conflict(
        actor=seat.user, application=application, reason="I advised them.", as_of=AS_OF
    )
    assert (recusal.committee_member, recusal.declared_on) == (seat, AS_OF)
    assert AuditEvent.objects.filter(verb="application.conflict_declared").count() == 1
    assert not seat.user.has_perm("members.review_application", application)
    assert not seat.user.has_perm("members.score_application", application)


def test_a_conflict_without_a_reason_is_refused(seat, application):
    with pytest.raises(ValidationError) as excinfo:
        declare_conflict(actor=seat.user, application=application, reason="  ", as_of=AS_OF)
    assert codes(excinfo) == {"recusal.reason_missing"}
    assert not Recusal.objects.exists()


def test_a_conflict_is_declared_once(seat, application):
    declare_conflict(actor=seat.user, application=application, reason="Family.", as_of=AS_OF)
    with pytest.raises(PermissionDenied):
        declare_conflict(actor=seat.user, application=application, reason="Again.", as_of=AS_OF)
    assert Recusal.objects.count() == 1


# --- scoring --------------------------------------------------------------------------------------


def test_a_draft_may_leave_points_unscored(seat, application):
    review = save_review(
        actor=seat.user, application=application, scores={1: (3, "Fine.")}, as_of=AS_OF
    )
    assert review.submitted_at is None
    assert list(review.scores.values_list("point", "score")) == [(1, 3)]


def test_saving_a_draft_again_replaces_its_scores(seat, application):
    save_review(actor=seat.user, application=application, scores={1: (3, "")}, as_of=AS_OF)
    save_review(actor=seat.user, application=application, scores={2: (5, "")}, as_of=AS_OF)
    assert list(Score.objects.values_list("point", "score")) == [(2, 5)]
    assert Review.objects.count() == 1


def test_submitting_with_all_eight_points_freezes_the_review(seat, application):
    review = submit_review(
        actor=seat.user, application=application, scores=all_scores(), comment="Good.", as_of=AS_OF
    )
    assert review.submitted_at is not None
    assert review.scores.count() == 8
    assert AuditEvent.objects.filter(verb="review.submitted").count() == 1


def test_submitting_with_a_point_missing_is_refused_and_saves_nothing(seat, application):
    scores = all_scores()
    scores[7] = (None, "")
    with pytest.raises(ValidationError) as excinfo:
        submit_review(actor=seat.user, application=application, scores=scores, as_of=AS_OF)
    assert codes(excinfo) == {"review.point_not_scored"}
    assert "score_7" in excinfo.value.error_dict
    assert not Review.objects.exists()


@pytest.mark.parametrize("score", [0, 6])
def test_a_score_outside_one_to_five_is_refused(seat, application, score):
    with pytest.raises(ValidationError) as excinfo:
        save_review(actor=seat.user, application=application, scores={2: (score, "")}, as_of=AS_OF)
    assert codes(excinfo) == {"review.score_out_of_range"}
    assert not Review.objects.exists()


def test_a_comment_too_long_is_refused(seat, application):
    with pytest.raises(ValidationError) as excinfo:
        save_review(
            actor=seat.user, application=application, scores={1: (3, "x" * 5001)}, as_of=AS_OF
        )
    assert codes(excinfo) == {"review.comment_too_long"}
    assert not Review.objects.exists()


def test_a_submitted_review_cannot_change(seat, application):
    submit_review(actor=seat.user, application=application, scores=all_scores(4), as_of=AS_OF)
    with pytest.raises(ValidationError) as excinfo:
        save_review(actor=seat.user, application=application, scores=all_scores(1), as_of=AS_OF)
    assert codes(excinfo) == {"review.already_submitted"}
    assert set(Score.objects.values_list("score", flat=True)) == {4}


def test_a_decided_application_is_no_longer_scored(seat, call):
    decided = ApplicationFactory(call=call, state=ApplicationState.NOT_ACCEPTED)
    with pytest.raises(ValidationError) as excinfo:
        save_review(actor=seat.user, application=decided, scores={1: (3, "")}, as_of=AS_OF)
    assert codes(excinfo) == {"review.application_decided"}


def test_scoring_an_application_of_ones_own_country_is_refused(seat, call):
    own = ApplicationFactory(call=call, state=ApplicationState.SUBMITTED, country=seat.country)
    with pytest.raises(PermissionDenied):
        save_review(actor=seat.user, application=own, scores={1: (3, "")}, as_of=AS_OF)
    assert not Review.objects.exists()


def test_scoring_after_declaring_a_conflict_is_refused(seat, application):
    declare_conflict(actor=seat.user, application=application, reason="Family.", as_of=AS_OF)
    with pytest.raises(PermissionDenied):
        save_review(actor=seat.user, application=application, scores={1: (3, "")}, as_of=AS_OF)
    assert not Review.objects.exists()


def test_staff_not_on_the_committee_do_not_score(staff, application):
    with pytest.raises(PermissionDenied):
        save_review(actor=staff, application=application, scores={1: (3, "")}, as_of=AS_OF)


def test_a_draft_application_is_not_scored(seat, call):
    draft = ApplicationFactory(call=call)
    with pytest.raises(PermissionDenied):
        save_review(actor=seat.user, application=draft, scores={1: (3, "")}, as_of=AS_OF)


# --- blindness ------------------------------------------------------------------------------------


def test_a_committee_member_sees_the_scores_only_after_submitting(seat, application):
    ReviewFactory(application=application, submitted_at="2026-11-10T10:00Z")
    assert not seat.user.has_perm("members.view_review_scores", application)
    save_review(actor=seat.user, application=application, scores={1: (3, "")}, as_of=AS_OF)
    assert not seat.user.has_perm("members.view_review_scores", application)
    submit_review(actor=seat.user, application=application, scores=all_scores(), as_of=AS_OF)
    assert seat.user.has_perm("members.view_review_scores", application)


def test_staff_not_on_the_committee_see_the_scores(staff, application):
    assert staff.has_perm("members.view_review_scores", application)


def test_staff_on_the_committee_see_the_scores_only_after_submitting(staff, call, application):
    CommitteeMemberFactory(call=call, user=staff)
    assert not staff.has_perm("members.view_review_scores", application)


# --- shortlisting ---------------------------------------------------------------------------------


def test_staff_shortlist_an_application_of_a_two_stage_call(staff):
    call = CallFactory(stages=CallStages.TWO, stage1_closes_on=date(2026, 11, 15))
    application = ApplicationFactory(call=call, state=ApplicationState.SUBMITTED)
    shortlist_application(actor=staff, application=application, reason="Strong.", as_of=AS_OF)
    application.refresh_from_db()
    assert (application.state, application.shortlisted_on) == ("shortlisted", AS_OF)
    event = AuditEvent.objects.get(verb="application.shortlisted")
    assert (event.actor, event.reason) == (staff, "Strong.")


def test_shortlisting_in_a_one_stage_call_is_refused(staff, application):
    with pytest.raises(ValidationError) as excinfo:
        shortlist_application(actor=staff, application=application, as_of=AS_OF)
    assert codes(excinfo) == {"application.shortlist_one_stage"}
    application.refresh_from_db()
    assert application.state == "submitted"


def test_committee_members_do_not_shortlist(seat, application):
    with pytest.raises(PermissionDenied):
        shortlist_application(actor=seat.user, application=application, as_of=AS_OF)


def test_staff_recused_from_an_application_do_not_shortlist_it(staff):
    call = CallFactory(stages=CallStages.TWO, stage1_closes_on=date(2026, 11, 15))
    application = ApplicationFactory(call=call, state=ApplicationState.SUBMITTED)
    CommitteeMemberFactory(call=call, user=staff, country=application.country)
    with pytest.raises(PermissionDenied):
        shortlist_application(actor=staff, application=application, as_of=AS_OF)
