"""A point of contact signs in with real Chromium and finds their member's page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import PASSWORD, PointOfContactFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_point_of_contact_signs_in_and_sees_their_member_page(page):
    record = PointOfContactFactory(
        member__jurisdiction__name="Makueni County",
        user__email="poc@makueni.example.org",
        user__full_name="Achieng Otieno",
    )

    page.goto(reverse("account_login"))
    page.get_by_label(re.compile(r"^E-?mail", re.IGNORECASE)).fill("poc@makueni.example.org")
    page.get_by_label(re.compile(r"^Password")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.IGNORECASE)).click()
    page.wait_for_url(re.compile(r"/$"))

    page.goto(reverse("members:detail", args=[record.member.slug]))

    expect(page.get_by_role("heading", level=1)).to_have_text("Makueni County")
    notice = page.get_by_role("heading", name="You are a point of contact for this member")
    expect(notice).to_be_visible()
    expect(page.get_by_role("link", name="Edit the public profile")).to_be_visible()
    expect(page.get_by_text("poc@makueni.example.org").first).to_be_visible()
