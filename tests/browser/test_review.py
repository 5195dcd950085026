"""A committee member scores an application in real Chromium; a member from the application's
country never sees it (LH §1.2). Set REVIEW_SCREENSHOTS=/some/dir to keep screenshots of the
queue, the review page and the cohort view at 1280 and 360 px."""

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from members.models import ApplicationState, Review
from tests.factories import (
    PASSWORD,
    ApplicationFactory,
    CallFactory,
    CommitteeMemberFactory,
    CountryFactory,
    SignatoryFactory,
    pdf_file,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("REVIEW_SCREENSHOTS")


def sign_in(page, email: str) -> None:
    page.goto(reverse("account_login"))
    page.get_by_label(re.compile(r"^E-?mail", re.IGNORECASE)).fill(email)
    page.get_by_label(re.compile(r"^Password")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.IGNORECASE)).click()
    page.wait_for_url(re.compile(r"/$"))


def screenshot(page, name: str) -> None:
    if not SCREENSHOTS:
        return
    folder = Path(SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def world():
    kenya, colombia = (
        CountryFactory(name="Kenya", ogp_region="africa_middle_east"),
        CountryFactory(name="Colombia"),
    )
    call = CallFactory(title="Call for new members 2026")
    application = ApplicationFactory(
        call=call,
        state=ApplicationState.SUBMITTED,
        jurisdiction_name="Makueni County",
        country=kenya,
        kind="county",
        population=987_653,
        letter=pdf_file(pages=2),
        letter_pages=2,
    )
    SignatoryFactory(application=application, name="Mary Wambua", organization_name="Civic Lab")
    for index in range(3):
        ApplicationFactory(
            call=call,
            state=ApplicationState.SUBMITTED,
            jurisdiction_name=f"Other City {index}",
            country=CountryFactory(name=f"Other Country {index}", ogp_region="europe"),
        )
    member = CommitteeMemberFactory(
        call=call, user__email="ana@committee.example.org", country=colombia
    )
    kenyan = CommitteeMemberFactory(
        call=call, user__email="wanjiru@committee.example.org", country=kenya
    )
    return {"call": call, "application": application, "member": member, "kenyan": kenyan}


def test_a_committee_member_scores_and_submits_a_review(page, world):
    call, application = world["call"], world["application"]
    sign_in(page, "ana@committee.example.org")

    page.get_by_role("link", name="Review", exact=True).click()
    page.get_by_role("link", name=call.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(call.title)
    screenshot(page, "review-queue")

    page.get_by_role("link", name="Makueni County").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Makueni County")
    expect(page.get_by_text("Mary Wambua")).to_be_visible()
    for point in range(1, 9):
        page.locator(f'input[name="score_{point}"][value="{2 + point % 4}"]').check()
    page.get_by_label("Comment on point 1").fill("A clear commitment to OGP values.")
    screenshot(page, "review-application")
    page.get_by_role("button", name="Submit the review").click()

    expect(page.get_by_text("Your review was submitted.")).to_be_visible()
    review = Review.objects.get(application=application, reviewer=world["member"].user)
    assert review.submitted_at is not None
    assert review.scores.count() == 8
    expect(page.get_by_text("Your score: 3 / 5").first).to_be_visible()

    page.get_by_role("link", name="Cohort").click()
    expect(page.get_by_role("heading", name="OGP region")).to_be_visible()
    screenshot(page, "review-cohort")


def test_a_member_from_the_applications_country_neither_sees_nor_opens_it(page, world):
    call, application = world["call"], world["application"]
    sign_in(page, "wanjiru@committee.example.org")

    page.goto(reverse("review:queue", args=[call.slug]))
    expect(page.get_by_role("link", name="Other City 0")).to_be_visible()
    assert page.get_by_role("link", name="Makueni County").count() == 0
    hidden = "1 application is hidden because you are recused from it."
    expect(page.get_by_text(hidden)).to_be_visible()

    response = page.goto(reverse("review:application", args=[call.slug, application.pk]))
    assert response.status == 404
