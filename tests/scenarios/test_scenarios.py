"""Every scenario pair runs as its own test: the shared ones (../shared/scenarios, RULES.md §5)
and this project's edge cases (cases/, expected results written by hand from RULES.md).

Each pair is compared key by key, except reasons[].detail (free text for people); keys the
output adds beyond the expected ones are allowed. New pairs are picked up without edits.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from tracker.engine import evaluate
from tracker.scenario import loads, to_json

REPO = Path(__file__).resolve().parents[2]
# CI clones the repository beside `shared`, so ../shared from the repository root is right.
SHARED = REPO.parent / "shared" / "scenarios"
CASES = Path(__file__).resolve().parent / "cases"
MISSING = object()


def scenario_pairs(folder: Path) -> list:
    """One pytest param per NAME.json; a missing folder, an empty one or an input without its
    expected output is a failing param, never a skip."""
    inputs = sorted(p for p in folder.glob("*.json") if not p.name.endswith(".expected.json"))
    if not inputs:
        return [pytest.param(folder, MISSING, id=f"no-scenarios-in-{folder.name}")]
    pairs = [
        pytest.param(path, path.with_name(path.stem + ".expected.json"), id=path.stem)
        for path in inputs
    ]
    inputs_named = {path.name for path in inputs}
    pairs.extend(
        pytest.param(expected, MISSING, id=f"orphan-{expected.name}")
        for expected in sorted(folder.glob("*.expected.json"))
        if expected.name.replace(".expected.json", ".json") not in inputs_named
    )
    return pairs


SHARED_PAIRS = scenario_pairs(SHARED)
CASE_PAIRS = scenario_pairs(CASES)


def differences(expected, actual, path: str = "") -> list[str]:
    """Where `actual` departs from `expected`: every expected key must be present and equal
    (same JSON type), lists must have the same length, reasons[].detail is not compared."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path or '.'}: expected an object, got {json.dumps(actual)}"]
        found = []
        for key, value in expected.items():
            if key == "detail" and path.startswith("reasons["):
                continue
            where = f"{path}.{key}" if path else key
            if key not in actual:
                found.append(f"{where}: missing")
            else:
                found.extend(differences(value, actual[key], where))
        return found
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{path}: expected {json.dumps(expected)}, got {json.dumps(actual)}"]
        found = []
        for index, (want, got) in enumerate(zip(expected, actual, strict=True)):
            found.extend(differences(want, got, f"{path}[{index}]"))
        return found
    if type(expected) is not type(actual) or expected != actual:
        return [f"{path}: expected {json.dumps(expected)}, got {json.dumps(actual)}"]
    return []


def check_pair(scenario: Path, expected: Path | object) -> None:
    if expected is MISSING:
        pytest.fail(f"{scenario}: no scenario input/expected pair here (missing or orphaned)")
    if not expected.exists():
        pytest.fail(f"{scenario.name} has no {expected.name}")
    facts, as_of = loads(scenario.read_bytes())
    actual = to_json(evaluate(facts, as_of))
    wanted = json.loads(expected.read_text(encoding="utf-8"))
    found = differences(wanted, actual)
    assert not found, f"{scenario.name}:\n" + "\n".join(found)
    for reason in actual["reasons"]:
        assert reason["detail"], f"{scenario.name}: reason {reason['rule']} has no detail"


@pytest.mark.parametrize(("scenario", "expected"), SHARED_PAIRS)
def test_shared_scenario(scenario, expected):
    check_pair(scenario, expected)


@pytest.mark.parametrize(("scenario", "expected"), CASE_PAIRS)
def test_edge_case_scenario(scenario, expected):
    check_pair(scenario, expected)


@pytest.mark.parametrize(("scenario", "expected"), SHARED_PAIRS + CASE_PAIRS)
def test_scenario_through_the_command(scenario, expected):
    """The management command prints the engine's result for the same pair."""
    if expected is MISSING:
        pytest.fail(f"{scenario}: no scenario input/expected pair here")
    out = io.StringIO()
    call_command("member_status", "--scenario", str(scenario), stdout=out)
    actual = json.loads(out.getvalue())
    facts, as_of = loads(scenario.read_bytes())
    assert actual == to_json(evaluate(facts, as_of))
    assert not differences(json.loads(expected.read_text(encoding="utf-8")), actual)


def test_command_line_prints_the_scenario_result():
    """Through manage.py in a fresh process, as a user runs it: no database needed."""
    scenario = next(
        (p for p in sorted(SHARED.glob("02-*.json")) if ".expected" not in p.name), None
    )
    assert scenario is not None, f"no 02-* scenario in {SHARED}"
    result = subprocess.run(
        [sys.executable, str(REPO / "manage.py"), "member_status", "--scenario", str(scenario)],
        capture_output=True,
        text=True,
        cwd=REPO,
        # As RULES.md §5 writes the command: no DEBUG, no SECRET_KEY, no database.
        env={
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": "sqlite:////nonexistent/dir/db.sqlite3",
        },
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    wanted = json.loads(scenario.with_name(scenario.stem + ".expected.json").read_text())
    assert not differences(wanted, json.loads(result.stdout))


def test_a_missing_or_empty_scenario_folder_fails_rather_than_skips(tmp_path):
    for folder in (tmp_path / "missing", tmp_path):
        (param,) = scenario_pairs(folder)
        with pytest.raises(pytest.fail.Exception):
            check_pair(*param.values)
