"""The engine benchmark runs (on a few members) and prints its ratios. Not a timed test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_benchmark_runs_on_20_members_and_prints_its_ratios(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "engine.py"),
            "--members",
            "20",
            "--repeat",
            "1",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "members evaluated per second" in result.stdout
    assert "ratio engine/parse:" in result.stdout
    assert "ratio reference/engine (speed-up over the day-by-day evaluator):" in result.stdout
    assert "extrapolated" in result.stdout
    figures = json.loads((tmp_path / "engine.json").read_text())
    assert figures["members"] == 20
    assert figures["reference_agrees_on"] == figures["reference_members_measured"]
    assert {"nproc", "cpu_model", "python"} <= set(figures["machine"])
