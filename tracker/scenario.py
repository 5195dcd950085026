"""The scenario format of RULES.md §5: strict parsing into the engine's facts, and the output JSON.

Parsing is pure Python. Every malformation raises ScenarioError whose message starts with the
path of the offending key (`commitments[1].plan: unknown plan 'ap9'`), on one line.
"""

from __future__ import annotations

import datetime
import json
import re
from datetime import date
from typing import Any

from tracker import engine
from tracker.engine import (
    Assessment,
    Commitment,
    Evaluation,
    Facts,
    Meeting,
    MemberInfo,
    Plan,
    Reason,
    RequirementFinding,
    TrackerUpdate,
    VoluntaryPeriod,
)


class ScenarioError(ValueError):
    """A malformed scenario; `path` names the offending key ('' for the document itself)."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path or 'scenario'}: {problem}")


class _Object(dict):
    """A JSON object that remembers the keys it held more than once."""

    duplicates: tuple[str, ...] = ()


def _object_pairs(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        duplicates = []
        for key, _ in pairs:
            if key in seen:
                duplicates.append(key)
            seen.add(key)
        result.duplicates = tuple(duplicates)
    return result


def loads(text: str | bytes) -> tuple[Facts, date]:
    """Parse a scenario document (JSON text)."""
    try:
        document = json.loads(text, object_pairs_hook=_object_pairs)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ScenarioError("", f"invalid JSON: {error}") from None
    return parse(document)


# Which keys each object holds: True when required, False when optional (absent or null).
_SCENARIO_KEYS = {
    "as_of": True,
    "member": True,
    "action_plans": False,
    "commitments": False,
    "tracker_updates": False,
    "meetings": False,
    "voluntary_inactivity": False,
    "requirement_findings": False,
    "assessments": False,
}
_MEMBER_KEYS = {
    "joined_on": True,
    "first_plan_due_on": True,
    "term_ends_on": False,
    "extension_until": False,
    # RULES.md §5: read by the daily job (§6) only; the engine ignores it.
    "extension_granted_on": False,
}
_PLAN_KEYS = {"id": True, "submitted_on": True, "starts_on": True, "ends_on": True}
_COMMITMENT_KEYS = {
    "id": True,
    "plan": True,
    "submitted_on": True,
    "starts_on": True,
    "ends_on": True,
    "completed_on": False,
}
_UPDATE_KEYS = {"commitment": True, "submitted_on": True, "progress": True}
_MEETING_KEYS = {"held_on": True, "kind": True}
# `granted_on`: read by the daily job (RULES.md §6) only; the engine ignores it.
_VOLUNTARY_KEYS = {"starts_on": True, "ends_on": False, "granted_on": False}
_FINDING_KEYS = {"recorded_on": True, "met": True}
_ASSESSMENT_KEYS = {"kind": True, "submitted_on": True, "plan": False, "commitment": False}
# What an assessment of each kind is of (RULES.md §5).
_ASSESSMENT_SUBJECT = {
    engine.INCEPTION: "plan",
    engine.END_OF_COMMITMENT: "commitment",
    engine.FINAL_LEARNING: "plan",
}

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Reader:
    """One JSON object being read, with its path for error messages."""

    def __init__(self, value: Any, path: str, keys: dict[str, bool]) -> None:
        if not isinstance(value, dict):
            raise ScenarioError(path, f"expected an object, got {_type_name(value)}")
        for key in getattr(value, "duplicates", ()):
            raise ScenarioError(_join(path, key), "duplicate key")
        for key in value:
            if key not in keys:
                raise ScenarioError(_join(path, key), "unknown key")
        for key, required in keys.items():
            if required and value.get(key) is None:
                raise ScenarioError(_join(path, key), "missing" if key not in value else "null")
        self.value = value
        self.path = path

    def at(self, key: str) -> str:
        return _join(self.path, key)

    def optional_date(self, key: str) -> datetime.date | None:
        value = self.value.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            raise ScenarioError(self.at(key), f"expected a date YYYY-MM-DD, got {_show(value)}")
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise ScenarioError(self.at(key), f"impossible date {_show(value)}") from None

    def date(self, key: str) -> datetime.date:
        """A required date (its presence is checked when the object is read)."""
        value = self.optional_date(key)
        assert value is not None
        return value

    def optional_string(self, key: str) -> str | None:
        value = self.value.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value:
            raise ScenarioError(self.at(key), f"expected a non-empty string, got {_show(value)}")
        return value

    def string(self, key: str) -> str:
        """A required string (its presence is checked when the object is read)."""
        value = self.optional_string(key)
        assert value is not None
        return value

    def boolean(self, key: str) -> bool:
        value = self.value.get(key)
        if not isinstance(value, bool):
            raise ScenarioError(self.at(key), f"expected true or false, got {_show(value)}")
        return value

    def not_before(
        self, key: str, day: datetime.date | None, other_key: str, other: datetime.date
    ) -> None:
        if day is not None and day < other:
            raise ScenarioError(self.at(key), f"{day} is before {other_key} {other}")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
    }.get(type(value), "an object")


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else repr(value[:40] + "…")
    return _type_name(value)


def _items(document: _Reader, key: str) -> list[Any]:
    value = document.value.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ScenarioError(key, f"expected a list, got {_type_name(value)}")
    return value


def parse(document: Any) -> tuple[Facts, date]:
    """Check a decoded scenario document and turn it into the engine's facts and as_of."""
    root = _Reader(document, "", _SCENARIO_KEYS)
    as_of = root.date("as_of")

    reader = _Reader(document["member"], "member", _MEMBER_KEYS)
    member = MemberInfo(
        joined_on=reader.date("joined_on"),
        first_plan_due_on=reader.date("first_plan_due_on"),
        term_ends_on=reader.optional_date("term_ends_on"),
        extension_until=reader.optional_date("extension_until"),
    )
    reader.not_before(
        "extension_until", member.extension_until, "first_plan_due_on", member.first_plan_due_on
    )
    extension_granted_on = reader.optional_date("extension_granted_on")
    if extension_granted_on is not None and member.extension_until is None:
        raise ScenarioError(reader.at("extension_granted_on"), "given without extension_until")
    reader.not_before("extension_granted_on", extension_granted_on, "joined_on", member.joined_on)
    root.not_before("as_of", as_of, "member.joined_on", member.joined_on)

    plans: dict[str, Plan] = {}
    for index, value in enumerate(_items(root, "action_plans")):
        reader = _Reader(value, f"action_plans[{index}]", _PLAN_KEYS)
        plan = Plan(
            id=reader.string("id"),
            submitted_on=reader.date("submitted_on"),
            starts_on=reader.date("starts_on"),
            ends_on=reader.date("ends_on"),
        )
        if plan.id in plans:
            raise ScenarioError(reader.at("id"), f"duplicate id {plan.id!r}")
        reader.not_before("ends_on", plan.ends_on, "starts_on", plan.starts_on)
        plans[plan.id] = plan

    commitments: dict[str, Commitment] = {}
    for index, value in enumerate(_items(root, "commitments")):
        reader = _Reader(value, f"commitments[{index}]", _COMMITMENT_KEYS)
        commitment = Commitment(
            id=reader.string("id"),
            plan=reader.string("plan"),
            submitted_on=reader.date("submitted_on"),
            starts_on=reader.date("starts_on"),
            ends_on=reader.date("ends_on"),
            completed_on=reader.optional_date("completed_on"),
        )
        if commitment.id in commitments:
            raise ScenarioError(reader.at("id"), f"duplicate id {commitment.id!r}")
        if commitment.plan not in plans:
            raise ScenarioError(reader.at("plan"), f"unknown plan {commitment.plan!r}")
        # A commitment is part of its plan: it cannot be filed before the plan.
        plan_submitted_on = plans[commitment.plan].submitted_on
        reader.not_before(
            "submitted_on", commitment.submitted_on, "its plan's submitted_on", plan_submitted_on
        )
        reader.not_before("ends_on", commitment.ends_on, "starts_on", commitment.starts_on)
        reader.not_before(
            "completed_on", commitment.completed_on, "starts_on", commitment.starts_on
        )
        commitments[commitment.id] = commitment

    updates = []
    for index, value in enumerate(_items(root, "tracker_updates")):
        reader = _Reader(value, f"tracker_updates[{index}]", _UPDATE_KEYS)
        update = TrackerUpdate(
            commitment=reader.string("commitment"),
            submitted_on=reader.date("submitted_on"),
            progress=reader.boolean("progress"),
        )
        if update.commitment not in commitments:
            raise ScenarioError(
                reader.at("commitment"), f"unknown commitment {update.commitment!r}"
            )
        updates.append(update)

    meetings = []
    for index, value in enumerate(_items(root, "meetings")):
        reader = _Reader(value, f"meetings[{index}]", _MEETING_KEYS)
        kind = reader.string("kind")
        if kind not in engine.MEETING_KINDS:
            raise ScenarioError(reader.at("kind"), f"unknown kind {kind!r}")
        meetings.append(Meeting(held_on=reader.date("held_on"), kind=kind))

    periods = []
    for index, value in enumerate(_items(root, "voluntary_inactivity")):
        reader = _Reader(value, f"voluntary_inactivity[{index}]", _VOLUNTARY_KEYS)
        period = VoluntaryPeriod(
            starts_on=reader.date("starts_on"), ends_on=reader.optional_date("ends_on")
        )
        reader.not_before("ends_on", period.ends_on, "starts_on", period.starts_on)
        reader.optional_date("granted_on")  # checked here, used by the daily job (§6)
        periods.append(period)

    findings = []
    for index, value in enumerate(_items(root, "requirement_findings")):
        reader = _Reader(value, f"requirement_findings[{index}]", _FINDING_KEYS)
        findings.append(
            RequirementFinding(recorded_on=reader.date("recorded_on"), met=reader.boolean("met"))
        )

    assessments = []
    for index, value in enumerate(_items(root, "assessments")):
        reader = _Reader(value, f"assessments[{index}]", _ASSESSMENT_KEYS)
        kind = reader.string("kind")
        if kind not in _ASSESSMENT_SUBJECT:
            raise ScenarioError(reader.at("kind"), f"unknown kind {kind!r}")
        assessment = Assessment(
            kind=kind,
            submitted_on=reader.date("submitted_on"),
            plan=reader.optional_string("plan"),
            commitment=reader.optional_string("commitment"),
        )
        subject = _ASSESSMENT_SUBJECT[kind]
        other = "commitment" if subject == "plan" else "plan"
        if getattr(assessment, other) is not None:
            raise ScenarioError(reader.at(other), f"not allowed for kind {kind!r}")
        ref = getattr(assessment, subject)
        if ref is None:
            raise ScenarioError(reader.at(subject), f"missing (required for kind {kind!r})")
        if ref not in (plans if subject == "plan" else commitments):
            raise ScenarioError(reader.at(subject), f"unknown {subject} {ref!r}")
        assessments.append(assessment)

    facts = Facts(
        member=member,
        plans=tuple(plans.values()),
        commitments=tuple(commitments.values()),
        updates=tuple(updates),
        meetings=tuple(meetings),
        voluntary_periods=tuple(periods),
        findings=tuple(findings),
        assessments=tuple(assessments),
    )
    return facts, as_of


