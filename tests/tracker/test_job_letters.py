"""Status letters (RULES.md §6): the PDF says the new status, each reason with its Handbook
section, what to do by when (the revocation date four months after probation began); it is
e-mailed exactly once to each current point of contact, in their language, and to the Support
Unit."""

import json
import re
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from django.core import mail
from django.utils import translation
from pypdf import PdfReader

from ogplocal.audit.services import record_event
from ogplocal.notifications.models import OutboxMessage, OutboxState
from ogplocal.notifications.services import deliver_pending
from tests.factories import PointOfContactFactory, UserFactory
from tracker import letters
from tracker.job import evaluate_member_statuses
from tracker.status_models import StatusLetter
from tracker.status_simulation import load_scenario

pytestmark = pytest.mark.django_db

SCENARIO = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "scenarios"
    / "jobs"
    / "01-inactive-probation-revoked.json"
)
JOINED, INACTIVE, PROBATION = date(2024, 2, 1), date(2025, 10, 1), date(2026, 4, 1)
STUB = b"%PDF-1.4\n"


@pytest.fixture
def member():
    return load_scenario(json.loads(SCENARIO.read_text())).member


@pytest.fixture
def stub_pdf(monkeypatch):
    calls = []

    def render(template, context):
        from django.utils.translation import get_language

        calls.append(get_language())
        return STUB

    monkeypatch.setattr(letters, "render_pdf", render)
    return calls


def test_the_probation_letter_names_the_rule_its_section_and_the_revocation_date(
    member, monkeypatch
):
    monkeypatch.setattr(letters, "render_pdf", lambda template, context: STUB)
    evaluate_member_statuses(JOINED)
    evaluate_member_statuses(INACTIVE)
    monkeypatch.undo()  # the probation letter is typeset for real

    evaluate_member_statuses(PROBATION)

    letter = StatusLetter.objects.get(change__effective_on=PROBATION)
    with letter.pdf.open("rb") as pdf:
        text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf.read())).pages)
    text = " ".join(text.split())
    assert member.name in text
    assert "Probation" in text
    assert "LH §4.2" in text
    assert "LH §4.1(3)" in text
    assert "1 August 2026" in text  # four months after probation began (LH §4.2)
    assert letter.revocation_on == date(2026, 8, 1)


def test_the_inactivity_letter_says_which_filing_ends_it(member, stub_pdf):
    evaluate_member_statuses(JOINED)
    evaluate_member_statuses(INACTIVE)

    letter = StatusLetter.objects.get()
    actions = [action.text for action in letters.actions_for(letter.change)]
    assert any("tracker update that records progress" in text for text in actions)


def test_each_point_of_contact_and_the_support_unit_get_the_letter_exactly_once(
    member, stub_pdf, settings, django_capture_on_commit_callbacks
):
    english = PointOfContactFactory(
        member=member, user=UserFactory(preferred_language="en"), starts_on=JOINED
    )
    french = PointOfContactFactory(
        member=member, user=UserFactory(preferred_language="fr"), starts_on=JOINED
    )
    PointOfContactFactory(member=member, starts_on=JOINED, ends_on=date(2024, 6, 30))  # former
    evaluate_member_statuses(JOINED)

    with django_capture_on_commit_callbacks(execute=True):
        evaluate_member_statuses(INACTIVE)
        evaluate_member_statuses(INACTIVE, full=True)
    deliver_pending()
    deliver_pending()

    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(
        [english.user.email, french.user.email, settings.SUPPORT_UNIT_EMAIL]
    )
    assert all(message.attachments for message in mail.outbox)
    rows = {row.to: row for row in OutboxMessage.objects.all()}
    assert rows[french.user.email].language == "fr"
    assert rows[english.user.email].language == "en"
    assert {row.state for row in rows.values()} == {OutboxState.SENT}
    # The letter typeset once in English (kept) and once in French (attached for that reader).
    assert sorted(stub_pdf) == ["en", "fr"]


def test_a_rule_lifting_sends_no_letter(member, stub_pdf):
    from tracker.status_models import StatusChange

    evaluate_member_statuses(JOINED)
    evaluate_member_statuses(INACTIVE)
    # An update without progress: no_update lifts, no_progress stays (RULES.md §6).
    from tracker.models import TrackerUpdate, TrackerUpdateVersion

    commitment_update = TrackerUpdate.objects.first()
    update = TrackerUpdate.objects.create(
        commitment=commitment_update.commitment,
        quarter_starts_on=date(2025, 10, 1),
        submitted_on=date(2025, 11, 5),
        submitted_by=commitment_update.submitted_by,
    )
    TrackerUpdateVersion.objects.create(
        update=update,
        number=1,
        filed_on=date(2025, 11, 5),
        filed_by=commitment_update.submitted_by,
        completion_level="limited",
        previous_level="limited",
        narrative="Slow quarter.",
        next_steps="More.",
        progress=False,
    )
    # As tracker.services_updates.file_update does: the job notices the member from it.
    record_event(actor=None, verb="tracker.update_filed", obj=update, member=member)

    evaluate_member_statuses(date(2025, 11, 5))

    change = StatusChange.objects.get(effective_on=date(2025, 11, 5))
    assert change.rules == ["inactive.no_progress"]
    assert not StatusLetter.objects.filter(change=change).exists()


def test_the_reasons_write_their_dates_in_the_letters_language(member, stub_pdf):
    evaluate_member_statuses(JOINED)
    evaluate_member_statuses(INACTIVE)
    evaluate_member_statuses(PROBATION)
    change = StatusLetter.objects.get(change__effective_on=PROBATION).change

    with translation.override("fr"):
        text = " ".join(reason.text for reason in letters.reason_texts(change))

    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), text
    months = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    assert re.search(rf"\d{{1,2}} ({months}) \d{{4}}", text), text
