"""The modes of `seed_demo`, run again over the seeded demo world (a second run refreshes every
account, so it shows what a first run in that mode leaves): demo mode prints one login per role;
a production load (--allow-production-demo) or a DEBUG load outside demo mode leaves every
password unusable and no public second factor. The refusals are in
tests/members/test_seed_demo_modes.py, on an empty database."""

import io

from allauth.mfa.models import Authenticator
from django.core.management import call_command

from members.models import Member
from ogplocal.accounts.demo import DEMO_PASSWORD, DEMO_STAFF_EMAIL
from ogplocal.accounts.models import User

POC_EMAIL = "poc.buenos-aires@demo.ogplocal.org"
JOINT_EMAIL = "poc.joint-rift-valley@demo.ogplocal.org"
REVIEWER_EMAIL = "reviewer@demo.ogplocal.org"


def test_seed_demo_prints_one_login_per_role(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    for text in (DEMO_STAFF_EMAIL, POC_EMAIL, JOINT_EMAIL, REVIEWER_EMAIL, DEMO_PASSWORD):
        assert text in out


def test_allowed_production_demo_has_unusable_logins_and_no_public_totp(settings, capsys):
    settings.DEMO_MODE = False
    settings.DEBUG = False
    assert Authenticator.objects.exists()  # the demo world was seeded in demo mode

    call_command("seed_demo", "--allow-production-demo")

    assert Member.objects.count() >= 40
    assert not any(user.has_usable_password() for user in User.objects.all())
    assert not Authenticator.objects.exists()
    assert DEMO_PASSWORD not in capsys.readouterr().out


def test_debug_without_demo_mode_loads_data_with_unusable_passwords(settings):
    settings.DEMO_MODE = False
    settings.DEBUG = True
    assert User.objects.get(email=POC_EMAIL).has_usable_password()

    call_command("seed_demo", stdout=io.StringIO())

    assert not User.objects.get(email=POC_EMAIL).has_usable_password()
