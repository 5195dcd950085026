"""Real Chromium: a point of contact files a quarterly tracker update with evidence, and the
member's page shows the quarter as reported and the progress derived (LH §3.5.4, RULES.md §2)."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import (
    PASSWORD,
    ActionPlanFactory,
    CommitmentFactory,
    MilestoneFactory,
    PointOfContactFactory,
    pdf_file,
)
from tracker.engine import quarter_label, quarter_of
from tracker.models import Evidence

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_point_of_contact_files_an_update_and_the_member_page_shows_it(page):
    today = timezone.localdate()
    plan = ActionPlanFactory(
        submitted=True,
        submitted_on=date(today.year - 1, 1, 1) - timedelta(days=20),
        starts_on=date(today.year - 1, 1, 1),
        ends_on=date(today.year + 1, 12, 31),
        member__joined_on=date(today.year - 2, 1, 1),
        member__jurisdiction__name="Villa Esperanza",
    )
    commitment = CommitmentFactory(plan=plan, number=1, title="Open contracting")
    MilestoneFactory(commitment=commitment, number=1, output="Contracts published")
    poc = PointOfContactFactory(member=plan.member)
    quarter = quarter_label(quarter_of(today))

    page.goto(reverse("account_login"))
    page.get_by_label(re.compile(r"^E-?mail", re.IGNORECASE)).fill(poc.user.email)
    page.get_by_label(re.compile(r"^Password")).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("sign in", re.IGNORECASE)).click()

    page.goto(reverse("members:detail", args=[plan.member.slug]))
    section = page.locator(".member-tracker")
    expect(section.get_by_text("Not reported yet", exact=True)).to_be_visible()
    with page.expect_navigation():
        section.get_by_role("link", name=f"File the update for {quarter}").click()

    expect(page.get_by_role("heading", name="Quarterly update")).to_be_visible()
    page.locator("input[name=completion_level][value=substantial]").check()
    page.locator("input[name=milestone_1][value=complete]").check()
    page.locator("[name=narrative]").fill("Every contract of the year is online.")
    page.locator("[name=next_steps]").fill("Publish amendments by the next quarter.")
    page.locator("[name=evidence_title_1]").fill("Report to the forum")
    page.locator("[name=evidence_file_1]").set_input_files(
        files=[{"name": "report.pdf", "mimeType": "application/pdf", "buffer": pdf_file().read()}]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="File the update").click()

    expect(page.get_by_role("heading", name="Update history")).to_be_visible()
    expect(page.locator(f"[data-quarter='{quarter}'] [data-progress='yes']")).to_be_visible()
    expect(page.get_by_role("link", name="Report to the forum")).to_be_visible()
    assert Evidence.objects.get().original_name == "report.pdf"

    page.goto(reverse("members:detail", args=[plan.member.slug]))
    current = page.locator(f".tracker-quarter[data-quarter='{quarter}']")
    expect(current.get_by_text("Reported", exact=True)).to_be_visible()
    expect(current).to_contain_text("Progress recorded on")
    row = page.locator(f".member-tracker [data-commitment='{commitment.pk}']")
    expect(row).to_contain_text("Substantial")
    expect(row).to_contain_text("progress")
