"""`manage.py member_status --scenario`: malformed input exits with status 2 and one line on
standard error naming the offending key, with nothing on standard output (RULES.md §5)."""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tracker.scenario import ScenarioError, loads, parse

REPO = Path(__file__).resolve().parents[2]

VALID = {
    "as_of": "2025-12-31",
    "member": {
        "joined_on": "2024-02-01",
        "term_ends_on": "2027-12-31",
        "first_plan_due_on": "2024-08-31",
        "extension_until": None,
    },
    "action_plans": [
        {
            "id": "ap1",
            "submitted_on": "2024-08-20",
            "starts_on": "2024-09-01",
            "ends_on": "2026-10-31",
        },
        {
            "id": "ap2",
            "submitted_on": "2025-08-20",
            "starts_on": "2025-09-01",
            "ends_on": "2027-10-31",
        },
    ],
    "commitments": [
        {
            "id": "c1",
            "plan": "ap1",
            "submitted_on": "2024-08-20",
            "starts_on": "2024-09-01",
            "ends_on": "2025-12-31",
            "completed_on": None,
        },
        {
            "id": "c2",
            "plan": "ap1",
            "submitted_on": "2024-08-20",
            "starts_on": "2024-09-01",
            "ends_on": "2026-09-30",
            "completed_on": "2025-06-30",
        },
    ],
    "tracker_updates": [{"commitment": "c1", "submitted_on": "2024-12-10", "progress": True}],
    "meetings": [{"held_on": "2024-06-10", "kind": "co_creation"}],
    "voluntary_inactivity": [{"starts_on": "2025-03-01", "ends_on": "2025-04-30"}],
    "requirement_findings": [{"recorded_on": "2025-01-10", "met": False}],
    "assessments": [
        {"kind": "inception", "plan": "ap1", "submitted_on": "2024-10-15"},
        {"kind": "end_of_commitment", "commitment": "c2", "submitted_on": "2025-07-15"},
    ],
}


def changed(change) -> str:
    document = copy.deepcopy(VALID)
    change(document)
    return json.dumps(document)


def delete(path):
    *parents, last = path

    def change(document):
        for key in parents:
            document = document[key]
        del document[last]

    return change


def put(path, value):
    *parents, last = path

    def change(document):
        for key in parents:
            document = document[key]
        document[last] = value

    return change


# (test id, scenario text, the start of the one-line error)
MALFORMED = [
    ("invalid-json", '{"as_of": "2025-12-31",', "scenario: invalid JSON"),
    ("not-an-object", "[1, 2]", "scenario: expected an object"),
    ("missing-as-of", changed(delete(["as_of"])), "as_of: missing"),
    ("missing-member-key", changed(delete(["member", "joined_on"])), "member.joined_on: missing"),
    (
        "missing-item-key",
        changed(delete(["commitments", 1, "starts_on"])),
        "commitments[1].starts_on: missing",
    ),
    (
        "null-required",
        changed(put(["requirement_findings", 0, "met"], None)),
        "requirement_findings[0].met: null",
    ),
    ("unknown-key", changed(put(["colour"], "blue")), "colour: unknown key"),
    (
        "unknown-nested-key",
        changed(put(["action_plans", 1, "title"], "x")),
        "action_plans[1].title: unknown key",
    ),
    (
        "impossible-date",
        changed(put(["member", "joined_on"], "2025-02-30")),
        "member.joined_on: impossible date '2025-02-30'",
    ),
    ("not-a-date", changed(put(["as_of"], "31/12/2025")), "as_of: expected a date"),
    (
        "date-of-wrong-type",
        changed(put(["meetings", 0, "held_on"], 20240610)),
        "meetings[0].held_on: expected a date",
    ),
    (
        "unknown-plan",
        changed(put(["commitments", 1, "plan"], "ap9")),
        "commitments[1].plan: unknown plan 'ap9'",
    ),
    (
        "unknown-commitment",
        changed(put(["tracker_updates", 0, "commitment"], "c9")),
        "tracker_updates[0].commitment: unknown commitment 'c9'",
    ),
    (
        "plan-ends-before-start",
        changed(put(["action_plans", 0, "ends_on"], "2024-08-31")),
        "action_plans[0].ends_on: 2024-08-31 is before starts_on",
    ),
    (
        "commitment-ends-before-start",
        changed(put(["commitments", 0, "ends_on"], "2024-01-01")),
        "commitments[0].ends_on:",
    ),
    (
        "completed-before-start",
        changed(put(["commitments", 1, "completed_on"], "2024-08-01")),
        "commitments[1].completed_on:",
    ),
    (
        "commitment-before-its-plan",
        changed(put(["commitments", 0, "submitted_on"], "2024-08-19")),
        "commitments[0].submitted_on:",
    ),
    (
        "voluntary-ends-before-start",
        changed(put(["voluntary_inactivity", 0, "ends_on"], "2025-02-28")),
        "voluntary_inactivity[0].ends_on:",
    ),
    (
        "extension-before-due",
        changed(put(["member", "extension_until"], "2024-08-30")),
        "member.extension_until:",
    ),
    (
        "as-of-before-joining",
        changed(put(["as_of"], "2024-01-31")),
        "as_of: 2024-01-31 is before member.joined_on",
    ),
    (
        "unknown-meeting-kind",
        changed(put(["meetings", 0, "kind"], "party")),
        "meetings[0].kind: unknown kind 'party'",
    ),
    (
        "unknown-assessment-kind",
        changed(put(["assessments", 0, "kind"], "midterm")),
        "assessments[0].kind: unknown kind 'midterm'",
    ),
    (
        "assessment-without-its-plan",
        changed(delete(["assessments", 0, "plan"])),
        "assessments[0].plan: missing",
    ),
    (
        "assessment-of-unknown-plan",
        changed(put(["assessments", 0, "plan"], "ap7")),
        "assessments[0].plan: unknown plan 'ap7'",
    ),
    (
        "assessment-with-both",
        changed(put(["assessments", 1, "plan"], "ap1")),
        "assessments[1].plan: not allowed",
    ),
    (
        "duplicate-plan-id",
        changed(put(["action_plans", 1, "id"], "ap1")),
        "action_plans[1].id: duplicate id 'ap1'",
    ),
    (
        "duplicate-commitment-id",
        changed(put(["commitments", 1, "id"], "c1")),
        "commitments[1].id: duplicate id 'c1'",
    ),
    (
        "duplicate-key",
        changed(delete(["as_of"])).replace(
            '"member"', '"as_of": "2025-12-31", "as_of": "2025-12-30", "member"', 1
        ),
        "as_of: duplicate key",
    ),
    (
        "progress-not-boolean",
        changed(put(["tracker_updates", 0, "progress"], "yes")),
        "tracker_updates[0].progress: expected true or false",
    ),
    (
        "met-as-number",
        changed(put(["requirement_findings", 0, "met"], 0)),
        "requirement_findings[0].met: expected true or false",
    ),
    (
        "list-of-wrong-type",
        changed(put(["commitments"], {"c1": {}})),
        "commitments: expected a list",
    ),
    (
        "item-of-wrong-type",
        changed(put(["action_plans", 0], "ap1")),
        "action_plans[0]: expected an object",
    ),
    ("member-of-wrong-type", changed(put(["member"], [])), "member: expected an object"),
    (
        "id-of-wrong-type",
        changed(put(["action_plans", 0, "id"], 1)),
        "action_plans[0].id: expected a non-empty string",
    ),
]


