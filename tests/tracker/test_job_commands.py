"""`manage.py simulate_job` as a user runs it: a malformed scenario exits with status 2 naming the
key. (The shared pairs run through the command in `.ci/run`, and through the same code in
test_job_scenarios.py, which does not typeset the letters.)"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JOBS = ROOT.parent / "shared" / "scenarios" / "jobs"


def simulate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "simulate_job", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_malformed_scenario_exits_with_status_2_naming_the_key(tmp_path):
    document = json.loads((JOBS / "01-inactive-probation-revoked.json").read_text())
    document["voluntary_inactivity"] = [{"starts_on": "2025-01-01", "granted_on": "someday"}]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))

    result = simulate("--scenario", str(path), "--from", "2024-02-01", "--to", "2024-03-01")

    assert result.returncode == 2
    assert result.stdout == ""
    assert "voluntary_inactivity[0].granted_on" in result.stderr
