"""Shared fixtures. Tests that need a real service skip locally but fail under CI=true."""

import os

import pytest
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
