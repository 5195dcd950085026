"""Whole sign-in flows: password reset by e-mail, the staff second factor, the demo code."""

import re

import pytest
from django.contrib import admin
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ogplocal.accounts.demo import current_totp_code
from tests.factories import PASSWORD, TOTP_SECRET, UserFactory

pytestmark = pytest.mark.django_db


def _signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_password_reset_mails_a_link_that_sets_a_new_password(client):
    user = UserFactory(email="poc@city.example.org")

    response = client.post(reverse("account_reset_password"), {"email": "POC@city.example.org"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["poc@city.example.org"]
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    new_password = "a-brand-new-passphrase-2026"
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1),
        {"password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)
    assert not user.check_password(PASSWORD)


def test_password_reset_for_an_unknown_address_sends_no_reset_link(client):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert not any("/password/reset/key/" in message.body for message in mail.outbox)


def test_staff_with_totp_must_enter_the_code_before_being_signed_in(client, settings):
    settings.STAFF_MFA_REQUIRED = True
    UserFactory(email="staff@ogp.example.org", staff=True, with_totp=True)

    response = client.post(
        reverse("account_login"), {"login": "staff@ogp.example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert _signed_in_user_id(client) is None
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert _signed_in_user_id(client) is None
    right = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(TOTP_SECRET)})
    assert right.status_code == 302
    assert _signed_in_user_id(client) is not None
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.fixture
def staff_admin(client):
    """A Support Unit member who is not a superuser: what staff really get."""
    staff = UserFactory(staff=True, with_totp=True)
    client.force_login(staff)
    return client


def test_the_admin_index_lists_every_registered_model_for_staff(staff_admin):
    response = staff_admin.get(reverse("admin:index"))

    assert response.status_code == 200
    html = response.content.decode()
    for model in admin.site._registry:
        opts = model._meta
        assert reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") in html, opts.label


@pytest.mark.parametrize("model", admin.site._registry, ids=lambda model: model._meta.label)
def test_every_admin_list_page_renders_for_staff(staff_admin, model):
    opts = model._meta

    response = staff_admin.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))

    assert response.status_code == 200


def test_a_point_of_contact_cannot_enter_the_admin(client):
    from tests.factories import PointOfContactFactory

    client.force_login(PointOfContactFactory().user)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_demo_totp_refuses_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="DEMO_MODE"):
        call_command("demo_totp")


def _demo_pw():
    from ogplocal.accounts.demo import DEMO_PASSWORD

    return DEMO_PASSWORD


def test_the_verification_link_mailed_at_sign_in_verifies_the_address(client):
    from allauth.account.models import EmailAddress

    UserFactory(email="new@city.example.org", verified_email=False)
    client.post(reverse("account_login"), {"login": "new@city.example.org", "password": PASSWORD})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body

    response = client.post(link.group(1))

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="new@city.example.org").verified
    response = client.post(
        reverse("account_login"), {"login": "new@city.example.org", "password": PASSWORD}
    )
    assert _signed_in_user_id(client) is not None


def test_the_admin_password_form_cannot_sidestep_the_second_factor(client):
    UserFactory(email="staff@ogp.example.org", staff=True, with_totp=True)

    response = client.post(
        reverse("admin:login"),
        {"username": "staff@ogp.example.org", "password": PASSWORD, "next": "/admin/"},
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert _signed_in_user_id(client) is None


def test_the_admin_sends_anonymous_visitors_to_the_portal_sign_in(client):
    response = client.get(reverse("admin:index"), follow=True)

    final_path = response.redirect_chain[-1][0]
    assert final_path.startswith(reverse("account_login"))
    assert "next=%2Fadmin%2F" in final_path


def test_signed_in_staff_at_the_admin_login_go_on_to_the_admin(staff_admin):
    response = staff_admin.get(reverse("admin:login"))

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
