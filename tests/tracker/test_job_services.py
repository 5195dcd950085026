"""The daily job on the real services: Celery worker and beat, Redis, PostgreSQL, an SMTP sink
(tests/tracker/job_services_flow.py). Runs in CI (`.ci/run`); fails there when a service is
missing, skips on a laptop."""

import importlib.util
import socket
from urllib.parse import quote, urlsplit

import pytest
from django.db import connection

from ogplocal.celery import app
from tests.conftest import require_service

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _redis_answers(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss"):
        return False
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def services(tmp_path, settings):
    require_service(connection.vendor == "postgresql", "PostgreSQL")
    require_service(_redis_answers(settings.CELERY_BROKER_URL), "Redis (CELERY_BROKER_URL)")
    require_service(importlib.util.find_spec("aiosmtpd") is not None, "aiosmtpd")
    from tests.tracker import job_services_flow as flow

    database = connection.settings_dict
    url = "postgres://{}:{}@{}:{}/{}".format(
        quote(database["USER"]),
        quote(database["PASSWORD"]),
        database["HOST"] or "127.0.0.1",
        database["PORT"] or 5432,
        database["NAME"],
    )
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    sink = flow.Sink()
    try:
        yield flow, flow.environment(url, sink, settings.MEDIA_ROOT), tmp_path, sink
    finally:
        sink.stop()
        app.conf.task_always_eager = True


def test_a_year_of_quarters_then_a_killed_worker_e_mail_each_letter_exactly_once(services):
    """One test, so that two xdist workers never start Celery workers on the same broker."""
    flow, env, logs, sink = services
    flow.year_of_quarters(env, logs, sink)
    flow.killed_between_rendering_and_sending(env, logs, sink)
