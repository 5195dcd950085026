"""Issue 22 in real Chromium (session 4, H3): a visitor downloads exactly what the directory's
filters show and a member's own rows from its page; the commitment page (chart, milestones as
last reported, assessments), its tracker history and the plan page pass axe-core; a member in a
coalition shows its joint plan."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_accessibility import blocking_violations
from tests.factories import (
    ActionPlanFactory,
    CoalitionFactory,
    CoalitionMembershipFactory,
    CommitmentFactory,
    MemberFactory,
    MilestoneFactory,
    MonitoringBodyFactory,
    TrackerUpdateFactory,
)
from tests.opendata import records

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world():
    from tracker.models_updates import MilestoneReport

    plan = ActionPlanFactory(submitted=True, member__jurisdiction__name="Villa Esperanza")
    commitment = CommitmentFactory(plan=plan, title="Publish every public contract")
    MilestoneFactory(commitment=commitment, number=1, output="Design agreed")
    update = TrackerUpdateFactory(commitment=commitment)
    MilestoneReport.objects.create(
        version=update.versions.get(),
        number=1,
        output="Design agreed",
        state="delayed",
        delay_reason="The forum met late.",
    )
    records.published_assessment(plan)
    coalition = CoalitionFactory(name="Lakes Coalition")
    partner = CoalitionMembershipFactory(coalition=coalition).member
    CoalitionMembershipFactory(coalition=coalition)
    joint = ActionPlanFactory(
        member=None,
        coalition=coalition,
        submitted=True,
        monitoring_body=MonitoringBodyFactory(country=coalition.country),
    )
    MemberFactory.create_batch(3)
    return {"plan": plan, "commitment": commitment, "partner": partner, "joint": joint}


def _downloaded_rows(download) -> list[dict]:
    text = Path(download.value.path()).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_a_visitor_downloads_the_filtered_directory_and_a_members_own_rows(page, world):
    member = world["plan"].member
    page.goto(reverse("members:list"))
    page.get_by_label("Search by name").fill("villa esperanza")
    with page.expect_navigation():
        page.get_by_role("button", name="Show members").click()
    expect(page.locator("table.directory tbody tr")).to_have_count(1)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these members as CSV").click()
    assert [row["id"] for row in _downloaded_rows(download)] == [str(member.pk)]

    with page.expect_navigation():
        page.get_by_role("link", name="Villa Esperanza").click()
    section = page.locator("section.member-open-data")
    expect(section.get_by_role("link", name="Everything", exact=True)).to_have_attribute(
        "href", reverse("opendata:member_feed", args=[member.slug])
    )
    with page.expect_download() as download:
        section.get_by_role("link", name="Commitments (CSV)").click()
    rows = _downloaded_rows(download)
    assert [row["title"] for row in rows] == ["Publish every public contract"]
    feed = page.request.get(reverse("opendata:member_feed", args=[member.slug]))
    assert feed.ok and "application/atom+xml" in feed.headers["content-type"]


def test_a_coalition_member_shows_its_joint_plan_and_the_page_passes_axe(page, world):
    page.goto(reverse("members:detail", args=[world["partner"].slug]))
    joint = page.get_by_role("heading", name="Joint action plans")
    expect(joint).to_be_visible()
    joint_list = page.get_by_role("list", name="Joint action plans")
    expect(joint_list.get_by_role("link", name=str(world["joint"]))).to_be_visible()
    violations = blocking_violations(page)
    assert not violations, json.dumps(violations, indent=2)


def test_the_commitment_plan_and_tracker_history_pages_pass_axe(page, world):
    commitment = world["commitment"]
    for path in (
        reverse("commitments:detail", args=[commitment.pk]),
        reverse("tracker:updates", args=[commitment.pk]),
        reverse("plans:detail", args=[world["plan"].pk]),
    ):
        response = page.goto(path)
        assert response.status == 200, path
        violations = blocking_violations(page)
        assert not violations, f"{path}: {json.dumps(violations, indent=2)}"
    page.goto(reverse("commitments:detail", args=[commitment.pk]))
    expect(page.get_by_role("heading", name="Milestones as last reported")).to_be_visible()
    expect(page.get_by_text("Reason for the delay: The forum met late.")).to_be_visible()
    expect(page.get_by_role("heading", name="Assessments by the monitoring body")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="The tracker history", exact=False).click()
    expect(page).to_have_url(
        f"{page.url.split('/commitments/')[0]}/commitments/{commitment.pk}/updates/"
    )
