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
