"""Shared fixtures. Tests that need a real service skip locally but fail under CI=true."""

import os
from datetime import UTC, date, datetime, time

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Property and differential tests: at least 500 examples each in CI, fewer on a laptop.
_SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large]
hypothesis_settings.register_profile(
    "ci", max_examples=500, deadline=None, suppress_health_check=_SLOW_IS_FINE
)
hypothesis_settings.register_profile(
    "dev", max_examples=60, deadline=None, suppress_health_check=_SLOW_IS_FINE
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if IN_CI else "dev"))


def require_service(available: bool, what: str) -> None:
    """Skip when a service is missing on a developer machine; fail loudly in CI."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required when CI=true but is not available", pytrace=False)
    pytest.skip(f"{what} is not available on this machine")


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    """Tasks run in-process in tests unless a test asks for the real worker."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from ogplocal.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = True


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Hash passwords with MD5 in tests: PBKDF2 takes ~0.3 s per user or sign-in."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _interface_language_reset():
    """Each test starts and ends in the default language: a request in another language leaves
    that language active in the thread (LocaleMiddleware never deactivates it), and the next test
    on the same worker would read its messages in French."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def assert_page_query_budget():
    """Check a page's query budget: it answers 200 within `max_queries`, and, after `add_rows()`
    puts more rows on it, answers 200 again with no more queries than the first time.

        assert_page_query_budget(client, url, 7, add_rows=lambda: MemberFactory.create_batch(20))

    A redirect or an error page would pass a bare query count, so the status is checked first.
    """

    def check(client, url, max_queries, *, add_rows=None, data=None):
        def count_queries():
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, data)
            assert response.status_code == 200, (
                f"{url} answered {response.status_code}, not 200: its query count means nothing"
            )
            return len(queries), queries

        first, queries = count_queries()
        assert first <= max_queries, (
            f"{url} took {first} queries, over its budget of {max_queries}:\n"
            + "\n".join(query["sql"] for query in queries.captured_queries)
        )
        if add_rows is None:
            return first
        add_rows()
        second, queries = count_queries()
        assert second <= first, (
            f"{url} took {first} queries, then {second} with more rows: the count grows:\n"
            + "\n".join(query["sql"] for query in queries.captured_queries)
        )
        return first

    return check


# The day the `today` fixture freezes the clock on: a Monday in the middle of a quarter.
FROZEN_TODAY = date(2026, 11, 16)


@pytest.fixture
def today():
    """Freeze the clock (noon UTC, not ticking) for a test whose expectations are built from
    "today", and give that date: such a test then cannot fail at midnight or on another day."""
    with time_machine.travel(datetime.combine(FROZEN_TODAY, time(12), tzinfo=UTC), tick=False):
        yield FROZEN_TODAY
