"""The rules of RULES.md §6 as pure functions: what a run records and when a letter goes out.

`tracker.job` applies them to the database; the tests apply them to timelines directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker import engine

# (status, voluntary, rules): what a timeline entry and a recorded change both say.
State = tuple[str, bool, tuple[str, ...]]

BASELINE = "baseline"
CHANGE = "change"
CORRECTION = "correction"


def state_of_entry(entry: engine.TimelineEntry) -> State:
    return (entry.status, entry.voluntary, tuple(entry.rules))


def state_of_change(change: Any) -> State:
    """The state a StatusChange row records."""
    return (change.status, change.voluntary, tuple(change.rules))


@dataclass
class ToRecord:
    changes: list[tuple[date, State, str]] = field(default_factory=list)
    # A correction was due on `as_of` but a change is already recorded on that day.
    blocked: bool = False


def changes_to_record(
    timeline: tuple[engine.TimelineEntry, ...] | list[engine.TimelineEntry],
    *,
    latest: tuple[date, State] | None,
    as_of: date,
) -> ToRecord:
    """RULES.md §6, "What a run records": T is the engine's timeline at `as_of`, `latest` the
    member's latest recorded change (its effective date and state), or None."""
    result = ToRecord()
    if latest is None:
        result.changes = [(entry.on, state_of_entry(entry), BASELINE) for entry in timeline]
        return result
    latest_on, previous = latest
    for entry in timeline:
        if entry.on <= latest_on:
            continue
        state = state_of_entry(entry)
        if state != previous:
            result.changes.append((entry.on, state, CHANGE))
            previous = state
    if not result.changes:
        at_as_of = state_of_entry(timeline[-1])
        if at_as_of != latest[1]:
            if latest_on >= as_of:
                result.blocked = True
            else:
                result.changes.append((as_of, at_as_of, CORRECTION))
    return result


def letter_due(kind: str, state: State, *, before: State | None) -> bool:
    """RULES.md §6, "Letters": for the last change of a run (never a baseline), when its status
    or voluntary flag differs from the state recorded before the run, or it puts in force a rule
    that was not in force before. A rule merely lifting gets no letter."""
    if kind == BASELINE or before is None:
        return False
    if state[0] != before[0] or state[1] != before[1]:
        return True
    return bool(set(state[2]) - set(before[2]))


def reason_to_record(reason: engine.Reason) -> dict[str, Any]:
    """A reason as stored on a StatusChange: rule, since, handbook and its structured facts
    (the words are made when shown, in the reader's language: tracker.explain)."""
    record: dict[str, Any] = {
        "rule": reason.rule,
        "since": reason.since.isoformat(),
        "handbook": reason.handbook,
    }
    for name in engine.REASON_FIELDS[reason.rule]:
        value = getattr(reason, name)
        if isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, date):
            value = value.isoformat()
        record[name] = value
    return record


_DATE_FIELDS = {
    "due_on",
    "voluntary_until",
    "inactive_since",
    "finding_on",
    "revocation_on",
    "probation_since",
}


def reason_from_record(record: dict[str, Any]) -> engine.Reason:
    values: dict[str, Any] = {}
    for name in engine.REASON_FIELDS.get(record["rule"], ()):
        value = record.get(name)
        if name in _DATE_FIELDS and value:
            value = date.fromisoformat(value)
        elif name == "quarters":
            value = tuple(value or ())
        values[name] = value
    return engine.Reason(
        rule=record["rule"],
        since=date.fromisoformat(record["since"]),
        handbook=record.get("handbook") or engine.RULE_HANDBOOK[record["rule"]],
        **values,
    )
