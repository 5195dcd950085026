"""`tracker.facts` hands the engine the tracker updates (progress derived, by filing day) and the
voluntary periods and extension as granted by `as_of` (RULES.md §6)."""

from datetime import date

import pytest

from members.services import grant_extension
from tests.factories import ActionPlanFactory, CommitmentFactory, MemberFactory, UserFactory
from tracker import engine
from tracker.facts import facts_for_member
from tracker.services_inactivity import decide_voluntary_inactivity, request_voluntary_inactivity
from tracker.services_updates import correct_update, file_update

pytestmark = pytest.mark.django_db


def values(level):
    return {
        "completion_level": level,
        "narrative": "Done.",
        "next_steps": "Next.",
        "milestone_states": {},
    }


@pytest.fixture
def commitment():
    return CommitmentFactory(plan=ActionPlanFactory(submitted=True))


def test_an_update_is_handed_over_by_its_filing_day_with_derived_progress(commitment):
    file_update(commitment, actor=UserFactory(), as_of=date(2025, 2, 10), **values("limited"))
    facts = facts_for_member(commitment.plan.member, as_of=date(2025, 6, 1))
    assert facts.updates == (
        engine.TrackerUpdate(
            commitment=str(commitment.pk), submitted_on=date(2025, 2, 10), progress=True
        ),
    )


def test_a_correction_changes_progress_from_its_filing_day_but_not_the_updates_day(commitment):
    actor = UserFactory()
    update = file_update(commitment, actor=actor, as_of=date(2025, 2, 10), **values("not_started"))
    correct_update(
        update, actor=actor, as_of=date(2025, 4, 5), reason="Wrong level.", **values("limited")
    )
    member = commitment.plan.member
    (before,) = facts_for_member(member, as_of=date(2025, 3, 1)).updates
    (after,) = facts_for_member(member, as_of=date(2025, 4, 5)).updates
    assert (before.submitted_on, before.progress) == (date(2025, 2, 10), False)
    assert (after.submitted_on, after.progress) == (date(2025, 2, 10), True)


def test_an_update_filed_after_as_of_is_not_handed_over(commitment):
    file_update(commitment, actor=UserFactory(), as_of=date(2025, 2, 10), **values("limited"))
    assert facts_for_member(commitment.plan.member, as_of=date(2025, 2, 9)).updates == ()


def _request(member, *, ends_on=None):
    return request_voluntary_inactivity(
        member,
        actor=UserFactory(),
        as_of=date(2025, 3, 1),
        starts_on=date(2025, 3, 1),
        ends_on=ends_on,
        reason="Elections.",
    )


def test_a_voluntary_period_counts_from_the_day_it_was_granted():
    member = MemberFactory()
    decide_voluntary_inactivity(
        _request(member, ends_on=date(2025, 8, 31)),
        actor=UserFactory(staff=True),
        as_of=date(2025, 4, 10),
        grant=True,
        reason="Elections.",
    )
    assert facts_for_member(member, as_of=date(2025, 4, 9)).voluntary_periods == ()
    assert facts_for_member(member, as_of=date(2025, 4, 10)).voluntary_periods == (
        engine.VoluntaryPeriod(starts_on=date(2025, 3, 1), ends_on=date(2025, 8, 31)),
    )


def test_pending_and_refused_requests_are_not_facts():
    member = MemberFactory()
    _request(member)
    decide_voluntary_inactivity(
        _request(member),
        actor=UserFactory(staff=True),
        as_of=date(2025, 3, 2),
        grant=False,
        reason="No.",
    )
    assert facts_for_member(member, as_of=date(2025, 6, 1)).voluntary_periods == ()


def test_an_extension_counts_from_the_day_it_was_granted():
    member = MemberFactory(joined_on=date(2024, 2, 1), first_plan_due_on=date(2024, 8, 1))
    grant_extension(
        actor=UserFactory(staff=True),
        member=member,
        until=date(2024, 12, 1),
        reason="Co-creation began.",
        granted_on=date(2024, 9, 15),
    )
    assert facts_for_member(member, as_of=date(2024, 9, 14)).member.extension_until is None
    assert facts_for_member(member, as_of=date(2024, 9, 15)).member.extension_until == date(
        2024, 12, 1
    )


def test_a_correction_within_the_quarter_is_a_filing_on_its_own_day(commitment):
    actor = UserFactory()
    update = file_update(commitment, actor=actor, as_of=date(2025, 2, 10), **values("not_started"))
    correct_update(
        update,
        actor=actor,
        as_of=date(2025, 3, 5),
        reason="Progress after all.",
        **values("limited"),
    )
    facts = facts_for_member(commitment.plan.member, as_of=date(2025, 6, 1))
    assert [(u.submitted_on, u.progress) for u in facts.updates] == [
        (date(2025, 2, 10), False),
        (date(2025, 3, 5), True),
    ]
