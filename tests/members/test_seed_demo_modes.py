"""The modes of `seed_demo` and `demo_totp` on an empty database: demo mode prints the logins,
outside it they refuse, and a production or DEBUG load leaves every password unusable."""

import io

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.core.management import CommandError, call_command

from members.models import Member
from ogplocal.accounts.demo import DEMO_PASSWORD, DEMO_STAFF_EMAIL
from ogplocal.accounts.models import User

pytestmark = pytest.mark.django_db

POC_EMAIL = "poc.buenos-aires@demo.ogplocal.org"
JOINT_EMAIL = "poc.joint-rift-valley@demo.ogplocal.org"
REVIEWER_EMAIL = "reviewer@demo.ogplocal.org"


@pytest.fixture
def demo_mode(settings):
    settings.DEMO_MODE = True
    settings.DEBUG = False
    cache.clear()  # allauth's rate limits and used TOTP codes


def test_seed_demo_prints_one_login_per_role(demo_mode, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    for text in (DEMO_STAFF_EMAIL, POC_EMAIL, JOINT_EMAIL, REVIEWER_EMAIL, DEMO_PASSWORD):
        assert text in out


def test_seed_demo_refuses_to_run_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEMO_MODE"):
        call_command("seed_demo")
    assert not Member.objects.exists()


def test_allowed_production_demo_has_unusable_logins_and_no_public_totp(settings, capsys):
    settings.DEMO_MODE = False
    settings.DEBUG = False

    call_command("seed_demo", "--allow-production-demo")

    assert Member.objects.count() >= 40
    assert not any(user.has_usable_password() for user in User.objects.all())
    assert not Authenticator.objects.exists()
    assert DEMO_PASSWORD not in capsys.readouterr().out


def test_debug_without_demo_mode_loads_data_with_unusable_passwords(settings):
    settings.DEMO_MODE = False
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    assert not User.objects.get(email=POC_EMAIL).has_usable_password()


def test_demo_totp_refuses_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="DEMO_MODE"):
        call_command("demo_totp")
