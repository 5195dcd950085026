"""Properties of the engine that must hold for every member and every day (RULES.md §2, §5)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from itertools import pairwise

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from tests.tracker.member_strategies import days, facts_dated_after, facts_known_on, members
from tracker.engine import (
    INVOLUNTARY_RULES,
    PROBATION,
    REVOKED,
    VOLUNTARY,
    Evaluation,
    VoluntaryPeriod,
    evaluate,
)

DAY = timedelta(days=1)
SIX_MONTHS = "probation.inactive_six_months"


def result(evaluation: Evaluation) -> tuple:
    """Everything but as_of and next_change_on."""
    return (
        evaluation.status,
        evaluation.voluntary,
        evaluation.since,
        evaluation.reasons,
        evaluation.timeline,
        evaluation.deadlines,
    )


@given(members())
def test_timeline_starts_on_joined_on_and_each_entry_changes_something(member):
    facts, as_of = member
    evaluation = evaluate(facts, as_of)
    timeline = evaluation.timeline
    assert timeline[0].on == facts.member.joined_on
    assert timeline[-1].on <= as_of
    for before, after in pairwise(timeline):
        assert before.on < after.on
        assert (before.status, before.voluntary, before.rules) != (
            after.status,
            after.voluntary,
            after.rules,
        )
    for entry in timeline:
        assert list(entry.rules) == sorted(set(entry.rules))
        assert entry.voluntary == (entry.status == "inactive" and VOLUNTARY in entry.rules)
    last = timeline[-1]
    assert (last.status, last.voluntary) == (evaluation.status, evaluation.voluntary)
    assert last.rules == tuple(reason.rule for reason in evaluation.reasons)
    assert evaluation.since <= as_of


@given(st.data())
def test_revoked_is_final(data):
    facts, as_of = data.draw(members())
    evaluation = evaluate(facts, as_of)
    statuses = [entry.status for entry in evaluation.timeline]
    if REVOKED in statuses:
        assert statuses.index(REVOKED) == len(statuses) - 1
    if evaluation.status != REVOKED:
        return
    # Whatever happens later, the member stays revoked since the same day.
    later_facts = data.draw(facts_dated_after(facts, as_of))
    later = evaluate(later_facts, as_of + timedelta(days=data.draw(st.integers(1, 2000))))
    assert later.status == REVOKED
    assert later.since == evaluation.since
    assert later.timeline == evaluation.timeline


@given(st.data())
def test_facts_dated_after_as_of_change_nothing(data):
    facts, as_of = data.draw(members())
    more = data.draw(facts_dated_after(facts, as_of))
    assert evaluate(more, as_of) == evaluate(facts, as_of)


@given(st.data())
def test_voluntary_periods_starting_after_as_of_change_only_what_lies_ahead(data):
    """Voluntary periods are known from the start, so one granted ahead may bring the next
    change forward or prolong the current voluntary inactivity (voluntary_until); nothing
    else at as_of may change."""
    facts, as_of = data.draw(members())
    starts_on = data.draw(days(as_of + DAY, as_of + timedelta(days=700)))
    ends_on = data.draw(st.none() | days(starts_on, starts_on + timedelta(days=400)))
    more = dataclasses.replace(
        facts, voluntary_periods=(*facts.voluntary_periods, VoluntaryPeriod(starts_on, ends_on))
    )

    def without_what_lies_ahead(evaluation):
        reasons = tuple(
            dataclasses.replace(reason, voluntary_until=None) for reason in evaluation.reasons
        )
        return result(dataclasses.replace(evaluation, reasons=reasons))

    assert without_what_lies_ahead(evaluate(more, as_of)) == without_what_lies_ahead(
        evaluate(facts, as_of)
    )


@given(members(), st.integers(0, 1500))
def test_timeline_at_an_earlier_day_is_a_prefix_of_the_later_one(member, gap):
    facts, earlier = member
    later = earlier + timedelta(days=gap)
    assert evaluate(facts, earlier).timeline == tuple(
        entry for entry in evaluate(facts, later).timeline if entry.on <= earlier
    )


@given(members())
def test_probation_and_revocation_never_come_early(member):
    """probation.inactive_six_months begins at least six months after the run of involuntary
    inactivity it grows from; revocation at least four months after probation began."""
    facts, as_of = member
    timeline = evaluate(facts, as_of).timeline

    def involuntary(entry):
        return any(rule in INVOLUNTARY_RULES for rule in entry.rules)

    for index, entry in enumerate(timeline):
        if SIX_MONTHS in entry.rules and (
            index == 0 or SIX_MONTHS not in timeline[index - 1].rules
        ):
            assert involuntary(entry)
            start = index
            while start > 0 and involuntary(timeline[start - 1]):
                start -= 1
            assert entry.on >= timeline[start].on + relativedelta(months=6)
        if entry.status == REVOKED:
            start = index
            while start > 0 and timeline[start - 1].status == PROBATION:
                start -= 1
            assert start < index, "revoked without probation before"
            assert entry.on >= timeline[start].on + relativedelta(months=4)


@given(st.data())
def test_next_change_on_is_the_first_day_the_result_changes(data):
    facts, as_of = data.draw(members())
    known = facts_known_on(facts, as_of)  # nothing new arrives after as_of
    now = evaluate(known, as_of)
    assert now == evaluate(facts, as_of)
    change_on = now.next_change_on
    if change_on is None:
        for later in (as_of + DAY, as_of + timedelta(days=500), as_of + timedelta(days=3000)):
            assert result(evaluate(known, later)) == result(now)
        return
    assert change_on > as_of
    day_before = evaluate(known, change_on - DAY)
    assert result(day_before) == result(now)
    assert day_before.next_change_on == change_on
    if change_on - DAY > as_of:
        between = data.draw(days(as_of + DAY, change_on - DAY))
        assert result(evaluate(known, between)) == result(now)
    assert result(evaluate(known, change_on)) != result(now)
