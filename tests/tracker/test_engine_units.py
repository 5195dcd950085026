"""Small, direct checks of the engine's calendar, contract and decisions (RULES.md §2, §3)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tracker import engine
from tracker.engine import (
    Commitment,
    Deadline,
    Facts,
    MemberInfo,
    Plan,
    add_months,
    deadline_sort_key,
    evaluate,
    quarter_end,
    quarter_label,
    quarter_of,
    quarter_start,
)

REPO = Path(__file__).resolve().parents[2]
MEMBER = MemberInfo(joined_on=date(2024, 2, 1), first_plan_due_on=date(2024, 8, 31))


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2023, 10, 30), 4, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 10, 31), 6, date(2026, 4, 30)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2025, 7, 1), 6, date(2026, 1, 1)),
    ],
)
def test_months_are_calendar_months_clamped_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_quarters():
    q = quarter_of(date(2025, 8, 31))
    assert quarter_label(q) == "2025-Q3"
    assert (quarter_start(q), quarter_end(q)) == (date(2025, 7, 1), date(2025, 9, 30))
    assert quarter_label(q - 3) == "2024-Q4"
    assert quarter_end(quarter_of(date(2024, 2, 29))) == date(2024, 3, 31)


def test_no_status_before_joining():
    with pytest.raises(ValueError, match="before joined_on"):
        evaluate(Facts(MEMBER), date(2024, 1, 31))


def test_a_commitment_known_before_its_plan_is_refused():
    plan = Plan("ap1", date(2024, 9, 1), date(2024, 9, 1), date(2026, 8, 31))
    commitment = Commitment(
        "c1", "ap1", date(2024, 8, 1), date(2024, 9, 1), date(2025, 8, 31), None
    )
    with pytest.raises(ValueError, match="its plan 'ap1' is not"):
        evaluate(Facts(MEMBER, plans=(plan,), commitments=(commitment,)), date(2024, 8, 15))


def test_deadlines_sort_by_due_on_then_kind_then_ref_with_no_ref_first():
    day = date(2025, 1, 31)
    rows = [
        Deadline("next_plan", "b", day, "upcoming", None, "LH §3.2, §4.1(2)"),
        Deadline("next_plan", "a", day, "upcoming", None, "LH §3.2, §4.1(2)"),
        Deadline("first_plan", None, day, "upcoming", None, "LH §4.1(1)"),
        Deadline("end_of_commitment_assessment", "c1", date(2025, 1, 30), "upcoming", None, ""),
    ]
    assert [(d.kind, d.ref) for d in sorted(rows, key=deadline_sort_key)] == [
        ("end_of_commitment_assessment", "c1"),
        ("first_plan", None),
        ("next_plan", "a"),
        ("next_plan", "b"),
    ]
    assert deadline_sort_key(Deadline("k", None, day, "met", day, "")) < deadline_sort_key(
        Deadline("k", "", day, "met", day, "")
    )


def test_the_engine_imports_no_django():
    code = (
        "import sys, tracker.engine; "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, timeout=60)


def test_rule_handbook_sections_are_those_of_rules_md():
    assert engine.RULE_HANDBOOK == {
        "inactive.no_first_plan": "LH §4.1(1)",
        "inactive.no_next_plan": "LH §4.1(2)",
        "inactive.no_progress": "LH §4.1(3)",
        "inactive.no_update": "LH §4.1(4)",
        "inactive.voluntary": "LH §4.1",
        "probation.inactive_six_months": "LH §4.2",
        "probation.co_creation": "LH §4.2",
        "revoked.probation_unrectified": "LH §4.2",
    }
    assert set(engine.REASON_FIELDS) == set(engine.RULES)


def _plan(plan_id, submitted_on, starts_on, ends_on):
    return Plan(plan_id, submitted_on, starts_on, ends_on)


def test_a_commitment_past_its_own_end_but_not_completed_keeps_quarters_tracked():
    # c1 ends 2024-12-31 but is never marked complete: 2025-Q1 and Q2 stay tracked, so two
    # quarters without an update make the member inactive on 2025-07-01 (docs/engine-decisions.md).
    plan = _plan("ap1", date(2024, 8, 20), date(2024, 9, 1), date(2026, 8, 31))
    commitment = Commitment(
        "c1", "ap1", date(2024, 8, 20), date(2024, 9, 1), date(2024, 12, 31), None
    )
    facts = Facts(MEMBER, plans=(plan,), commitments=(commitment,))

    result = evaluate(facts, date(2025, 7, 1))

    assert result.status == engine.INACTIVE
    assert {reason.rule for reason in result.reasons} == {engine.NO_PROGRESS, engine.NO_UPDATE}


def test_a_completed_commitment_stops_tracking_the_quarters_after_it():
    plan = _plan("ap1", date(2024, 8, 20), date(2024, 9, 1), date(2026, 8, 31))
    commitment = Commitment(
        "c1", "ap1", date(2024, 8, 20), date(2024, 9, 1), date(2025, 8, 31), date(2024, 12, 20)
    )
    facts = Facts(MEMBER, plans=(plan,), commitments=(commitment,))

    assert evaluate(facts, date(2025, 7, 1)).status == engine.ACTIVE


def _next_plan_of(plans, plan_id, as_of):
    result = evaluate(Facts(MEMBER, plans=tuple(plans)), as_of)
    (deadline,) = [d for d in result.deadlines if d.kind == engine.NEXT_PLAN and d.ref == plan_id]
    return deadline


# RULES.md §3: next_plan is met by the first other plan submitted on or after it that ends later.
FIRST = _plan("a", date(2024, 8, 1), date(2024, 9, 1), date(2025, 8, 31))


def test_a_plan_submitted_the_same_day_that_ends_later_meets_next_plan():
    same_day = _plan("b", date(2024, 8, 1), date(2025, 9, 1), date(2026, 8, 31))

    deadline = _next_plan_of([FIRST, same_day], "a", date(2026, 1, 15))

    assert (deadline.state, deadline.met_on) == (engine.MET, date(2024, 8, 1))


def test_a_plan_submitted_the_same_day_is_a_successor_whichever_is_listed_first():
    same_day = _plan("b", date(2024, 8, 1), date(2025, 9, 1), date(2026, 8, 31))

    deadline = _next_plan_of([same_day, FIRST], "a", date(2026, 1, 15))

    assert deadline.met_on == date(2024, 8, 1)


def test_a_plan_submitted_the_same_day_that_ends_earlier_does_not_meet_next_plan():
    longer = _plan("b", date(2024, 8, 1), date(2024, 9, 1), date(2026, 8, 31))

    deadline = _next_plan_of([FIRST, longer], "b", date(2027, 1, 15))

    assert (deadline.state, deadline.met_on) == (engine.OVERDUE, None)


def test_a_later_plan_ending_on_the_same_day_does_not_meet_next_plan():
    same_end = _plan("b", date(2025, 3, 1), date(2025, 3, 1), FIRST.ends_on)

    deadline = _next_plan_of([FIRST, same_end], "a", date(2026, 1, 15))

    assert (deadline.state, deadline.met_on) == (engine.OVERDUE, None)


def test_a_plan_submitted_earlier_does_not_meet_next_plan_even_if_it_ends_later():
    earlier = _plan("b", date(2024, 7, 1), date(2024, 7, 1), date(2026, 8, 31))

    deadline = _next_plan_of([FIRST, earlier], "a", date(2026, 1, 15))

    assert deadline.met_on is None


def test_next_plan_is_met_on_the_first_later_ending_plan_skipping_shorter_ones():
    shorter = _plan("b", date(2025, 1, 10), date(2025, 1, 10), date(2025, 6, 30))
    longer = _plan("c", date(2025, 10, 1), date(2025, 11, 1), date(2027, 8, 31))
    longest = _plan("d", date(2025, 12, 1), date(2025, 12, 1), date(2028, 8, 31))

    deadline = _next_plan_of([FIRST, shorter, longest, longer], "a", date(2026, 1, 15))

    assert (deadline.state, deadline.met_on) == (engine.MET, date(2025, 10, 1))


def test_each_deadline_carries_its_handbook_section():
    plan = _plan("ap1", date(2024, 8, 20), date(2024, 9, 1), date(2026, 8, 31))
    commitment = Commitment("c1", "ap1", date(2024, 8, 20), date(2024, 9, 1), date(2025, 8, 31))

    result = evaluate(Facts(MEMBER, plans=(plan,), commitments=(commitment,)), date(2025, 1, 1))

    assert {d.kind: d.handbook for d in result.deadlines} == {
        "first_plan": "LH §4.1(1)",
        "next_plan": "LH §3.2, §4.1(2)",
        "inception_assessment": "LH §3.5.1",
        "end_of_commitment_assessment": "LH §3.5.2",
        "final_learning_exercise": "LH §3.5.3",
    }


# RULES.md §2, Decisions: a commitment counts for tracking only from the first quarter that starts
# on or after its filing.
PLAN_2024 = _plan("ap1", date(2024, 8, 20), date(2024, 9, 1), date(2026, 10, 31))


def _backdated(submitted_on: date) -> Facts:
    """A plan filed in time whose only commitment, starting with the plan, is filed later."""
    commitment = Commitment("c1", "ap1", submitted_on, date(2024, 9, 1), date(2026, 6, 30))
    return Facts(MEMBER, plans=(PLAN_2024,), commitments=(commitment,))


def test_a_backdated_commitment_does_not_track_the_quarter_it_was_filed_in_or_earlier_ones():
    facts = _backdated(date(2025, 5, 10))  # mid 2025-Q2; 2024-Q4 to 2025-Q2 had no update

    result = evaluate(facts, date(2025, 12, 31))

    assert result.status == engine.ACTIVE
    assert [entry.status for entry in result.timeline] == [engine.ACTIVE]


def test_a_backdated_commitment_tracks_the_quarters_from_the_next_one():
    result = evaluate(_backdated(date(2025, 5, 10)), date(2026, 1, 1))

    assert result.status == engine.INACTIVE
    assert result.since == date(2026, 1, 1)
    assert {reason.quarters for reason in result.reasons} == {("2025-Q3", "2025-Q4")}


def test_a_commitment_filed_on_a_quarters_first_day_tracks_that_quarter():
    on_first_day = evaluate(_backdated(date(2025, 4, 1)), date(2025, 10, 1))
    a_day_later = evaluate(_backdated(date(2025, 4, 2)), date(2025, 10, 1))

    assert on_first_day.status == engine.INACTIVE
    assert {reason.quarters for reason in on_first_day.reasons} == {("2025-Q2", "2025-Q3")}
    assert a_day_later.status == engine.ACTIVE


def test_filing_a_backdated_commitment_changes_no_day_before_the_next_quarter():
    # Evaluated the day after the filing, the past stays as it was announced.
    before = evaluate(_backdated(date(2025, 5, 10)), date(2025, 5, 9))
    after = evaluate(_backdated(date(2025, 5, 10)), date(2025, 5, 11))

    assert before.timeline == after.timeline
    assert after.next_change_on == date(2026, 1, 1)
