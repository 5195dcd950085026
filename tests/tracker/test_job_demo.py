"""seed_demo's status histories (tracker/demo_status.py): the real job over the demo world, month
by month, records each member's history and letters (not typeset until opened, never e-mailed);
a second seeding records nothing new; a point of contact downloads a letter."""

import json
from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from ogplocal.notifications.models import OutboxMessage
from tests.factories import PointOfContactFactory
from tests.tracker.test_job import SCENARIO
from tracker.demo_status import run_days, seed_status_demo
from tracker.status_models import StatusChange, StatusLetter
from tracker.status_simulation import changes_of, load_scenario

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 5, 20)


@pytest.fixture
def member():
    return load_scenario(json.loads(SCENARIO.read_text())).member


def test_the_job_runs_on_the_first_of_each_month_then_on_the_day():
    assert run_days(date(2024, 11, 15), date(2025, 2, 10)) == [
        date(2024, 11, 15),
        date(2024, 12, 1),
        date(2025, 1, 1),
        date(2025, 2, 1),
        date(2025, 2, 10),
    ]


def test_the_demo_records_the_history_and_letters_the_job_would_have(member):
    seed_status_demo(as_of=AS_OF)
    seed_status_demo(as_of=AS_OF)  # a second seeding records nothing new

    assert [(c["effective_on"], c["status"], c["letter"]) for c in changes_of(member)] == [
        ("2024-02-01", "active", False),
        ("2025-10-01", "inactive", True),
        ("2026-04-01", "probation", True),
    ]
    member.refresh_from_db()
    assert (member.status, member.status_since) == ("probation", date(2026, 4, 1))
    assert not StatusLetter.objects.exclude(pdf="").exists()  # typeset when first opened
    assert not OutboxMessage.objects.exists()  # and never e-mailed


def test_a_point_of_contact_downloads_the_demo_letter_typeset_on_first_opening(client, member):
    seed_status_demo(as_of=AS_OF)
    client.force_login(PointOfContactFactory(member=member, starts_on=date(2024, 2, 1)).user)
    letter = StatusLetter.objects.get(change__status="probation")

    page = client.get(reverse("members:detail", kwargs={"slug": member.slug}))
    url = reverse("status_letters:pdf", kwargs={"letter_id": letter.pk})
    assert url in page.content.decode()
    response = client.get(url)

    assert response.status_code == 200
    text = PdfReader(BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()
    text = " ".join(text.split())
    assert "LH §4.2" in text and "1 August 2026" in text
    letter.refresh_from_db()
    assert letter.pdf  # kept once typeset
    assert StatusChange.objects.filter(member=member).count() == 3
