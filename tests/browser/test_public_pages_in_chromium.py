"""The public pages of issue 22 (H5) in real Chromium: axe-core finds no serious or critical
problem on the home page, the directory (filtered, empty), a member's page on probation, the
contact form (with its errors) and the overview; at 360 px the page never scrolls sideways, the
tables scroll inside their own box; the pages work without JavaScript."""

import json
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_accessibility import blocking_violations
from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MemberFactory,
    PointOfContactFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    plan = ActionPlanFactory(submitted=True, member__jurisdiction__name="Bogotá")
    CommitmentFactory(plan=plan, policy_area="open_data", completed_on=date(2025, 6, 1))
    CommitmentFactory(plan=plan, policy_area="inclusion")
    # First plan due 2026-02-01 and none filed: inactive from 2026-02-02, on probation from
    # 2026-08-02, revoked from 2026-12-02 (read by the engine on the day the test runs); each
    # state's page carries its reasons, sections and dates.
    late = MemberFactory(
        jurisdiction__name="Municipalidad Distrital de San Juan de Lurigancho",
        joined_on=date(2026, 1, 5),
        first_plan_due_on=date(2026, 2, 1),
    )
    PointOfContactFactory(member=late, contact__email="hidden-poc@city.example.org")
    MemberFactory.create_batch(4)
    return {"plan": plan, "late": late}


def _check(page, path):
    response = page.goto(path)
    assert response.status == 200, path
    violations = blocking_violations(page)
    assert not violations, f"{path}: {json.dumps(violations, indent=2)}"


def test_public_pages_have_no_serious_accessibility_violations(page, world):
    for path in (
        "/",
        reverse("members:list"),
        reverse("members:list") + "?q=zzzz-no-match",
        reverse("members:list") + "?status=revoked&sort=-joined",
        reverse("members:detail", args=[world["late"].slug]),
        reverse("members:detail", args=[world["plan"].member.slug]),
        reverse("overview"),
        reverse("members:contact", args=[world["late"].slug]),
    ):
        _check(page, path)


def test_contact_form_errors_have_no_serious_violations_and_name_the_field(page, world):
    page.goto(reverse("members:contact", args=[world["late"].slug]))
    page.get_by_label("Your name").fill("Ana")
    page.get_by_label("Your e-mail address").fill("not an address")
    page.get_by_label("Your message").fill("Hello")
    with page.expect_navigation():
        page.get_by_role("button", name="Send the message").click()
    expect(page.get_by_text("Enter a valid email address.")).to_be_visible()
    violations = blocking_violations(page)
    assert not violations, json.dumps(violations, indent=2)


@pytest.mark.parametrize(
    "name",
    ["home", "members:list", "overview", "member"],
    ids=["home", "directory", "overview", "member"],
)
def test_public_pages_never_scroll_sideways_at_360_pixels(chromium, live_server, world, name):
    path = (
        reverse("members:detail", args=[world["late"].slug]) if name == "member" else reverse(name)
    )
    context = chromium.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 360, "height": 780}
    )
    try:
        page = context.new_page()
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        for box in page.locator(".table-wrapper").all():
            assert box.bounding_box()["width"] <= 360
    finally:
        context.close()


def test_directory_filters_and_member_page_work_without_javascript(chromium, live_server, world):
    context = chromium.new_context(
        base_url=live_server.url, locale="en-GB", java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(reverse("members:list"))
        page.get_by_label("Search by name").fill("bogota")
        with page.expect_navigation():
            page.get_by_role("button", name="Show members").click()
        expect(page.locator("table.directory tbody tr")).to_have_count(1)
        with page.expect_navigation():
            page.get_by_role("link", name="Bogotá").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Bogotá")
        expect(page.get_by_role("heading", name="Status, and why")).to_be_visible()
    finally:
        context.close()


def test_keyboard_reaches_the_directory_table_and_its_sort_links(page, world):
    page.goto(reverse("members:list"))
    region = page.get_by_role("region", name="Members")
    region.focus()
    expect(region).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Member")
