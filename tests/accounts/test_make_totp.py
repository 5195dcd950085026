"""`make totp`, the one command README gives for the demo staff's second factor, on a fresh clone.

As a newcomer runs it: `make run` has migrated and seeded the embedded SQLite database; `make totp`
in another terminal prints the code. Here the database is a temporary file (DATABASE_URL), and
make is told not to reinstall the virtualenv (`-o`), which `make run` already did.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import validate_totp_code

from ogplocal.accounts.demo import DEMO_TOTP_SECRET

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seeded_database(tmp_path_factory) -> tuple[dict, str]:
    """What `make run` does before serving, on a temporary database; returns its banner."""
    database = tmp_path_factory.mktemp("make-totp") / "db.sqlite3"
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{database}"}
    run_env = {**env, "DEBUG": "true", "DEMO_MODE": "true"}
    banner = ""
    for command in (["migrate", "--noinput"], ["seed_demo"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=run_env,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        banner = result.stdout
    return env, banner


def test_make_totp_prints_a_code_the_demo_staff_signs_in_with(seeded_database):
    env, _ = seeded_database

    result = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed-stamp", "totp"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    code = result.stdout.strip()
    assert re.fullmatch(r"\d{6}", code), result.stdout
    assert validate_totp_code(DEMO_TOTP_SECRET, code)


def test_the_make_run_banner_names_make_totp(seeded_database):
    _, banner = seeded_database

    assert "run `make totp`" in banner
    assert "python manage.py demo_totp" not in banner