def learned_on(document: Any) -> tuple[date | None, tuple[date | None, ...]]:
    """The two dates only the daily job reads (RULES.md §6), from a document `parse` accepted:
    `member.extension_granted_on`, and each `voluntary_inactivity[].granted_on` in order (None:
    absent, known from the start)."""

    def day(value: Any) -> date | None:
        return None if value is None else date.fromisoformat(value)

    periods = document.get("voluntary_inactivity") or []
    return (
        day(document["member"].get("extension_granted_on")),
        tuple(day(period.get("granted_on")) for period in periods),
    )


# --- Output --------------------------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def reason_to_json(reason: Reason) -> dict[str, Any]:
    """A reason as in RULES.md §5, plus its structured facts; `detail` comes from the explainer."""
    from tracker.explain import explain_reason  # Django's translation machinery, only here

    result: dict[str, Any] = {
        "rule": reason.rule,
        "since": _iso(reason.since),
        "handbook": reason.handbook,
        "detail": explain_reason(reason),
    }
    for name in engine.REASON_FIELDS[reason.rule]:
        value = getattr(reason, name)
        if isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, date):
            value = value.isoformat()
        result[name] = value
    return result


def to_json(evaluation: Evaluation) -> dict[str, Any]:
    """The output object of RULES.md §5, with next_change_on."""
    return {
        "as_of": _iso(evaluation.as_of),
        "status": evaluation.status,
        "voluntary": evaluation.voluntary,
        "since": _iso(evaluation.since),
        "next_change_on": _iso(evaluation.next_change_on),
        "reasons": [reason_to_json(reason) for reason in evaluation.reasons],
        "timeline": [
            {
                "on": _iso(entry.on),
                "status": entry.status,
                "voluntary": entry.voluntary,
                "rules": list(entry.rules),
            }
            for entry in evaluation.timeline
        ],
        "deadlines": [
            {
                "kind": deadline.kind,
                "ref": deadline.ref,
                "due_on": _iso(deadline.due_on),
                "state": deadline.state,
                "met_on": _iso(deadline.met_on),
            }
            for deadline in evaluation.deadlines
        ],
    }