def test_the_valid_base_scenario_is_accepted():
    facts, as_of = loads(json.dumps(VALID))
    assert str(as_of) == "2025-12-31"
    assert [plan.id for plan in facts.plans] == ["ap1", "ap2"]


@pytest.mark.parametrize(
    ("text", "message"), [case[1:] for case in MALFORMED], ids=[case[0] for case in MALFORMED]
)
def test_malformed_scenario_names_the_offending_key(text, message):
    with pytest.raises(ScenarioError) as raised:
        loads(text)
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("text", "message"), [case[1:] for case in MALFORMED], ids=[case[0] for case in MALFORMED]
)
def test_command_refuses_malformed_scenario_with_status_2(tmp_path, text, message):
    scenario = tmp_path / "scenario.json"
    scenario.write_text(text)
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("member_status", "--scenario", str(scenario), stdout=out)
    assert raised.value.returncode == 2
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)
    assert out.getvalue() == ""


def run_command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO / "manage.py"), "member_status", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("case", ["unknown-plan", "invalid-json", "impossible-date"])
def test_command_line_exits_2_with_one_line_on_stderr_and_nothing_on_stdout(tmp_path, case):
    _, text, message = next(row for row in MALFORMED if row[0] == case)
    scenario = tmp_path / "scenario.json"
    scenario.write_text(text)
    result = run_command("--scenario", str(scenario))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]


def test_unreadable_scenario_file_exits_2(tmp_path):
    with pytest.raises(CommandError) as raised:
        call_command("member_status", "--scenario", str(tmp_path / "missing.json"))
    assert raised.value.returncode == 2
    assert str(raised.value).startswith("--scenario: cannot read")


def test_optional_keys_may_be_absent_or_null():
    minimal = {
        "as_of": "2025-01-01",
        "member": {"joined_on": "2024-01-01", "first_plan_due_on": "2024-06-30"},
    }
    facts, _ = parse(minimal)
    assert facts.plans == () and facts.member.extension_until is None
    nulls = {
        **minimal,
        "member": {**minimal["member"], "term_ends_on": None, "extension_until": None},
        **dict.fromkeys(
            [
                "action_plans",
                "commitments",
                "tracker_updates",
                "meetings",
                "voluntary_inactivity",
                "requirement_findings",
                "assessments",
            ]
        ),
    }
    assert parse(nulls) == parse(minimal)
    document = copy.deepcopy(VALID)
    del document["commitments"][0]["completed_on"]
    document["voluntary_inactivity"][0]["ends_on"] = None
    document["assessments"][0]["commitment"] = None
    facts, _ = parse(document)
    assert facts.commitments[0].completed_on is None
    assert facts.voluntary_periods[0].ends_on is None


def test_command_output_is_json_with_next_change_on(tmp_path):
    scenario = tmp_path / "scenario.json"
    scenario.write_text(json.dumps(VALID))
    out = io.StringIO()
    call_command("member_status", "--scenario", str(scenario), stdout=out)
    printed = json.loads(out.getvalue())
    assert set(printed) >= {
        "as_of",
        "status",
        "voluntary",
        "since",
        "reasons",
        "timeline",
        "deadlines",
        "next_change_on",
    }
    assert all(reason["detail"] for reason in printed["reasons"])


def test_scenario_deadlines_have_exactly_the_keys_of_rules_md(tmp_path):
    # Deadline.handbook is for pages and letters; RULES.md §5 does not show it in the scenario.
    scenario = tmp_path / "scenario.json"
    scenario.write_text(json.dumps(VALID))
    out = io.StringIO()
    call_command("member_status", "--scenario", str(scenario), stdout=out)
    deadlines = json.loads(out.getvalue())["deadlines"]
    assert deadlines
    for deadline in deadlines:
        assert set(deadline) == {"kind", "ref", "due_on", "state", "met_on"}
