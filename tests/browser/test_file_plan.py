"""A point of contact files an action plan with real Chromium: every part of Annex 1, two
commitments with a milestone each (one refused first for lasting a day short of a year), records a
co-creation meeting with its agenda, submits, downloads the PDF, and files evidence (a CSV) in the
plan's repository; proposing a change is in test_commitment_changes.py. With SCREENSHOT_DIR set,
the pages are photographed at 1280 and 360 px wide.
"""

import io
import os
import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader, PdfWriter

from actionplans.models import ActionPlan, Meeting, PlanState
from tests.browser.test_accessibility import blocking_violations
from tests.factories import (
    PASSWORD,
    MemberFactory,
    MonitoringBodyFactory,
    PointOfContactFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")
ANSWERS = {
    "long_term_vision": "Every decision of the city can be followed by its residents.",
    "achievements": "An open data portal since 2021.",
    "challenges": "Public works are hard to follow.",
    "medium_term_goals": "Open contracting for all public works.",
    "plan_contribution": "Each commitment opens one process end to end.",
    "administration_goals": "Trust and efficiency.",
    "lead_institutions": "The Open Government Office.",
    "coordination_arrangements": "A monthly inter-agency committee.",
    "collaboration_spaces": "The open government forum, online and offline.",
    "diversity_measures": "Meetings in every district.",
    "participants": "Agencies, civil society, universities.",
    "participant_group_count": "18",
    "co_creation_meeting_count": "5",
    "continued_collaboration": "Quarterly forum meetings.",
    "monitoring_description": "The university's law clinic, clinic@uni.example.org.",
    "progress_activities": "Public progress reviews.",
    "agency_check_ins": "Monthly calls with each agency.",
    "results_sharing": "Reports on the city's website.",
}


def shoot(page, name: str) -> None:
    if not SCREENSHOT_DIR:
        return
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(SCREENSHOT_DIR) / f"plan-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def one_page_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def click(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def fill_answers(page) -> None:
    for name, answer in ANSWERS.items():
        field = page.locator(f"[name={name}]")
        if field.count():
            field.fill(answer)


def add_commitment(page, title: str, *, starts_on: date, ends_on: date, area: str) -> None:
    page.get_by_label("Commitment title").fill(title)
    page.get_by_label("Starts on").fill(starts_on.isoformat())
    page.get_by_label("Ends on").fill(ends_on.isoformat())
    page.get_by_label("Leading implementing agency").fill("Secretariat of Public Works")
    for name, value in (
        ("lead_contact_name", "Ana Gómez"),
        ("problem", "Residents cannot follow public works."),
        ("status_quo", "Contracts are scanned PDFs."),
        ("action", "Publish every contract as open data."),
        ("contribution", "Residents follow spending."),
    ):
        page.locator(f"[name={name}]").fill(value)
    page.get_by_label(area).check()
    page.get_by_label("Infrastructure and transport").check()
    page.get_by_label("Transparency", exact=True).check()
    click(page, "Add the commitment")


def add_milestone(page, output: str, *, starts_on: date, ends_on: date) -> None:
    page.get_by_role("link", name="Add a milestone").click()
    page.get_by_label("Output").fill(output)
    page.get_by_label("Starts on").fill(starts_on.isoformat())
    page.get_by_label("Ends on").fill(ends_on.isoformat())
    page.get_by_label("Responsible agency").fill("Secretariat of Public Works")
    click(page, "Add the milestone")


def test_point_of_contact_files_submits_and_downloads_a_plan(page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    member = MemberFactory(jurisdiction__name="Villa Esperanza")  # term ends 2028-12-31
    poc = PointOfContactFactory(member=member)
    MonitoringBodyFactory(name="Esperanza Law Clinic", country=member.jurisdiction.country)

    page.goto(reverse("account_login"))
    page.get_by_label(re.compile(r"^E-?mail", re.IGNORECASE)).fill(poc.user.email)
    page.get_by_label(re.compile(r"^Password")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.IGNORECASE)).click()
    page.wait_for_url(re.compile(r"/$"))

    page.goto(reverse("members:detail", args=[member.jurisdiction.slug]))
    page.get_by_role("link", name="Start a new action plan").click()
    expect(
        page.get_by_text(re.compile(r"Oct\S* 31, 2028 at the latest|31 Oct\S* 2028 at the latest"))
    ).to_be_visible()
    page.get_by_label("Starts on").fill("2027-01-01")
    page.get_by_label("Ends on").fill("2028-10-31")
    click(page, "Start the draft")

    # The parts, saved and resumed in order; the rules still broken are listed beside each.
    page.locator("[name=foreword]").fill("The city and its forum wrote this plan together.")
    shoot(page, "foreword")
    click(page, "Save and go on")
    fill_answers(page)  # E
    click(page, "Save and go on")
    fill_answers(page)  # F
    click(page, "Save and go on")
    page.get_by_label("G.1 Monitoring body").select_option(label="Esperanza Law Clinic")
    fill_answers(page)
    click(page, "Save and go on")
    page.get_by_label("Organization").fill("Esperanza Civic Network")
    page.get_by_label("Has legal personality").check()
    click(page, "Add the stakeholder")
    expect(page.get_by_role("cell", name="Esperanza Civic Network", exact=True)).to_be_visible()
    page.get_by_role("link", name="Next part").click()
    page.get_by_label(re.compile("submitted in English")).check()
    click(page, "Save")
    expect(page.locator("[data-rule='plan.no_commitments']")).to_be_visible()
    shoot(page, "documents-with-rules")
    assert blocking_violations(page) == []

    # Two commitments; the first is refused for lasting one day short of a calendar year.
    plan = ActionPlan.objects.get(member=member)
    page.goto(reverse("plans:detail", args=[plan.pk]))
    page.get_by_role("link", name="Add a commitment").click()
    add_commitment(
        page,
        "Publish every public works contract",
        starts_on=date(2027, 3, 1),
        ends_on=date(2028, 2, 28),
        area="Open contracting",
    )
    expect(page.locator("[data-rule='commitment.too_short']")).to_be_visible()
    shoot(page, "commitment-errors")
    assert blocking_violations(page) == []
    page.get_by_label("Ends on").fill("2028-02-29")
    click(page, "Add the commitment")
    add_milestone(
        page, "First contracts published", starts_on=date(2027, 3, 1), ends_on=date(2027, 9, 30)
    )
    page.get_by_role("link", name=re.compile(r"Villa Esperanza action plan")).click()
    page.get_by_role("link", name="Add a commitment").click()
    add_commitment(
        page,
        "Participatory budgeting in every district",
        starts_on=date(2027, 1, 1),
        ends_on=date(2028, 10, 31),
        area="Fiscal openness",
    )
    add_milestone(
        page, "District assemblies held", starts_on=date(2027, 4, 1), ends_on=date(2027, 6, 30)
    )

    # The co-creation record: a meeting with non-governmental stakeholders, with its agenda.
    page.get_by_role("link", name=re.compile(r"Villa Esperanza action plan")).click()
    page.get_by_role("link", name="Record a meeting").click()
    page.get_by_label("Held on").fill("2026-10-15")
    page.get_by_label("Co-creation", exact=True).check()
    page.get_by_label("Forum").fill("Open government forum, city hall")
    page.get_by_label("Number of government participants").fill("4")
    page.locator("[name=non_governmental_organizations]").fill("Esperanza Civic Network")
    page.get_by_label("Number of non-governmental participants").fill("7")
    page.get_by_label("Agenda").set_input_files(
        {"name": "agenda.pdf", "mimeType": "application/pdf", "buffer": one_page_pdf()}
    )
    click(page, "Record the meeting")
    expect(page.get_by_text("The meeting was recorded.")).to_be_visible()
    expect(page.get_by_role("cell", name="Open government forum, city hall")).to_be_visible()
    expect(page.get_by_role("link", name="Agenda (PDF)")).to_be_visible()
    shoot(page, "meetings")
    assert Meeting.objects.get(plan=plan).agenda.name.endswith(".pdf")

    page.get_by_role("link", name="Back to the plan").click()
    page.get_by_role("link", name="Check and submit").first.click()
    expect(page.get_by_text("Every rule is met")).to_be_visible()
    click(page, "Submit the action plan")
    expect(page.get_by_text("Submitted · version 1")).to_be_visible()
    shoot(page, "public")
    assert blocking_violations(page) == []
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the plan (PDF)").click()
    text = "".join(
        page_.extract_text()
        for page_ in PdfReader(io.BytesIO(Path(download.value.path()).read_bytes())).pages
    )
    assert "Publish every public works contract" in text
    assert "Participatory budgeting in every district" in text

    # The evidence repository: a CSV filed about the process, public now that the plan is.
    page.get_by_role("link", name="File evidence").first.click()
    page.get_by_label("Type").select_option(label="Meeting agenda, minutes or list of participants")
    page.get_by_label("Title").fill("Participants of the forum meeting")
    page.get_by_label("Date").fill("2026-10-15")
    page.get_by_label("File").set_input_files(
        {"name": "participants.csv", "mimeType": "text/csv", "buffer": b"organization,n\nNet,7\n"}
    )
    click(page, "File the evidence")
    expect(page.get_by_text("The evidence was filed.")).to_be_visible()
    expect(page.get_by_role("link", name="Participants of the forum meeting")).to_be_visible()
    shoot(page, "evidence")
    assert blocking_violations(page) == []
