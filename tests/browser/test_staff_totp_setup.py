"""A new Support Unit member sets up the required second factor in real Chromium, then uses it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from ogplocal.accounts.demo import current_totp_code
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, email):
    page.goto(reverse("account_login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def test_new_staff_member_sets_up_totp_and_then_needs_it_to_sign_in(page, settings):
    settings.STAFF_MFA_REQUIRED = True
    UserFactory(email="new.staff@ogp.example.org", staff=True)

    _sign_in(page, "new.staff@ogp.example.org")
    page.goto(reverse("admin:index"))
    # The portal holds back every staff page until a second factor is set up; allauth asks for
    # the password once more before an authenticator is added.
    assert reverse("account_reauthenticate") in page.url, page.url
    assert "next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F" in page.url
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("mfa_activate_totp")) + "$"))
    # The QR code (a data: URI, allowed by CSP).
    expect(page.get_by_role("img").first).to_be_visible()
    secret = page.get_by_label("Authenticator secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret)
    page.get_by_label("Authenticator code").fill(current_totp_code(secret))
    with page.expect_navigation():
        page.get_by_role("button", name="Activate").click()

    page.goto(reverse("admin:index"))
    expect(page.get_by_role("link", name="Members").first).to_be_visible()

    page.context.clear_cookies()  # a new visit, signed out
    _sign_in(page, "new.staff@ogp.example.org")
    assert page.url.endswith(reverse("mfa_authenticate"))
    page.get_by_label("Code").fill(current_totp_code(secret))
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    page.goto(reverse("admin:index"))
    assert page.url.endswith(reverse("admin:index"))
