"""Real Chromium, issue 20: "staff … can connect a member with a pool of trained reviewers". A
staff member opens the pool from the monitoring overview, introduces an available reviewer to a
member from the member's page, and the member's point of contact sees the reviewer's name and
address on the member's page; a visitor does not."""

import re
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from monitoring.models import ReviewerIntroduction
from tests.browser.browsing import new_page, screenshot, sign_in
from tests.factories import (
    MemberFactory,
    PointOfContactFactory,
    TrainedReviewerFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_introduce_a_trained_reviewer_and_the_point_of_contact_sees_it(chromium, live_server):
    member = MemberFactory(jurisdiction__name="Villa Esperanza")
    poc = PointOfContactFactory(
        member=member, starts_on=date(2024, 1, 1), user__email="poc@villa.example"
    ).user
    TrainedReviewerFactory(name="Lucía Fernández", email="lucia@pool.example")
    TrainedReviewerFactory(name="Marie Dubois", is_available=False)
    staff = UserFactory(email="staff@ogp.example.org", staff=True, with_totp=True)

    page = new_page(chromium, live_server)
    sign_in(page, staff.email, totp=True)
    with page.expect_navigation():
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Monitoring").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Pool of trained reviewers").click()
    expect(page.get_by_role("cell", name=re.compile("Lucía Fernández"))).to_be_visible()
    expect(page.get_by_text("Not available", exact=True)).to_be_visible()
    screenshot(page, "reviewer-pool")

    slug = member.jurisdiction.slug
    page.goto(reverse("members:detail", args=[slug]))
    with page.expect_navigation():
        page.get_by_role("link", name="Introduce trained reviewers").click()
    expect(page.get_by_label(re.compile("Marie Dubois"))).to_have_count(0)  # not available
    page.get_by_label(re.compile("Lucía Fernández")).check()
    page.get_by_label("Note to the member").fill("Lucía reviews in Spanish.")
    screenshot(page, "introduce-reviewers")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the introduction").click()
    expect(page.get_by_text("The introduction is recorded")).to_be_visible()
    assert ReviewerIntroduction.objects.get().member == member

    visitor = new_page(chromium, live_server)
    visitor.goto(reverse("members:detail", args=[slug]))
    expect(visitor.get_by_role("heading", name="Assessments and findings")).to_be_visible()
    expect(visitor.get_by_text("lucia@pool.example")).to_have_count(0)

    poc_page = new_page(chromium, live_server)
    sign_in(poc_page, poc.email)
    poc_page.goto(reverse("members:detail", args=[slug]))
    expect(poc_page.get_by_role("link", name="lucia@pool.example")).to_be_visible()
    expect(poc_page.get_by_text("Lucía reviews in Spanish.")).to_be_visible()
    screenshot(poc_page, "member-introductions")
