"""Accessibility in real Chromium: axe-core finds no serious or critical problem, the keyboard
reaches the skip link first, and the pages work with JavaScript turned off (STYLE.md rule 12)."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING_IMPACTS = {"serious", "critical"}


def blocking_violations(page) -> list[dict]:
    results = Axe().run(page)
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


@pytest.mark.parametrize(
    ("path", "status"),
    [("/", 200), ("/accounts/login/", 200), ("/no-such-page/", 404)],
    ids=["home", "sign-in", "not-found"],
)
def test_page_has_no_serious_accessibility_violations(page, path, status):
    response = page.goto(path)
    assert response.status == status
    violations = blocking_violations(page)
    assert not violations, json.dumps(violations, indent=2)


def test_sign_in_errors_have_no_serious_accessibility_violations(page):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("nobody@example.org")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    violations = blocking_violations(page)
    assert not violations, json.dumps(violations, indent=2)


def test_account_pages_of_a_signed_in_person_have_no_serious_violations(page, django_user_model):
    from allauth.account.models import EmailAddress
    from django.urls import reverse

    user = django_user_model.objects.create_user(
        email="poc@example.org", password="correct horse 42"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    page.goto(reverse("account_login"))
    page.get_by_label("Email").fill("poc@example.org")
    page.get_by_label("Password").fill("correct horse 42")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("poc@example.org").first).to_be_visible()
    for name in ("account_email", "account_change_password", "mfa_index", "home"):
        page.goto(reverse(name))
        violations = blocking_violations(page)
        assert not violations, f"{name}: {json.dumps(violations, indent=2)}"


def test_first_tab_focuses_the_visible_skip_link(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.get_attribute("href") == "#main"
    expect(focused).to_be_visible()
    box = focused.bounding_box()
    viewport = page.viewport_size
    assert box and box["y"] >= 0 and box["x"] >= 0
    assert box["y"] + box["height"] <= viewport["height"]
    assert box["width"] > 10 and box["height"] > 10


def test_skip_link_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_skip_link_is_off_screen_until_focused(page):
    page.goto("/")
    box = page.locator("a.skip-link").bounding_box()
    assert box is None or box["y"] + box["height"] <= 0


def test_language_switcher_works_without_javascript(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="en-GB"
    )
    try:
        page = context.new_page()
        page.goto("/")
        page.get_by_label("Language").select_option("es")
        page.get_by_role("button", name="Change language").click()
        expect(page.locator("html")).to_have_attribute("lang", "es")
        heading = page.get_by_role("heading", level=1)
        expect(heading).to_have_text("OGP Local: gobierno abierto, cerca de la gente")
        expect(page.get_by_role("link", name="Iniciar sesión")).to_be_visible()
    finally:
        context.close()


def test_page_styles_load_under_the_content_security_policy(page):
    """htmx would inject a <style> unless told not to; the browser reports what the CSP blocks."""
    blocked: list[str] = []

    def collect(message):
        if "Content Security Policy" in message.text:
            blocked.append(message.text)

    page.on("console", collect)
    page.goto("/")
    page.wait_for_load_state("load")
    position = page.locator("a.skip-link").evaluate("el => getComputedStyle(el).position")
    assert position == "absolute", "portal.css was not applied"
    assert not blocked, blocked


def test_member_pages_have_no_serious_accessibility_violations(page):
    """The directory, a member's page, and its edit form with errors, as a point of contact."""
    from django.urls import reverse

    from tests.factories import PASSWORD, MemberFactory, PointOfContactFactory

    MemberFactory.create_batch(3)
    record = PointOfContactFactory(user__email="poc@city.example.org")
    member = record.member
    page.goto(reverse("account_login"))
    page.get_by_label("Email").fill("poc@city.example.org")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()

    for path in (
        reverse("members:list"),
        reverse("members:list") + "?q=zzzz-no-match",
        reverse("members:detail", args=[member.slug]),
        reverse("members:edit", args=[member.slug]),
    ):
        response = page.goto(path)
        assert response.status == 200, path
        violations = blocking_violations(page)
        assert not violations, f"{path}: {json.dumps(violations, indent=2)}"

    # A date the browser accepts but the server refuses: a term cannot end in 9999 (LH §1.1).
    page.get_by_label("The term actually ends on").fill("9999-12-31")
    page.get_by_label("Where the Support Unit can check the date").fill("Typed by mistake.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The term must end within 10 years").first).to_be_visible()
    violations = blocking_violations(page)
    assert not violations, f"edit with errors: {json.dumps(violations, indent=2)}"
