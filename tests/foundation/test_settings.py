import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_reports_database_reachable(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_home_page_renders_in_english(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b'lang="en"' in response.content


def test_deploy_check_fails_with_the_development_secret_key():
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "false", "HTTPS": "true", "ALLOWED_HOSTS": "x.org"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr + result.stdout


def test_deploy_check_passes_with_production_values():
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "false",
        "HTTPS": "true",
        "ALLOWED_HOSTS": "x.org",
        "SECRET_KEY": "k" * 20 + "Zq8#vP1!mW3$rT6^yU9&iO2*pL5(aS7)dF0-gH4_jK",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
