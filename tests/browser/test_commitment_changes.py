"""Real Chromium: a point of contact proposes a change to a submitted commitment, and its public
page shows the difference word by word (LH §3.2.1.3)."""

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
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_point_of_contact_proposes_a_change_and_the_public_page_shows_it(page):
    today = timezone.localdate()
    plan = ActionPlanFactory(
        submitted=True,
        submitted_on=today - timedelta(days=10),
        starts_on=date(today.year, today.month, 1),
        ends_on=date(today.year + 2, today.month, 1) - timedelta(days=1),
        member__jurisdiction__name="Villa Esperanza",
    )
    commitment = CommitmentFactory(plan=plan, number=1)
    MilestoneFactory(commitment=commitment, number=1)
    poc = PointOfContactFactory(member=plan.member)

    page.goto(reverse("account_login"))
    page.get_by_label(re.compile(r"^E-?mail", re.IGNORECASE)).fill(poc.user.email)
    page.get_by_label(re.compile(r"^Password")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.IGNORECASE)).click()
    page.wait_for_url(re.compile(r"/$"))

    page.goto(reverse("commitments:detail", args=[commitment.pk]))
    page.get_by_role("link", name="Propose a change").click()
    page.locator("main [name=description]").fill("Residents asked for weekly publication.")
    page.locator("main [name=consulted]").fill("The open government forum, 12 organizations.")
    page.locator("main [name=decision_process]").fill("Agreed by consensus in the forum.")
    page.locator("[name=commitment-action]").fill(
        "Publish every contract in the Open Contracting Data Standard every week."
    )
    page.get_by_role("button", name="Record the change").click()
    page.wait_for_url(re.compile(rf"/commitments/{commitment.pk}/$"))

    expect(page.get_by_role("heading", name="Versions and changes")).to_be_visible()
    assert page.locator(".change-diff ins").first.inner_text() == "Standard every week."
    expect(page.get_by_text("The open government forum, 12 organizations.")).to_be_visible()
