import io
from datetime import UTC, datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import validate_totp_code
from django.apps import apps
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from members.models import (
    Country,
    JurisdictionTerm,
    Member,
    MemberStatus,
    OgpRegion,
    PointOfContact,
    TermCorrectionRequest,
    TermCorrectionState,
)
from monitoring.models import MonitoringBody
from ogplocal.accounts.demo import (
    DEMO_PASSWORD,
    DEMO_STAFF_EMAIL,
    DEMO_TOTP_SECRET,
    current_totp_code,
)
from ogplocal.accounts.models import User

pytestmark = pytest.mark.django_db

POC_EMAIL = "poc.buenos-aires@demo.ogplocal.org"
JOINT_EMAIL = "poc.joint-rift-valley@demo.ogplocal.org"
REVIEWER_EMAIL = "reviewer@demo.ogplocal.org"


PROJECT_APPS = ("members", "actionplans", "commitments", "monitoring", "tracker", "ogplocal")


def _counts() -> dict[str, int]:
    """Rows of every model of the project, and of allauth's addresses and second factors."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_config.name.startswith(PROJECT_APPS)
        or model._meta.app_label in ("account", "mfa")
    }


def test_seed_demo_twice_creates_nothing_new():
    """Every part of the demo (calls, reviews, decisions, plans, evidence, meetings, changes,
    tracker updates, assessments, status history, letters) is seeded idempotently."""
    first = _counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == first


def test_demo_world_spans_forty_members_twelve_countries_and_every_region():
    assert Member.objects.count() >= 40
    assert Country.objects.filter(jurisdictions__memberships__isnull=False).distinct().count() >= 12
    regions = set(
        Member.objects.values_list("jurisdiction__country__ogp_region", flat=True).distinct()
    )
    assert regions == set(OgpRegion.values)
    assert MonitoringBody.objects.filter(reviewers__isnull=False).distinct().count() >= 3
    assert Member.objects.filter(extension_until__isnull=False).exists()


def test_demo_world_shows_the_membership_shape():
    """Terms with a history, a pending correction, a dated extension, a re-joined jurisdiction."""
    histories = (
        JurisdictionTerm.objects.values("jurisdiction")
        .annotate(records=Count("pk"))
        .filter(records__gt=1)
    )
    assert histories.count() >= 2
    assert TermCorrectionRequest.objects.filter(state=TermCorrectionState.PENDING).count() == 1
    assert Member.objects.filter(
        extension_until__isnull=False, extension_granted_on__isnull=False
    ).exists()
    rejoined = Member.objects.get(jurisdiction__slug="kutaisi", status=MemberStatus.REVOKED)
    assert Member.objects.filter(jurisdiction=rejoined.jurisdiction).count() == 2


def test_one_point_of_contact_holds_a_joint_plan():
    assert PointOfContact.objects.filter(user__email=JOINT_EMAIL).count() == 2


def test_every_demo_address_is_verified():
    demo_users = User.objects.filter(email__endswith="@demo.ogplocal.org")
    assert demo_users.count() > 40
    assert EmailAddress.objects.filter(
        user__in=demo_users, verified=True, primary=True
    ).count() == (demo_users.count())


@pytest.mark.parametrize("email", [POC_EMAIL, JOINT_EMAIL, REVIEWER_EMAIL])
def test_demo_login_of_each_role_signs_in(client, email):
    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_demo_staff_signs_in_with_the_code_demo_totp_prints(client, capsys):
    response = client.post(
        reverse("account_login"), {"login": DEMO_STAFF_EMAIL, "password": DEMO_PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")

    call_command("demo_totp")
    code = capsys.readouterr().out.strip()
    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == User.objects.get(email=DEMO_STAFF_EMAIL).pk
    assert client.get(reverse("admin:index")).status_code == 200


def test_demo_totp_prints_the_code_allauth_accepts(capsys):
    with time_machine.travel(datetime(2026, 3, 1, 12, 0, 5, tzinfo=UTC), tick=False):
        call_command("demo_totp")
        code = capsys.readouterr().out.strip()

        assert len(code) == 6
        assert code == current_totp_code()
        assert validate_totp_code(DEMO_TOTP_SECRET, code)
        assert not validate_totp_code(DEMO_TOTP_SECRET, f"{(int(code) + 1) % 1_000_000:06d}")
