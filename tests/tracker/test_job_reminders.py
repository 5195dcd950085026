"""Reminders through the outbox, each once per kind, object, recipient and due date: points of
contact before a tracked quarter ends and when it closed without an update, and before a plan is
due; monitoring-body reviewers 14 and 3 days before an assessment is due and when overdue."""

import json
from datetime import date

import pytest
from django.core import mail

from monitoring.models import MonitoringBody
from ogplocal.notifications.models import OutboxMessage
from tests.factories import MemberFactory, MonitoringBodyReviewerFactory, PointOfContactFactory
from tests.tracker.test_job import SCENARIO
from tracker.status_reminders import send_reminders
from tracker.status_simulation import load_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    member = load_scenario(json.loads(SCENARIO.read_text())).member
    PointOfContactFactory(member=member, starts_on=date(2024, 1, 1))
    return member


@pytest.fixture
def reviewer(member):
    body = MonitoringBody.objects.get(slug="scenario-monitoring-body")
    return MonitoringBodyReviewerFactory(body=body, starts_on=date(2024, 1, 1)).user


def keys():
    return sorted(key.split(":")[1] for key in OutboxMessage.objects.values_list("key", flat=True))


def test_points_of_contact_are_reminded_of_a_quarter_ending_without_an_update_once(member):
    assert send_reminders(date(2025, 6, 20)) == 1  # 2025-Q2 ends on 30 June, nothing filed
    assert send_reminders(date(2025, 6, 21)) == 0  # the same reminder: not again
    assert keys() == ["quarter_due"]
    message = OutboxMessage.objects.get()
    assert "2025-Q2" in message.subject and "LH §3.5.4" in message.body


def test_a_quarter_that_closed_without_an_update_is_reminded_once(member):
    send_reminders(date(2025, 7, 3))
    send_reminders(date(2025, 7, 4))
    assert keys() == ["quarter_missed"]


def test_no_reminder_while_the_quarter_is_updated_or_far_from_its_end(member):
    assert send_reminders(date(2025, 3, 20)) == 0  # 2025-Q1 has its update (12 March)
    assert send_reminders(date(2025, 5, 1)) == 0


def test_a_first_plan_due_soon_is_reminded():
    member = MemberFactory(joined_on=date(2025, 1, 1), first_plan_due_on=date(2025, 7, 1))
    PointOfContactFactory(member=member, starts_on=date(2025, 1, 1))
    send_reminders(date(2025, 6, 20))
    assert keys() == ["plan_due"]


def test_reviewers_are_reminded_14_and_3_days_before_an_assessment_and_when_overdue(
    member, reviewer
):
    # The inception assessment of the plan submitted 2024-08-20 is due 2024-10-20 (LH §3.5.1).
    send_reminders(date(2024, 10, 7))
    send_reminders(date(2024, 10, 17))
    send_reminders(date(2024, 10, 18))
    send_reminders(date(2024, 10, 21))
    send_reminders(date(2024, 10, 22))

    reviewer_keys = sorted(
        key.split(":")[1]
        for key in OutboxMessage.objects.filter(to=reviewer.email).values_list("key", flat=True)
    )
    assert reviewer_keys == ["assessment_due_14", "assessment_due_3", "assessment_overdue"]


def test_reminders_are_e_mailed(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(date(2025, 6, 20))
    assert len(mail.outbox) == 1
