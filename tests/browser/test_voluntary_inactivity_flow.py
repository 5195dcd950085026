"""Real Chromium: a point of contact requests open-ended voluntary inactivity, the Support Unit
grants it, and the point of contact later ends it on a day; the member page shows the request,
the grant and the end, each kept (LH §4.1; H2, issue 21)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import PASSWORD, MemberFactory, PointOfContactFactory, UserFactory
from tracker.models import VoluntaryInactivity, VoluntaryInactivityEnd
from tracker.services_inactivity import decide_voluntary_inactivity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, user):
    page.goto(reverse("account_login"))
    page.get_by_label(re.compile(r"^E-?mail", re.IGNORECASE)).fill(user.email)
    page.get_by_label(re.compile(r"^Password")).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("sign in", re.IGNORECASE)).click()


def test_point_of_contact_requests_and_later_ends_voluntary_inactivity(page):
    today = timezone.localdate()
    member = MemberFactory(
        joined_on=today - timedelta(days=500), jurisdiction__name="San Telmo de Arriba"
    )
    poc = PointOfContactFactory(member=member)
    sign_in(page, poc.user)

    page.goto(reverse("members:detail", args=[member.slug]))
    with page.expect_navigation():
        page.get_by_role("link", name="Request voluntary inactivity").click()
    page.locator("[name=starts_on]").fill(today.isoformat())
    page.locator("[name=reason]").fill("Elections: the new council takes office in two months.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send the request").click()
    requests = page.locator(".voluntary-requests")
    expect(requests).to_contain_text("open-ended")
    expect(requests).to_contain_text("Pending")

    # The Support Unit grants it (its own pages are covered by tests/tracker).
    decide_voluntary_inactivity(
        VoluntaryInactivity.objects.get(),
        actor=UserFactory(staff=True),
        as_of=today,
        grant=True,
        reason="Elections are a reason of LH §4.1.",
    )
    page.reload()
    expect(requests).to_contain_text("Granted")

    with page.expect_navigation():
        page.get_by_role("link", name="End this period").click()
    expect(page.get_by_role("heading", name="End voluntary inactivity")).to_be_visible()
    # Bad input first: no reason. Nothing is saved and the rule is named.
    page.locator("[name=ends_on]").fill(today.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Record the end").click()
    expect(page.locator(".form-errors")).to_be_visible()
    assert not VoluntaryInactivityEnd.objects.exists()

    page.locator("[name=reason]").fill("The new council took office early.")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the end").click()
    expect(page.locator(".voluntary-ended")).to_contain_text("Ended: last day")
    expect(page.get_by_role("link", name="End this period")).to_have_count(0)
    end = VoluntaryInactivityEnd.objects.get()
    assert (end.ends_on, end.recorded_by) == (today, poc.user)
    assert VoluntaryInactivity.objects.get().ends_on is None  # the grant kept as it was
