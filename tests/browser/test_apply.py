"""An applicant applies in an open call with real Chromium: every part of the form, a 3-page
Letter of Support, submission. With SCREENSHOT_DIR set, the pages are photographed at 1280 and
360 px wide (the calls page, the form with its errors, the applicant's application page), and
axe-core finds no serious problem on them at either width."""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from members.models import Application, ApplicationState
from tests.browser.test_accessibility import blocking_violations
from tests.factories import PASSWORD, CallFactory, CountryFactory, UserFactory, pdf_file

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")


def shoot(page, name: str) -> None:
    """Photograph the page (with SCREENSHOT_DIR) and check it with axe at both widths."""
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        violations = blocking_violations(page)
        assert not violations, f"{name} at {width} px: {violations}"
    page.set_viewport_size({"width": 1280, "height": 900})
    if not SCREENSHOT_DIR:
        return
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(SCREENSHOT_DIR) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def save_and_go_on(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Save and go on").click()


def test_a_new_local_government_applies_in_an_open_call(page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    today = timezone.localdate()
    call = CallFactory(
        title="Call for new members 2026",
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=50),
        first_plan_due_on=today + timedelta(days=300),
    )
    country = CountryFactory(name="Testland")
    UserFactory(email="mayor@villa.example.org", full_name="Lucía Fernández")
    letter = tmp_path / "letter-of-support.pdf"
    letter.write_bytes(pdf_file(pages=3).read())

    page.goto(reverse("account_login"))
    page.get_by_label(re.compile(r"^E-?mail", re.IGNORECASE)).fill("mayor@villa.example.org")
    page.get_by_label(re.compile(r"^Password")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.IGNORECASE)).click()
    page.wait_for_url(re.compile(r"/$"))

    page.get_by_role("link", name="Join OGP Local").click()
    shoot(page, "calls")
    page.get_by_role("button", name="Read the call and apply").click()
    page.get_by_role("button", name="Start an application").click()
    page.get_by_role("button", name="Start my application").click()

    # 1. The jurisdiction: a new one. A population beyond the limit is refused first.
    page.get_by_label("Name of the jurisdiction").fill("Villa Esperanza")
    page.get_by_label("Country").select_option(label="Testland")
    page.get_by_label("Region").fill("Northern Province")
    page.get_by_label("Kind").select_option("municipality")
    page.get_by_label("Population").fill("400000000")
    page.get_by_label(re.compile("term ends on")).fill((today + timedelta(days=900)).isoformat())
    save_and_go_on(page)
    expect(page.get_by_text("Nothing was saved")).to_be_visible()
    shoot(page, "form-errors")
    page.get_by_label("Population").fill("85000")
    save_and_go_on(page)

    # 2. The people.
    page.get_by_label("Lead agency").fill("Open Government Office")
    page.get_by_label("Senior official with delegated authority").fill("Jorge Ruiz")
    page.get_by_label("Senior official's title").fill("Secretary of Government")
    page.get_by_label("Senior official's e-mail address").fill("jruiz@villa.example.org")
    page.get_by_label("Day-to-day point of contact").fill("Lucía Fernández")
    page.get_by_label("Point of contact's title").fill("Open Government Coordinator")
    page.get_by_label("Point of contact's e-mail address").fill("mayor@villa.example.org")
    page.get_by_label("Supporting non-governmental stakeholders").fill("Civic Lab")
    save_and_go_on(page)

    # 3. The 8 points of the Letter of Support.
    for number in range(1, 9):
        page.get_by_label(re.compile(rf"^{number}\. ")).fill(f"Our answer to point {number}.")
    save_and_go_on(page)

    # 4. The signatories: the mayor and an NGO with legal personality.
    page.get_by_label("Signs as").select_option("head_of_government")
    page.get_by_label(re.compile(r"^Name:?$")).fill("Marta Díaz")
    page.get_by_label(re.compile(r"^Title:?$")).fill("Mayor")
    page.get_by_role("button", name="Add the signatory").click()
    page.get_by_label("Signs as").select_option("non_governmental")
    page.get_by_label(re.compile(r"^Name:?$")).fill("Ana Pereira")
    page.get_by_label(re.compile(r"^Organization:?$")).fill("Civic Lab")
    page.get_by_label("The organization has legal personality").check()
    page.get_by_label("Registration number").fill("NGO-2291")
    page.get_by_role("button", name="Add the signatory").click()
    expect(page.get_by_role("cell", name="Ana Pereira", exact=True)).to_be_visible()
    page.get_by_role("link", name="Next part").click()

    # 5. The signed letter (3 pages) and the declaration.
    page.get_by_label("The signed Letter of Support (PDF)").set_input_files(str(letter))
    page.get_by_label("I declare that the application and the letter are in English").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("A letter of 3 pages is uploaded.")).to_be_visible()
    expect(page.get_by_text("Every rule checked here is met")).to_be_visible()

    page.get_by_role("link", name="Check and submit").last.click()
    page.get_by_role("button", name="Submit the application").click()

    expect(
        page.get_by_text("Submitted. The Support Unit will write to you on this page.")
    ).to_be_visible()
    expect(page.locator(".application-state").get_by_text("Submitted")).to_be_visible()
    shoot(page, "application")
    application = Application.objects.get(call=call)
    assert application.state == ApplicationState.SUBMITTED
    assert application.versions.count() == 1
    assert application.country == country
