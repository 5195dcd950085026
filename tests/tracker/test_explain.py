"""The plain-words explanations of reasons and deadlines (tracker/explain.py): every one cites
its Handbook section, and plans and commitments are named by the labels the caller gives."""

from __future__ import annotations

from datetime import date

import pytest

from tracker import engine
from tracker.engine import Deadline, Reason
from tracker.explain import commitment_label, explain_deadline, explain_reason, plan_label

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


PLAN_LABEL = "Action plan 2024\u20132026"  # an en dash, as labels have
PLAN_LABELS = {"ap1": PLAN_LABEL}
COMMITMENT_LABELS = {"c1": "Commitment 3: Open contracting"}
NO_NEXT_PLAN = SAMPLE_REASONS[1]


def test_a_reason_names_its_plan_by_the_label_given():
    text = explain_reason(NO_NEXT_PLAN, plans=PLAN_LABELS)

    assert PLAN_LABEL in text
    assert "ap1" not in text


def test_labels_may_come_from_a_callable():
    text = explain_reason(NO_NEXT_PLAN, plans=lambda plan_id: f"Plan «{plan_id.upper()}»")

    assert "Plan «AP1»" in text


def test_labels_of_plans_are_not_looked_up_among_commitments():
    # Database keys of plans and commitments may coincide.
    text = explain_reason(NO_NEXT_PLAN, commitments={"ap1": "Commitment 1"})

    assert "Commitment 1" not in text
    assert "action plan ap1" in text


@pytest.mark.parametrize(
    "plans",
    [None, {}, {"ap2": "Another plan"}, {"ap1": ""}, lambda plan_id: None, {}.__getitem__],
    ids=["none", "empty", "other-id", "empty-label", "callable-none", "callable-raises"],
)
def test_an_id_without_a_label_falls_back_to_a_generic_name(plans):
    assert plan_label("ap1", plans) == "action plan ap1"
    assert "action plan ap1" in explain_reason(NO_NEXT_PLAN, plans=plans)


def test_a_commitment_without_a_label_falls_back_to_a_generic_name():
    assert commitment_label("c1") == "commitment c1"
    assert commitment_label("c1", COMMITMENT_LABELS) == "Commitment 3: Open contracting"
    assert commitment_label("c1", {"c2": "x"}.get) == "commitment c1"


def _deadline(kind, ref, state, met_on=None):
    return Deadline(kind, ref, date(2025, 2, 28), state, met_on, engine.DEADLINE_HANDBOOK[kind])


SAMPLE_DEADLINES = [
    _deadline(engine.FIRST_PLAN, None, engine.MET, date(2025, 2, 1)),
    _deadline(engine.NEXT_PLAN, "ap1", engine.LATE, date(2025, 3, 3)),
    _deadline(engine.INCEPTION_ASSESSMENT, "ap1", engine.OVERDUE),
    _deadline(engine.END_OF_COMMITMENT_ASSESSMENT, "c1", engine.UPCOMING),
    _deadline(engine.FINAL_LEARNING_EXERCISE, "ap1", engine.UPCOMING),
]


@pytest.mark.parametrize("deadline", SAMPLE_DEADLINES, ids=lambda deadline: deadline.kind)
def test_every_deadline_is_explained_citing_its_handbook_section(deadline):
    text = explain_deadline(deadline)

    assert f"({deadline.handbook})" in text
    assert "2025-02-28" in text
    assert "%(" not in text and "None" not in text


def test_a_deadline_names_its_plan_or_commitment_by_the_label_given():
    texts = [
        explain_deadline(deadline, plans=PLAN_LABELS, commitments=COMMITMENT_LABELS)
        for deadline in SAMPLE_DEADLINES
    ]

    assert PLAN_LABEL in texts[1]
    assert PLAN_LABEL in texts[2]
    assert "Commitment 3: Open contracting" in texts[3]
    assert not any("ap1" in text or "c1" in text for text in texts)


def test_a_deadline_without_labels_falls_back_to_its_ids():
    texts = [explain_deadline(deadline) for deadline in SAMPLE_DEADLINES]

    assert "action plan ap1" in texts[1]
    assert "commitment c1" in texts[3]


def test_a_deadline_says_its_state():
    met, late, overdue, upcoming, _ = (explain_deadline(d) for d in SAMPLE_DEADLINES)

    assert "done on 2025-02-01" in met
    assert "late, on 2025-03-03" in late
    assert "overdue" in overdue
    assert "is due by 2025-02-28" in upcoming
