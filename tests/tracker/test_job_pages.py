"""The status history and letters on the member page (its points of contact and staff only), the
letter's download, and `manage.py member_status --member SLUG [--as-of DATE]`."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories import (
    PointOfContactFactory,
    StatusLetterFactory,
    UserFactory,
)
from tests.tracker.test_job import SCENARIO
from tracker.job import evaluate_member_statuses
from tracker.status_simulation import load_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter():
    return StatusLetterFactory()


def page(member):
    return reverse("members:detail", kwargs={"slug": member.slug})


def test_a_point_of_contact_sees_the_letter_on_the_member_page_and_downloads_it(client, letter):
    contact = PointOfContactFactory(member=letter.member, starts_on=date(2024, 1, 1))
    client.force_login(contact.user)

    response = client.get(page(letter.member))
    url = reverse("status_letters:pdf", kwargs={"letter_id": letter.pk})
    assert url in response.content.decode()

    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]


def test_the_public_and_other_members_contacts_neither_see_nor_download_it(client, letter):
    url = reverse("status_letters:pdf", kwargs={"letter_id": letter.pk})
    assert url not in client.get(page(letter.member)).content.decode()
    assert client.get(url).status_code == 404

    client.force_login(PointOfContactFactory(starts_on=date(2024, 1, 1)).user)
    assert client.get(url).status_code == 404


def test_staff_see_the_status_history(client, letter, settings):
    settings.STAFF_MFA_REQUIRED = False
    client.force_login(UserFactory(staff=True))
    content = client.get(page(letter.member)).content.decode()
    assert "Status history and letters" in content
    assert "LH §4.2" in content


def test_member_status_shows_a_member_from_the_database_in_plain_words(monkeypatch):
    monkeypatch.setattr("tracker.letters.render_pdf", lambda template, context: b"%PDF-1.4\n")
    member = load_scenario(json.loads(SCENARIO.read_text())).member
    out = StringIO()

    call_command("member_status", "--member", member.slug, "--as-of", "2026-05-01", stdout=out)

    result = json.loads(out.getvalue())
    assert (result["status"], result["since"]) == ("probation", "2026-04-01")
    reasons = {reason["rule"]: reason for reason in result["reasons"]}
    six_months = reasons["probation.inactive_six_months"]
    assert six_months["handbook"] == "LH §4.2"
    assert "2026-08-01" in six_months["detail"]  # revoked unless it resumes by then
    evaluate_member_statuses(date(2026, 5, 1))  # the job agrees with the command
    member.refresh_from_db()
    assert member.status == result["status"]


def test_member_status_refuses_an_unknown_member():
    with pytest.raises(CommandError, match="no member"):
        call_command("member_status", "--member", "nowhere", stdout=StringIO())


def test_member_status_scenario_accepts_the_keys_only_the_job_reads(tmp_path):
    document = json.loads(SCENARIO.read_text())
    document["member"]["extension_until"] = "2024-10-31"
    document["member"]["extension_granted_on"] = "2024-09-15"
    document["voluntary_inactivity"] = [
        {"starts_on": "2025-04-01", "ends_on": "2025-05-31", "granted_on": "2025-04-20"}
    ]
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(document))
    out = StringIO()

    call_command("member_status", "--scenario", str(path), stdout=out)

    assert json.loads(out.getvalue())["status"] == "revoked"
