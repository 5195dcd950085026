"""Issue 22 in real Chromium (session 4, H3): a member's page offers its Atom feeds, everything and
one per kind, each a feed of that member; a published assessment's public page
(monitoring:assessment) passes axe-core: an inception assessment with every answer, its evidence,
the comments of its comment period and a public comment with the member's reply and a hidden one;
an end-of-commitment assessment and a final learning exercise. Anyone reads them with no serious
or critical axe-core violation, with the comment form's errors too, and at 360 px nothing scrolls
sideways."""

import json
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from monitoring import services
from ogplocal.comments import services as comments
from tests.browser.browsing import screenshot
from tests.browser.test_accessibility import blocking_violations
from tests.factories import UserFactory
from tests.monitoring.helpers import assigned_plan, fill_inception
from tests.opendata import records

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world():
    setting = assigned_plan(member__jurisdiction__name="Villa Esperanza")
    reviewer, started_on = setting.reviewer, date(2025, 2, 1)
    inception = services.start_assessment(
        setting.plan, "inception", actor=reviewer, as_of=started_on
    )
    fill_inception(inception, reviewer)
    services.add_evidence(
        inception,
        title="The forum's public page",
        link="https://villa.example/forum",
        actor=reviewer,
    )
    ends_on = date.fromordinal(started_on.toordinal() + services.MIN_COMMENT_DAYS)
    inception = services.open_comment_period(
        inception, ends_on=ends_on, actor=reviewer, as_of=started_on
    )
    services.add_comment(
        inception,
        body="The forum also met online in February.",
        invitation=inception.invitations.get(group="non_governmental"),
        as_of=started_on,
    )
    inception = services.publish_assessment(
        inception, actor=reviewer, as_of=date.fromordinal(ends_on.toordinal() + 1)
    )
    answered = comments.post_comment(
        target=inception,
        user=None,
        name="Rosa Díaz",
        email="rosa@example.org",
        body="Were the minutes of the forum published?",
    )
    comments.reply_to_comment(
        comment=answered, actor=setting.poc, body="Yes, on the city's website in March."
    )
    spam = comments.post_comment(
        target=inception, user=None, name="Bot", email="bot@example.org", body="Cheap watches."
    )
    comments.hide_comment(comment=spam, actor=UserFactory(staff=True), reason="Advertising.")
    end = records.published_assessment(
        setting.plan,
        kind="end_of_commitment",
        commitment=setting.commitment,
        completion_level="substantial",
        early_results="Every contract of 2025 is online.",
        evidence="The contracts portal.",
    )
    final = records.published_assessment(
        setting.plan,
        kind="final_learning",
        successes="A forum that meets every quarter.",
        improvements="Involve the districts earlier.",
    )
    return {"inception": inception, "end_of_commitment": end, "final_learning": final}


@pytest.mark.parametrize("kind", ["inception", "end_of_commitment", "final_learning"])
def test_a_published_assessment_page_has_no_serious_accessibility_violation(page, world, kind):
    assessment = world[kind]
    response = page.goto(reverse("monitoring:assessment", args=[assessment.pk]))
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_contain_text(assessment.get_kind_display())
    expect(page.get_by_text("Published", exact=True)).to_be_visible()
    violations = blocking_violations(page)
    assert not violations, json.dumps(violations, indent=2)
    screenshot(page, f"published-assessment-{kind}")


def test_the_inception_page_shows_its_comments_reply_and_hidden_comment_to_anyone(page, world):
    page.goto(reverse("monitoring:assessment", args=[world["inception"].pk]))
    expect(page.get_by_text("The forum also met online in February.")).to_be_visible()
    expect(page.get_by_text("Were the minutes of the forum published?")).to_be_visible()
    expect(page.get_by_text("Yes, on the city's website in March.")).to_be_visible()
    expect(page.get_by_text("Cheap watches.")).to_have_count(0)
    expect(page.get_by_role("link", name="The forum's public page")).to_have_attribute(
        "href", "https://villa.example/forum"
    )


def test_the_comment_forms_errors_on_an_assessment_have_no_serious_violation(page, world):
    page.goto(reverse("monitoring:assessment", args=[world["inception"].pk]))
    section = page.locator("section.comments")
    if not section.locator("details.comment-add").evaluate("d => d.open"):
        section.get_by_text("Add a comment").click()
    section.get_by_label("Your name").fill("Ana")
    section.get_by_label("Your comment").fill("When is the next forum?")
    with page.expect_navigation():
        section.get_by_role("button", name="Publish the comment").click()
    expect(page.get_by_role("alert")).to_contain_text("Your comment was not published.")
    expect(page.get_by_label("Your e-mail address")).to_have_attribute("aria-invalid", "true")
    violations = blocking_violations(page)
    assert not violations, json.dumps(violations, indent=2)


@pytest.mark.parametrize("kind", ["inception", "end_of_commitment", "final_learning"])
def test_a_published_assessment_page_never_scrolls_sideways_at_360_pixels(
    chromium, live_server, world, kind
):
    context = chromium.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 360, "height": 780}
    )
    try:
        page = context.new_page()
        page.goto(reverse("monitoring:assessment", args=[world[kind].pk]))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()


def test_a_visitor_finds_each_of_a_members_feeds_on_its_page(page, world):
    member = world["inception"].plan.member
    page.goto(reverse("members:detail", args=[member.slug]))
    section = page.get_by_role("region", name="Follow and reuse this member's data")
    expect(section).to_be_visible()
    feeds = {
        "Everything": "",
        "New action plans": "plans/",
        "Tracker updates": "updates/",
        "Published assessments": "assessments/",
        "Status changes": "status-changes/",
    }
    for name, tail in feeds.items():
        link = section.get_by_role("link", name=name, exact=True)
        expect(link).to_have_attribute("href", f"/data/feed/members/{member.slug}/{tail}")
        response = page.request.get(link.get_attribute("href"))
        assert response.ok, name
        assert response.headers["content-type"].startswith("application/atom+xml"), name
    body = page.request.get(f"/data/feed/members/{member.slug}/assessments/").text()
    assert body.count("<entry>") == 3
    assert "Final learning exercise published" in body
    violations = blocking_violations(page)
    assert not violations, json.dumps(violations, indent=2)
    section.scroll_into_view_if_needed()
    screenshot(page, "member-feeds")
