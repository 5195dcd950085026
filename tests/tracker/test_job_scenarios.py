"""The daily job on scenarios (RULES.md §6): every pair in ../shared/scenarios/jobs/ (new pairs are
picked up without edits) and this project's own pairs in tests/tracker/job_cases/, loaded into the
test database and run day by day with the real job, compared change by change."""

import json
from datetime import date
from pathlib import Path

import pytest

from tracker.status_simulation import simulate

pytestmark = pytest.mark.django_db

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared" / "scenarios" / "jobs"
OWN = HERE / "job_cases"


@pytest.fixture(autouse=True)
def _letters_without_typesetting(monkeypatch):
    """The letters are made (a StatusLetter per §6 letter) but not typeset: WeasyPrint takes
    seconds per PDF and the letters' PDFs are tested in test_job_letters.py."""
    monkeypatch.setattr("tracker.letters.render_pdf", lambda template, context: b"%PDF-1.4\n")


def pairs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.expected.json"))


PAIRS = pairs(SHARED) + pairs(OWN)


def _name(path: Path) -> str:
    return f"{path.parent.name}/{path.name.removesuffix('.expected.json')}"


def test_every_shared_job_pair_is_found():
    assert pairs(SHARED), f"no job scenarios under {SHARED}"


@pytest.mark.parametrize("expected_path", PAIRS, ids=_name)
def test_the_job_records_the_expected_changes(expected_path):
    expected = json.loads(expected_path.read_text())
    document = json.loads(
        expected_path.with_name(expected_path.name.replace(".expected.json", ".json")).read_text()
    )

    result = simulate(
        document, date.fromisoformat(expected["from"]), date.fromisoformat(expected["to"])
    )

    assert len(result["changes"]) == len(expected["changes"]), result["changes"]
    for got, want in zip(result["changes"], expected["changes"], strict=True):
        assert got == want


def test_a_full_run_every_day_records_the_same_as_the_incremental_job():
    path = OWN / "voluntary-granted-after-it-began.json"
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text())
    start, end = date.fromisoformat(expected["from"]), date.fromisoformat(expected["to"])

    full = simulate(json.loads(path.read_text()), start, end, full=True)

    assert full["changes"] == expected["changes"]
