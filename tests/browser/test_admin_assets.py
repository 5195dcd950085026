"""The admin under the Content Security Policy in real Chromium: celery-beat's periodic task
form runs its script (moved out of line), and the admin has the portal's favicon."""

import pytest
from django.urls import reverse
from django_celery_beat.models import CrontabSchedule
from playwright.sync_api import expect

from ogplocal.accounts.demo import current_totp_code
from tests.factories import PASSWORD, TOTP_SECRET, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in_as_staff(page) -> None:
    UserFactory(email="staff@ogp.example.org", staff=True, with_totp=True)
    page.goto(reverse("account_login"))
    page.get_by_label("Email").fill("staff@ogp.example.org")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code").fill(current_totp_code(TOTP_SECRET))
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def test_periodic_task_form_reads_the_crontab_without_a_csp_violation(page):
    crontab = CrontabSchedule.objects.create(minute="30", hour="4")
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    _sign_in_as_staff(page)

    page.goto(reverse("admin:django_celery_beat_periodictask_add"))
    page.select_option("#id_crontab", str(crontab.pk))

    help_text = page.locator(".field-crontab .help").inner_text()
    assert "Translation: At 04:30" in help_text, help_text
    expect(page.locator(".field-crontab_translation")).not_to_be_visible()
    assert blocked == []


def test_the_admin_has_the_portal_favicon(page):
    _sign_in_as_staff(page)

    page.goto(reverse("admin:index"))

    href = page.locator("link[rel=icon]").get_attribute("href")
    assert href.endswith("img/favicon.svg")
    assert page.request.get(href).ok
