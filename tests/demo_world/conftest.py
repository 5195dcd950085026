"""The demo world (`seed_demo`), seeded once for every test in this directory and rolled back after
the last of them: seeding takes seconds on SQLite and much longer on PostgreSQL, so the tests of
the demo share one seeding instead of each seeding its own.

Each test still runs in its own savepoint (pytest-django's `db`), so what a test changes is undone
before the next. The tests here are one xdist group (`--dist loadgroup` in pyproject.toml): one
worker runs them back to back, and the world is seeded once per run, not once per worker.

Tests of the command's modes (refusals, production, DEBUG) need an empty database and live in
tests/members/test_seed_demo_modes.py.
"""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

from members.demo import seed_demo_world


@pytest.hookimpl(tryfirst=True)  # before xdist reads the group from the markers
def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.parent.name == "demo_world":
            item.add_marker(pytest.mark.xdist_group("demo_world"))
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="package")
def demo_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """What `make run` seeds (demo mode, usable demo passwords), as `seed_demo_world` returns it."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            DEMO_MODE=True,
            DEBUG=False,
            # The hasher the tests sign in with (tests/conftest.py), set before any password is.
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            MEDIA_ROOT=tmp_path_factory.mktemp("demo-media"),
        ),
        transaction.atomic(),
    ):
        cache.clear()
        yield seed_demo_world(demo_passwords=True)
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _in_the_demo_world(demo_world, settings):
    """Every test here sees the demo world, in demo mode, with fresh rate limits."""
    settings.DEMO_MODE = True
    settings.DEBUG = False
    cache.clear()  # allauth's rate limits and used TOTP codes
    return demo_world
