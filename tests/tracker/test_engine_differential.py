"""The engine agrees with the deliberately simple day-by-day evaluator (reference.py) on random
members, on every key: status, voluntary, since, reasons (all structured fields; the detail text
is the explainer's), timeline, deadlines and next_change_on."""

from __future__ import annotations

from hypothesis import given

from tests.tracker.member_strategies import members
from tests.tracker.reference import evaluate_reference
from tracker.engine import Evaluation, evaluate


def differing_keys(engine: Evaluation, reference: Evaluation) -> str:
    return "\n".join(
        f"{name}:\n  engine    {getattr(engine, name)}\n  reference {getattr(reference, name)}"
        for name in Evaluation.__slots__
        if getattr(engine, name) != getattr(reference, name)
    )


@given(members())
def test_engine_agrees_with_day_by_day_reference(member):
    facts, as_of = member
    engine, reference = evaluate(facts, as_of), evaluate_reference(facts, as_of)
    assert engine == reference, differing_keys(engine, reference)
