"""A member's history with a 5,000-character value stays inside the window in real Chromium."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import AuditEventFactory, MemberFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HUGE = "x" * 5000


def _sign_in_as_staff(page, live_server) -> None:
    """Staff sign in with a password and a TOTP code (tests/browser/test_staff_totp_setup.py);
    here the session of a signed-in staff member is handed to the browser."""
    client = Client()
    client.force_login(UserFactory(staff=True, with_totp=True))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.mark.parametrize("width", [360, 1280])
def test_history_with_a_huge_value_does_not_scroll_sideways(page, live_server, width):
    member = MemberFactory(jurisdiction__name="Makueni County")
    AuditEventFactory(target=member, before={"about": HUGE}, after={"about": "Short."})
    AuditEventFactory(target=member, reason=HUGE)
    _sign_in_as_staff(page, live_server)
    page.set_viewport_size({"width": width, "height": 800})

    page.goto(reverse("members:history", args=[member.slug]))
    page.get_by_text("show all 5000 characters").click()  # the whole value, opened

    expect(page.get_by_role("heading", level=1)).to_have_text("History of Makueni County")
    document_width = page.evaluate("document.documentElement.scrollWidth")
    assert document_width <= width


def test_history_has_no_serious_accessibility_violations_at_360_px(page, live_server):
    from tests.browser.test_accessibility import blocking_violations

    member = MemberFactory()
    AuditEventFactory(target=member, before={"about": HUGE}, after={"about": "Short."})
    _sign_in_as_staff(page, live_server)
    page.set_viewport_size({"width": 360, "height": 800})

    page.goto(reverse("members:history", args=[member.slug]))

    assert blocking_violations(page) == []
