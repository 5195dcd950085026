"""Real Chromium, issue 20: a reviewer files an inception assessment with its evidence (a PDF and a
link) and opens the comment period (both groups e-mailed), a point of contact comments, the
reviewer publishes it once the period has closed (the public downloads its evidence), staff record
an unmet requirement finding, and the engine on that member's facts from the database (the
`member_status --member` command) says probation with LH §4.2.

Time is moved with time-machine (the live server runs in this process): the comment period lasts
at least two weeks (monitoring.services.MIN_COMMENT_DAYS).
"""

import io
import json
from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from monitoring.models import Assessment, RequirementFinding
from tests.browser.browsing import new_page, screenshot, sign_in
from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    EndorsingStakeholderFactory,
    MonitoringBodyReviewerFactory,
    PointOfContactFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FILED_ON = datetime(2026, 3, 2, 9, 0)
PUBLISHED_ON = datetime(2026, 3, 17, 9, 0)


def minutes_pdf() -> bytes:
    from tests.factories import pdf_file

    return pdf_file(name="minutes.pdf").read()


def save_and_go_on(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Save and go on").click()


def test_reviewer_files_publishes_and_staff_finding_puts_member_on_probation(chromium, live_server):
    with time_machine.travel(FILED_ON, tick=True):
        plan = ActionPlanFactory(
            submitted=True,
            submitted_on=date(2026, 2, 20),
            starts_on=date(2026, 3, 1),
            ends_on=date(2028, 2, 29),
            member__jurisdiction__name="Villa Esperanza",
            member__joined_on=date(2025, 6, 1),
        )
        CommitmentFactory(plan=plan, number=1, title="Open the city's contracts")
        EndorsingStakeholderFactory(plan=plan, organization_name="Civic Forum")
        reviewer = MonitoringBodyReviewerFactory(
            body=plan.monitoring_body, starts_on=date(2025, 1, 1), user__email="rev@body.example"
        ).user
        poc = PointOfContactFactory(
            member=plan.member, starts_on=date(2025, 6, 1), user__email="poc@villa.example"
        ).user
        staff = UserFactory(email="staff@ogp.example.org", staff=True, with_totp=True)

        page = new_page(chromium, live_server)
        sign_in(page, reviewer.email)
        page.goto(reverse("monitoring:dashboard"))
        expect(page.get_by_text("Inception assessment").first).to_be_visible()
        screenshot(page, "reviewer-dashboard")
        page.goto(reverse("monitoring:plan", args=[plan.pk]))
        screenshot(page, "plan-review")
        with page.expect_navigation():
            page.get_by_role("button", name="Start").first.click()
        for code in ("forum", "regularity", "multi_stakeholder", "endorsement"):
            page.locator(f'[name="{code}-met"][value="yes"]').check()
            page.locator(f'[name="{code}-evidence"]').fill(f"Minutes show the {code}.")
        screenshot(page, "part-requirements")
        save_and_go_on(page)
        for select in page.locator("select[name$='-rating']").all():
            select.select_option("applied")
        for area in page.locator("textarea[name$='-comment']").all():
            area.fill("Published on the city's website.")
        save_and_go_on(page)
        page.locator("select[name$='-relevance']").select_option("relevant")
        page.locator("select[name$='-verifiability']").select_option("verifiable")
        page.locator("select[name$='-potential_impact']").select_option("moderate")
        for area in page.locator("textarea[name$='_justification']").all():
            area.fill("Each milestone has a date and an output.")
        with page.expect_navigation():
            page.get_by_role("button", name="Save", exact=True).click()
        expect(page.get_by_text("Saved. You can come back to it at any time.")).to_be_visible()

        assessment = Assessment.objects.get()
        # Evidence relied on: a PDF (type by its content) and a link.
        page.goto(reverse("monitoring:assessment", args=[assessment.pk]))
        with page.expect_navigation():
            page.get_by_role("link", name="Add or withdraw evidence").click()
        page.get_by_label("What it shows").fill("Minutes of the forum")
        page.get_by_label("File").set_input_files(
            {"name": "Forum minutes.pdf", "mimeType": "application/pdf", "buffer": minutes_pdf()}
        )
        with page.expect_navigation():
            page.get_by_role("button", name="Add the evidence").click()
        expect(page.get_by_text("The evidence is added to the assessment.")).to_be_visible()
        page.get_by_label("What it shows").fill("The forum's public page")
        page.get_by_label("Or a link").fill("https://villa.example/forum")
        with page.expect_navigation():
            page.get_by_role("button", name="Add the evidence").click()
        expect(page.get_by_role("link", name="The forum's public page")).to_be_visible()
        screenshot(page, "assessment-evidence")

        page.goto(reverse("monitoring:assessment", args=[assessment.pk]))
        with page.expect_navigation():
            page.get_by_role("link", name="Open the comment period").click()
        expect(page.get_by_text("Civic Forum")).to_be_visible()
        page.get_by_label("Last day for comments").fill("2026-03-16")
        with page.expect_navigation():
            page.get_by_role("button", name="Invite and open the comment period").click()
        expect(page.get_by_text("Open for comments from")).to_be_visible()
        screenshot(page, "assessment-comment-period")
        # Both groups invited by e-mail, once each, with their own link (LH §3.5).
        invited = sorted(message.to[0] for message in mail.outbox)
        assert invited == ["ana@civic.example.org", "poc@villa.example"]

        poc_page = new_page(chromium, live_server)
        sign_in(poc_page, poc.email)
        poc_page.goto(reverse("monitoring:assessment", args=[assessment.pk]))
        with poc_page.expect_navigation():
            poc_page.get_by_role("link", name="Comment on it").click()
        poc_page.get_by_label("Your comment").fill("The forum also met online in February.")
        with poc_page.expect_navigation():
            poc_page.get_by_role("button", name="Send the comment").click()
        expect(poc_page.get_by_text("Thank you: your comment was sent")).to_be_visible()

        # Not yet: the period runs to its last day.
        page.reload()
        expect(page.get_by_role("button", name="Publish the assessment")).to_have_count(0)

    with time_machine.travel(PUBLISHED_ON, tick=True):
        page = new_page(chromium, live_server)
        sign_in(page, reviewer.email)
        page.goto(reverse("monitoring:assessment", args=[assessment.pk]))
        expect(page.get_by_text("The forum also met online in February.")).to_be_visible()
        with page.expect_navigation():
            page.get_by_role("button", name="Publish the assessment").click()
        expect(page.get_by_text("The assessment is published.")).to_be_visible()
        screenshot(page, "assessment-published")

        # The public reads it with its evidence and downloads the minutes.
        public = new_page(chromium, live_server)
        public.goto(reverse("monitoring:assessment", args=[assessment.pk]))
        expect(public.get_by_role("link", name="The forum's public page")).to_have_attribute(
            "href", "https://villa.example/forum"
        )
        with public.expect_download() as download:
            public.get_by_role("link", name="Minutes of the forum").click()
        assert download.value.suggested_filename == "Forum minutes.pdf"

        staff_page = new_page(chromium, live_server)
        sign_in(staff_page, staff.email, totp=True)
        slug = plan.member.jurisdiction.slug
        staff_page.goto(reverse("monitoring:finding_new", args=[slug]))
        staff_page.get_by_label("Not met").check()
        staff_page.get_by_label("Assessment relied on").select_option(str(assessment.pk))
        staff_page.get_by_label("Reasons").fill("No implementation meeting in the first year.")
        screenshot(staff_page, "finding-form")
        with staff_page.expect_navigation():
            staff_page.get_by_role("button", name="Record the finding").click()
        expect(staff_page.get_by_text("The finding is recorded.")).to_be_visible()
        expect(
            staff_page.get_by_text("No implementation meeting in the first year.").first
        ).to_be_visible()
        screenshot(staff_page, "member-page")

        finding = RequirementFinding.objects.get()
        assert (finding.met, finding.recorded_on) == (False, PUBLISHED_ON.date())

        out = io.StringIO()
        call_command("member_status", "--member", slug, "--as-of", "2026-03-17", stdout=out)
    result = json.loads(out.getvalue())
    assert result["status"] == "probation"
    (reason,) = [r for r in result["reasons"] if r["rule"] == "probation.co_creation"]
    assert reason["handbook"] == "LH §4.2"
    inception = next(d for d in result["deadlines"] if d["kind"] == "inception_assessment")
    assert (inception["state"], inception["met_on"]) == ("met", "2026-03-17")
