"""Real Chromium: the comment flow with moderation (issue 22). A visitor comments on a
commitment with a name and an e-mail address (never shown); the member's point of contact replies
beside it; the Support Unit hides a spam comment with a reason and everyone then reads "Hidden by
moderators."; axe-core finds no serious problem on the pages of this part."""

import json
import os
import re
from datetime import date
from pathlib import Path

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from ogplocal.accounts.demo import current_totp_code
from ogplocal.opendata.build import build_open_data
from tests.browser.test_accessibility import blocking_violations
from tests.factories import (
    PASSWORD,
    TOTP_SECRET,
    ActionPlanFactory,
    CommitmentFactory,
    PointOfContactFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = os.environ.get("SCREENSHOTS_DIR")


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.fixture
def commitment():
    plan = ActionPlanFactory(submitted=True, member__jurisdiction__name="Villa Esperanza")
    return CommitmentFactory(plan=plan, title="Publish every public contract")


def _new_page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def _sign_in(page, email: str, *, totp: bool = False) -> None:
    page.goto("/accounts/login/")
    page.get_by_label(re.compile(r"^E-?mail", re.IGNORECASE)).fill(email)
    page.get_by_label(re.compile(r"^Password")).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("sign in", re.IGNORECASE)).click()
    if totp:
        page.get_by_label("Code").fill(current_totp_code(TOTP_SECRET))
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile("sign in", re.IGNORECASE)).click()


def _comment(page, name: str, email: str, text: str) -> None:
    section = page.locator("section.comments")
    if not section.locator("details.comment-add").evaluate("d => d.open"):
        section.get_by_text("Add a comment").click()
    section.get_by_label("Your name").fill(name)
    section.get_by_label("Your e-mail address").fill(email)
    section.get_by_label("Your comment").fill(text)
    with page.expect_navigation():
        section.get_by_role("button", name="Publish the comment").click()


def _screenshot(page, name: str) -> None:
    if not SCREENSHOTS:
        return
    folder = Path(SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_comment_reply_and_moderation(chromium, live_server, commitment):
    path = f"/commitments/{commitment.pk}/"
    visitor = _new_page(chromium, live_server)
    visitor.goto(path)
    _comment(visitor, "Rosa Díaz", "rosa.private@example.org", "Where are the March contracts?")
    expect(visitor.get_by_text("Your comment is published.")).to_be_visible()
    expect(visitor.locator("section.comments")).to_contain_text("Where are the March contracts?")
    expect(visitor.locator("body")).not_to_contain_text("rosa.private@example.org")
    _comment(visitor, "Spam Bot", "bot@example.org", "Buy followers now!!!")
    expect(visitor.locator("section.comments")).to_contain_text("Buy followers now!!!")

    poc = PointOfContactFactory(member=commitment.plan.member)
    member_page = _new_page(chromium, live_server)
    _sign_in(member_page, poc.user.email)
    member_page.goto(path)
    first = member_page.locator("li.comment", has_text="Where are the March contracts?")
    with member_page.expect_navigation():
        first.get_by_role("link", name="Reply for the member").click()
    member_page.get_by_label("The member's reply").fill("Published on 2 April, with the rest.")
    with member_page.expect_navigation():
        member_page.get_by_role("button", name="Publish the reply").click()
    expect(member_page.locator(".comment__reply")).to_contain_text("Published on 2 April")

    UserFactory(email="staff@ogp.example.org", staff=True, with_totp=True)
    staff = _new_page(chromium, live_server)
    _sign_in(staff, "staff@ogp.example.org", totp=True)
    staff.goto(path)
    spam = staff.locator("li.comment", has_text="Buy followers now!!!")
    with staff.expect_navigation():
        spam.get_by_role("link", name="Hide this comment").click()
    with staff.expect_navigation():
        staff.get_by_role("button", name="Hide the comment").click()  # no reason: refused
    expect(staff.locator(".errorlist")).to_contain_text("This field is required.")
    staff.get_by_label("Why is it hidden?").fill("Advertising.")
    with staff.expect_navigation():
        staff.get_by_role("button", name="Hide the comment").click()
    expect(staff.get_by_text("The comment is hidden.")).to_be_visible()

    visitor.goto(path)
    comments = visitor.locator("section.comments")
    expect(comments.get_by_text("Hidden by moderators.")).to_be_visible()
    expect(comments).not_to_contain_text("Buy followers now!!!")
    expect(comments).not_to_contain_text("Advertising.")
    expect(comments.locator(".comment__reply")).to_contain_text("Published on 2 April")
    violations = blocking_violations(visitor)
    assert not violations, json.dumps(violations, indent=2)
    _screenshot(visitor, "comments")


def test_a_bot_filling_the_honeypot_gets_an_error_and_nothing_is_published(page, commitment):
    page.goto(f"/commitments/{commitment.pk}/")
    section = page.locator("section.comments")
    section.get_by_label("Your name").fill("Bot")
    section.get_by_label("Your e-mail address").fill("bot@example.org")
    section.get_by_label("Your comment").fill("Spam")
    section.locator("input[name=website]").fill("http://spam.example", force=True)
    with page.expect_navigation():
        section.get_by_role("button", name="Publish the comment").click()
    expect(page.get_by_text("This comment could not be accepted.", exact=False)).to_be_visible()
    page.goto(f"/commitments/{commitment.pk}/")
    expect(page.locator("section.comments")).to_contain_text("No comments yet.")


def test_the_open_data_pages_and_the_error_report_have_no_serious_violations(page, commitment):
    build_open_data(as_of=date(2026, 1, 2))
    for path, name in (
        ("/data/", "open-data"),
        ("/data/documentation/", "data-documentation"),
        (f"/report-an-error/?page=/commitments/{commitment.pk}/", "report-an-error"),
    ):
        response = page.goto(path)
        assert response.status == 200, path
        violations = blocking_violations(page)
        assert not violations, f"{path}: {json.dumps(violations, indent=2)}"
        _screenshot(page, name)


def test_a_visitor_reports_an_error_from_the_footer(page, commitment):
    path = f"/commitments/{commitment.pk}/"
    page.goto(path)
    with page.expect_navigation():
        page.get_by_role("link", name="Report an error on this page").click()
    page.get_by_label("What is wrong on the page?").fill("The lead agency is the Treasury.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send the report").click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    expect(page.get_by_text("Thank you. The Support Unit will check the page")).to_be_visible()
