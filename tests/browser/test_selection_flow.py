"""The whole of issue 18 in real Chromium: a verified applicant applies in an open call through
the form, a committee member scores the application, staff accept it, and the new point of
contact signs in and sees their member page with its first-plan deadline. Staff then form a
coalition through its page.

With SELECTION_SCREENSHOTS=/some/dir, the decision page, the decision letter (first page, via
pdftoppm) and the coalition page are kept at 1280 and 360 px wide."""

import os
import re
import shutil
import subprocess
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect
from pypdf import PdfReader

from members.models import Application, ApplicationState, Coalition, Decision, Member
from ogplocal.accounts.demo import current_totp_code
from tests.factories import (
    PASSWORD,
    TOTP_SECRET,
    CallFactory,
    CommitteeMemberFactory,
    CountryFactory,
    MemberFactory,
    PointOfContactFactory,
    UserFactory,
    pdf_file,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("SELECTION_SCREENSHOTS")
APPLICANT = "mayor@villa.example.org"
COMMITTEE = "ana@committee.example.org"
STAFF = "staff@ogp.example.org"


def screenshot(page, name: str) -> None:
    if not SCREENSHOTS:
        return
    folder = Path(SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def keep_pdf_pages(pdf: bytes, name: str) -> None:
    if not SCREENSHOTS or not shutil.which("pdftoppm"):
        return
    folder = Path(SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", str(folder / f"{name}.pdf"), str(folder / name)],
        check=True,
    )


def new_page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def sign_in(page, email: str, *, totp: bool = False) -> None:
    page.goto(reverse("account_login"))
    page.get_by_label(re.compile(r"^E-?mail", re.IGNORECASE)).fill(email)
    page.get_by_label(re.compile(r"^Password")).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("sign in", re.IGNORECASE)).click()
    if totp:
        page.get_by_label("Code").fill(current_totp_code(TOTP_SECRET))
        page.get_by_role("button", name=re.compile("sign in", re.IGNORECASE)).click()
    page.wait_for_url(re.compile(r"/$"))


def save_and_go_on(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Save and go on").click()


def apply(page, today, letter: Path) -> None:
    """The applicant's whole application, through the form (as tests/browser/test_apply.py)."""
    page.get_by_role("link", name="Join OGP Local").click()
    # Links drawn as buttons, or not: found by their words.
    page.get_by_text("Read the call and apply").click()
    page.get_by_text("Start an application").click()
    page.get_by_role("button", name="Start my application").click()

    page.get_by_label("Name of the jurisdiction").fill("Villa Esperanza")
    page.get_by_label("Country").select_option(label="Testland")
    page.get_by_label("Region").fill("Northern Province")
    page.get_by_label("Kind").select_option("municipality")
    page.get_by_label("Population").fill("85000")
    page.get_by_label(re.compile("term ends on")).fill((today + timedelta(days=900)).isoformat())
    save_and_go_on(page)

    page.get_by_label("Lead agency").fill("Open Government Office")
    page.get_by_label("Senior official with delegated authority").fill("Jorge Ruiz")
    page.get_by_label("Senior official's title").fill("Secretary of Government")
    page.get_by_label("Senior official's e-mail address").fill("jruiz@villa.example.org")
    page.get_by_label("Day-to-day point of contact").fill("Lucía Fernández")
    page.get_by_label("Point of contact's title").fill("Open Government Coordinator")
    page.get_by_label("Point of contact's e-mail address").fill(APPLICANT)
    page.get_by_label("Supporting non-governmental stakeholders").fill("Civic Lab")
    save_and_go_on(page)

    for number in range(1, 9):
        page.get_by_label(re.compile(rf"^{number}\. ")).fill(f"Our answer to point {number}.")
    save_and_go_on(page)

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
    page.get_by_role("link", name="Next part").click()

    page.get_by_label("The signed Letter of Support (PDF)").set_input_files(str(letter))
    page.get_by_label("I declare that the application and the letter are in English").check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("link", name="Check and submit").first.click()
    page.get_by_role("button", name="Submit the application").click()
    expect(page.locator(".application-state").get_by_text("Submitted")).to_be_visible()


def test_apply_score_accept_and_the_new_point_of_contact_signs_in(
    chromium, live_server, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    today = timezone.localdate()
    call = CallFactory(
        title="Call for new members 2026",
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=50),
        first_plan_due_on=today + timedelta(days=300),
    )
    CountryFactory(name="Testland")
    UserFactory(email=APPLICANT, full_name="Lucía Fernández")
    CommitteeMemberFactory(call=call, user__email=COMMITTEE, country=CountryFactory())
    UserFactory(email=STAFF, full_name="Marta Lindqvist", staff=True, with_totp=True)
    letter = tmp_path / "letter-of-support.pdf"
    letter.write_bytes(pdf_file(pages=3).read())

    # 1. The applicant applies.
    applicant = new_page(chromium, live_server)
    sign_in(applicant, APPLICANT)
    apply(applicant, today, letter)
    application = Application.objects.get(call=call)
    assert application.state == ApplicationState.SUBMITTED

    # 2. A committee member scores it.
    committee = new_page(chromium, live_server)
    sign_in(committee, COMMITTEE)
    committee.goto(reverse("review:queue", args=[call.slug]))
    committee.get_by_role("link", name="Villa Esperanza").click()
    for point in range(1, 9):
        committee.locator(f'input[name="score_{point}"][value="{2 + point % 4}"]').check()
    committee.get_by_role("button", name="Submit the review").click()
    expect(committee.get_by_text("Your review was submitted.")).to_be_visible()

    # 3. Staff accept it, reading the committee's mean scores.
    staff = new_page(chromium, live_server)
    sign_in(staff, STAFF, totp=True)
    staff.goto(reverse("decisions:call", args=[call.slug]))
    expect(staff.get_by_text("1 application is waiting for a decision.")).to_be_visible()
    staff.get_by_role("link", name="Villa Esperanza").first.click()
    expect(staff.get_by_text("1 review submitted.")).to_be_visible()
    expect(staff.get_by_role("row", name=re.compile(r"^2\. .* 4\.0 1$"))).to_be_visible()
    staff.get_by_label("Accepted", exact=True).check()
    staff.get_by_label("The committee's reasons").fill(
        "A clear commitment to open government and a broad coalition of civil society."
    )
    screenshot(staff, "decision-form")
    staff.get_by_role("button", name="Record the decision and send the letter").click()
    expect(staff.get_by_text("The decision is recorded")).to_be_visible()
    screenshot(staff, "decision-recorded")

    member = Member.objects.get(jurisdiction__name="Villa Esperanza")
    assert member.first_plan_due_on == call.first_plan_due_on
    decision = Decision.objects.get(application=application)
    letter_response = staff.request.get(
        reverse("decisions:letter", args=[call.slug, application.pk])
    )
    assert letter_response.ok
    pdf = letter_response.body()
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(BytesIO(pdf)).pages)
    assert "Villa Esperanza" in text
    assert f"{member.first_plan_due_on:%-d %B %Y}" in text
    assert decision.letter_pdf
    keep_pdf_pages(pdf, "decision-letter")

    # 4. The new point of contact (the applicant's own account) sees the decision and the
    # member page with its first-plan deadline.
    applicant.goto(reverse("calls:application", args=[application.pk]))
    expect(applicant.get_by_role("heading", name="Accepted into OGP Local")).to_be_visible()
    applicant.get_by_role("link", name="The member's page").click()
    expect(applicant.get_by_role("heading", level=1)).to_have_text("Villa Esperanza")
    expect(applicant.get_by_text("You are a point of contact for this member")).to_be_visible()
    due = date_format(member.first_plan_due_on, "DATE_FORMAT")
    expect(applicant.locator("dd", has_text=due).first).to_be_visible()


def test_staff_form_a_coalition_shown_on_each_members_page(chromium, live_server, settings):
    kenya = CountryFactory(name="Kenya", ogp_region="africa_middle_east")
    elgeyo = MemberFactory(jurisdiction__name="Elgeyo Marakwet County", jurisdiction__country=kenya)
    nandi = MemberFactory(jurisdiction__name="Nandi County", jurisdiction__country=kenya)
    coordinator = PointOfContactFactory(
        member=elgeyo, user__full_name="Faith Chebet", user__email="faith@rift.example.org"
    )
    PointOfContactFactory(member=nandi, user=coordinator.user, contact=None)
    MemberFactory(jurisdiction__name="Lyon", jurisdiction__country=CountryFactory(name="France"))
    UserFactory(email=STAFF, staff=True, with_totp=True)

    staff = new_page(chromium, live_server)
    sign_in(staff, STAFF, totp=True)
    staff.goto(reverse("decisions:coalition_new"))
    staff.get_by_label("Name of the coalition").fill("Rift Valley joint action plan")
    staff.get_by_label("Elgeyo Marakwet County (Kenya)").check()
    staff.get_by_label("Lyon (France)").check()
    staff.get_by_label("Coordinating point of contact").select_option(
        label="Faith Chebet <faith@rift.example.org>"
    )
    staff.get_by_role("button", name="Form the coalition").click()
    expect(staff.get_by_text("Nothing was saved")).to_be_visible()
    expect(staff.locator('[data-rule="coalition.mixed_countries"]')).to_be_visible()
    screenshot(staff, "coalition-refused")
    assert not Coalition.objects.exists()

    staff.get_by_label("Lyon (France)").uncheck()
    staff.get_by_label("Nandi County (Kenya)").check()
    staff.get_by_role("button", name="Form the coalition").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Rift Valley joint action plan")
    screenshot(staff, "coalition")

    visitor = new_page(chromium, live_server)
    visitor.goto(reverse("members:detail", args=[nandi.slug]))
    section = visitor.locator(
        "section", has=visitor.get_by_role("heading", name="Joint action plan")
    )
    expect(section.get_by_role("link", name="Elgeyo Marakwet County")).to_be_visible()
    screenshot(visitor, "member-coalition")
