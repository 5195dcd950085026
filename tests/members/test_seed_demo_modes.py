"""`seed_demo` and `demo_totp` refuse outside demo mode, on an empty database. What the command
loads in each mode is tested over the seeded demo world, in tests/demo_world/test_demo_modes.py."""

import pytest
from django.core.management import CommandError, call_command

from members.models import Member

pytestmark = pytest.mark.django_db

POC_EMAIL = "poc.buenos-aires@demo.ogplocal.org"
JOINT_EMAIL = "poc.joint-rift-valley@demo.ogplocal.org"
REVIEWER_EMAIL = "reviewer@demo.ogplocal.org"


def test_seed_demo_refuses_to_run_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEMO_MODE"):
        call_command("seed_demo")
    assert not Member.objects.exists()


def test_demo_totp_refuses_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="DEMO_MODE"):
        call_command("demo_totp")
