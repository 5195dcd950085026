"""Small, direct checks of the engine's calendar, contract and explanations."""

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
    Reason,
    add_months,
    deadline_sort_key,
    evaluate,
    quarter_end,
    quarter_label,
    quarter_of,
    quarter_start,
)
from tracker.explain import explain_reason

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
        Deadline("next_plan", "b", day, "upcoming", None),
        Deadline("next_plan", "a", day, "upcoming", None),
        Deadline("first_plan", None, day, "upcoming", None),
        Deadline("end_of_commitment_assessment", "c1", date(2025, 1, 30), "upcoming", None),
    ]
    assert [(d.kind, d.ref) for d in sorted(rows, key=deadline_sort_key)] == [
        ("end_of_commitment_assessment", "c1"),
        ("first_plan", None),
        ("next_plan", "a"),
        ("next_plan", "b"),
    ]
    assert deadline_sort_key(Deadline("k", None, day, "met", day)) < deadline_sort_key(
        Deadline("k", "", day, "met", day)
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


SAMPLE_REASONS = [
    Reason(engine.NO_FIRST_PLAN, date(2024, 9, 1), "LH §4.1(1)", due_on=date(2024, 8, 31)),
    Reason(
        engine.NO_NEXT_PLAN, date(2025, 3, 1), "LH §4.1(2)", plan="ap1", due_on=date(2025, 2, 28)
    ),
    Reason(engine.NO_PROGRESS, date(2025, 7, 1), "LH §4.1(3)", quarters=("2025-Q1", "2025-Q2")),
    Reason(engine.NO_UPDATE, date(2025, 7, 1), "LH §4.1(4)", quarters=("2025-Q1", "2025-Q2")),
    Reason(engine.VOLUNTARY, date(2025, 3, 1), "LH §4.1", voluntary_until=date(2025, 9, 30)),
    Reason(engine.VOLUNTARY, date(2025, 3, 1), "LH §4.1"),
    Reason(
        engine.INACTIVE_SIX_MONTHS,
        date(2026, 1, 1),
        "LH §4.2",
        inactive_since=date(2025, 7, 1),
        revocation_on=date(2026, 5, 1),
    ),
    Reason(
        engine.CO_CREATION,
        date(2025, 1, 10),
        "LH §4.2",
        finding_on=date(2025, 1, 10),
        revocation_on=date(2025, 5, 10),
    ),
    Reason(
        engine.PROBATION_UNRECTIFIED,
        date(2026, 5, 1),
        "LH §4.2",
        probation_since=date(2026, 1, 1),
    ),
]


@pytest.mark.parametrize("reason", SAMPLE_REASONS, ids=lambda reason: reason.rule)
def test_every_reason_is_explained_citing_its_handbook_section(reason):
    text = explain_reason(reason)
    assert f"({reason.handbook})" in text
    assert "%(" not in text and "None" not in text


def test_explanations_name_the_facts_a_person_needs():
    texts = [explain_reason(reason) for reason in SAMPLE_REASONS]
    assert "2025-Q1 or 2025-Q2" in texts[2]
    assert "ap1" in texts[1] and "2025-02-28" in texts[1]
    assert "2026-05-01" in texts[6]  # revocation unless the member resumes its activities
    assert "no end date" in texts[5]


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


def test_next_plan_is_met_only_by_a_plan_submitted_on_a_later_day():
    first = _plan("a", date(2024, 8, 1), date(2024, 9, 1), date(2025, 8, 31))
    same_day = _plan("b", date(2024, 8, 1), date(2025, 9, 1), date(2026, 8, 31))
    later = _plan("c", date(2026, 10, 1), date(2026, 11, 1), date(2028, 8, 31))

    def next_plan_of(plans, plan_id, as_of):
        result = evaluate(Facts(MEMBER, plans=plans), as_of)
        (deadline,) = [
            d for d in result.deadlines if d.kind == engine.NEXT_PLAN and d.ref == plan_id
        ]
        return deadline

    assert next_plan_of((first, same_day), "a", date(2026, 1, 15)).state == engine.OVERDUE
    met = next_plan_of((first, same_day, later), "b", date(2026, 12, 1))
    assert (met.state, met.met_on) == (engine.MET, date(2026, 10, 1))
