"""Support Unit staff must set up a TOTP second factor (StaffMFARequiredMiddleware)."""

import pytest
from django.urls import reverse

from tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_url():
    return reverse("members:detail", args=[MemberFactory().slug])


def test_staff_without_totp_is_sent_to_set_it_up(client, settings, member_url):
    settings.STAFF_MFA_REQUIRED = True
    client.force_login(UserFactory(staff=True))

    response = client.get(member_url)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_without_totp_cannot_reach_the_admin(client, settings):
    settings.STAFF_MFA_REQUIRED = True
    client.force_login(UserFactory(staff=True))

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_without_totp_can_reach_the_setup_page(client, settings):
    settings.STAFF_MFA_REQUIRED = True
    client.force_login(UserFactory(staff=True))

    response = client.get(reverse("mfa_activate_totp"))

    # allauth asks for the password again before adding a factor; no loop back to the setup page.
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_staff_with_totp_is_let_through(client, settings, member_url):
    settings.STAFF_MFA_REQUIRED = True
    client.force_login(UserFactory(staff=True, with_totp=True))

    assert client.get(member_url).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200


def test_non_staff_is_never_redirected(client, settings, member_url):
    settings.STAFF_MFA_REQUIRED = True
    client.force_login(UserFactory())

    response = client.get(member_url)

    assert response.status_code == 200


def test_staff_without_totp_is_let_through_when_not_required(client, settings, member_url):
    settings.STAFF_MFA_REQUIRED = False
    client.force_login(UserFactory(staff=True))

    assert client.get(member_url).status_code == 200
