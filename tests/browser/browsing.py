"""What the browser tests do again and again: sign in through the real form (with the second factor
for staff), open a second browser page for another person, and take the optional screenshots.

    from tests.browser.browsing import new_page, screenshot, sign_in
"""

import os
import re
from pathlib import Path

from django.urls import reverse

from ogplocal.accounts.demo import current_totp_code
from tests.factories import PASSWORD, TOTP_SECRET

# BROWSER_SCREENSHOTS=<folder>: flows save screenshots there (1280 and 360 px wide).
SCREENSHOTS = os.environ.get("BROWSER_SCREENSHOTS")


def screenshot(page, name: str) -> None:
    if not SCREENSHOTS:
        return
    folder = Path(SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def new_page(chromium, live_server):
    """A page in a browser context of its own: another person, signed in separately."""
    context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def sign_in(page, email: str, *, totp: bool = False) -> None:
    """Sign in with the factories' password; `totp` answers the staff's second factor."""
    page.goto(reverse("account_login"))
    page.get_by_label(re.compile(r"^E-?mail", re.IGNORECASE)).fill(email)
    page.get_by_label(re.compile(r"^Password")).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("sign in", re.IGNORECASE)).click()
    if totp:
        page.get_by_label("Code").fill(current_totp_code(TOTP_SECRET))
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile("sign in", re.IGNORECASE)).click()
