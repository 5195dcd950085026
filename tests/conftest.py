"""Shared fixtures. Tests that need a real service skip locally but fail under CI=true."""

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


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
