"""Reviewers hold their role for a dated period, as points of contact do."""

from datetime import date

import pytest
import time_machine
from django.db import IntegrityError, transaction

from monitoring.models import MonitoringBodyReviewer, ReviewerRole
from ogplocal.accounts.models import User
from tests.factories import MonitoringBodyFactory, MonitoringBodyReviewerFactory

pytestmark = pytest.mark.django_db


def test_current_reviewers_include_the_last_day_and_exclude_the_day_after():
    record = MonitoringBodyReviewerFactory(starts_on=date(2025, 1, 1), ends_on=date(2026, 3, 31))
    current = MonitoringBodyReviewer.objects.current

    assert list(current(as_of=date(2026, 3, 31))) == [record]
    assert list(current(as_of=date(2026, 4, 1))) == []
    assert list(current(as_of=date(2024, 12, 31))) == []


def test_a_reviewer_cannot_end_before_starting():
    with pytest.raises(IntegrityError), transaction.atomic():
        MonitoringBodyReviewerFactory(starts_on=date(2026, 5, 1), ends_on=date(2026, 4, 30))


def test_a_former_reviewer_may_be_named_again():
    former = MonitoringBodyReviewerFactory(starts_on=date(2024, 1, 1), ends_on=date(2025, 1, 1))
    again = MonitoringBodyReviewerFactory(
        body=former.body, user=former.user, starts_on=date(2026, 1, 1)
    )
    assert again.pk != former.pk


def test_a_body_has_one_open_lead_but_may_have_had_others():
    body = MonitoringBodyFactory()
    MonitoringBodyReviewerFactory(
        body=body, role=ReviewerRole.LEAD, starts_on=date(2024, 1, 1), ends_on=date(2025, 1, 1)
    )
    MonitoringBodyReviewerFactory(body=body, role=ReviewerRole.LEAD, starts_on=date(2025, 1, 2))
    with pytest.raises(IntegrityError), transaction.atomic():
        MonitoringBodyReviewerFactory(body=body, role=ReviewerRole.LEAD)


def test_a_reviewer_loses_the_right_to_edit_the_body_after_the_last_day():
    record = MonitoringBodyReviewerFactory(starts_on=date(2025, 1, 1), ends_on=date(2026, 3, 31))
    perm = "monitoring.change_monitoringbody"

    # A fresh user object each day, as each request loads one.
    with time_machine.travel(date(2026, 3, 31), tick=False):
        assert User.objects.get(pk=record.user_id).has_perm(perm, record.body)
    with time_machine.travel(date(2026, 4, 1), tick=False):
        assert not User.objects.get(pk=record.user_id).has_perm(perm, record.body)
