"""Prove the suite runs on the real services when CI provides them."""

import os

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import IN_CI, require_service


@pytest.mark.services
@pytest.mark.django_db
def test_database_is_postgresql_when_database_url_is_set():
    require_service(bool(os.environ.get("DATABASE_URL")) or not IN_CI, "DATABASE_URL (PostgreSQL)")
    if not os.environ.get("DATABASE_URL"):
        pytest.skip("no DATABASE_URL: the embedded SQLite default is in use")
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (version,) = cursor.fetchone()
    assert int(version.split(".")[0]) >= 15


def _redis_up() -> bool:
    url = settings.CELERY_BROKER_URL
    if not url:
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.exceptions.ConnectionError:
        return False


@pytest.mark.services
def test_celery_task_round_trips_through_redis_and_a_real_worker():
    require_service(_redis_up(), "Redis at CELERY_BROKER_URL")
    from celery.contrib.testing.worker import start_worker

    from ogplocal.celery import app, ping

    app.conf.task_always_eager = False
    with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        result = ping.delay()
        assert result.get(timeout=20) == "pong"


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_gunicorn_serves_the_portal_from_the_test_database():
    """The production web process (gunicorn) starts with the production settings and answers."""
    import shutil
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    gunicorn = Path(sys.executable).with_name("gunicorn")
    require_service(gunicorn.exists() or bool(shutil.which("gunicorn")), "gunicorn")
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        database_url = (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        )
    else:
        database_url = f"sqlite:///{db['NAME']}"
        if "memory" in str(db["NAME"]):
            pytest.skip("an in-memory SQLite test database cannot be shared with gunicorn")
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": "gunicorn-test-" + "x" * 40,
    }
    proc = subprocess.Popen(
        [str(gunicorn), "ogplocal.wsgi:application", "--bind", f"127.0.0.1:{port}", "-w", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        body = b""
        for _ in range(60):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    body = r.read()
                    break
            except OSError:
                time.sleep(0.25)
        assert body == b'{"status": "ok"}'
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert response.status == 200
            assert "content-security-policy" in {k.lower() for k in response.headers}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
