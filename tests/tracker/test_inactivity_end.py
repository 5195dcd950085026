"""Ending a granted period of voluntary inactivity (H2, issue 21; docs/engine-decisions.md): a
point of contact of the member or the Support Unit records the period's last day with a reason;
the period keeps its granted dates, each end is a new record, and the daily job knows it from the
day it was recorded (RULES.md §6)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ogplocal.audit.models import AuditEvent
from ogplocal.validation import rule_codes
from tests.factories import MemberFactory, PointOfContactFactory, UserFactory
from tracker.facts import facts_for_member
from tracker.job import evaluate_member_statuses, members_to_evaluate
from tracker.models import VoluntaryInactivity, VoluntaryInactivityEnd
from tracker.services_inactivity import (
    decide_voluntary_inactivity,
    end_voluntary_inactivity,
    request_voluntary_inactivity,
)
from tracker.status_models import StatusChange, StatusLetter

pytestmark = pytest.mark.django_db

# No first plan by its deadline (2024-08-01): inactive from 2024-08-02 (LH §4.1(1)), but in a
# voluntary period granted on 2024-07-01 from 2024-07-15, open-ended.
GRANTED = date(2024, 7, 1)


@pytest.fixture(autouse=True)
def _letters_without_typesetting(monkeypatch):
    monkeypatch.setattr("tracker.letters.render_pdf", lambda template, context: b"%PDF-1.4\n")


@pytest.fixture
def staff():
    return UserFactory(staff=True)


@pytest.fixture
def contact():
    return PointOfContactFactory(
        member=MemberFactory(joined_on=date(2024, 2, 1), first_plan_due_on=date(2024, 8, 1))
    )


@pytest.fixture
def period(contact, staff):
    request = request_voluntary_inactivity(
        contact.member,
        actor=contact.user,
        as_of=date(2024, 6, 20),
        starts_on=date(2024, 7, 15),
        ends_on=None,
        reason="Elections in July.",
    )
    return decide_voluntary_inactivity(
        request, actor=staff, as_of=GRANTED, grant=True, reason="Elections."
    )


def end(period, actor, *, as_of=date(2024, 9, 10), ends_on=date(2024, 9, 9), reason="In office."):
    return end_voluntary_inactivity(
        period, actor=actor, as_of=as_of, ends_on=ends_on, reason=reason
    )


def test_a_point_of_contact_ends_an_open_ended_period_on_a_day(period, contact):
    recorded = end(period, contact.user)

    assert (recorded.ends_on, recorded.recorded_on, recorded.recorded_by) == (
        date(2024, 9, 9),
        date(2024, 9, 10),
        contact.user,
    )
    period.refresh_from_db()
    assert period.ends_on is None  # the grant is kept as it was
    assert period.effective_ends_on == date(2024, 9, 9)
    event = AuditEvent.objects.get(verb="tracker.voluntary_ended")
    assert event.member_id == period.member_id
    assert event.after["ends_on"] == "2024-09-09"


def test_staff_end_a_period(period, staff):
    assert end(period, staff).recorded_by == staff


def test_someone_else_cannot_end_a_period(period):
    with pytest.raises(PermissionDenied):
        end(period, PointOfContactFactory().user)
    assert not VoluntaryInactivityEnd.objects.exists()


def test_a_second_end_shortens_again_and_keeps_the_first(period, staff):
    end(period, staff, as_of=date(2024, 9, 10), ends_on=date(2024, 12, 31))
    end(period, staff, as_of=date(2024, 10, 1), ends_on=date(2024, 10, 15))

    assert list(period.ends.values_list("ends_on", flat=True)) == [
        date(2024, 12, 31),
        date(2024, 10, 15),
    ]
    assert VoluntaryInactivity.objects.get(pk=period.pk).effective_ends_on == date(2024, 10, 15)


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"reason": "  "}, "voluntary.end_reason_required"),
        ({"ends_on": None}, "voluntary.end_day_required"),
        ({"as_of": date(2024, 7, 10), "ends_on": date(2024, 7, 14)}, "voluntary.end_before_start"),
        ({"ends_on": date(2024, 9, 1)}, "voluntary.end_in_the_past"),
    ],
)
def test_a_bad_end_is_refused_with_its_rule_and_nothing_saved(period, staff, values, code):
    with pytest.raises(ValidationError) as raised:
        end(period, staff, **values)
    assert code in rule_codes(raised.value)
    assert not VoluntaryInactivityEnd.objects.exists()
    assert not AuditEvent.objects.filter(verb="tracker.voluntary_ended").exists()


def test_an_end_cannot_lengthen_the_period(period, staff):
    end(period, staff, ends_on=date(2024, 10, 31))
    with pytest.raises(ValidationError) as raised:
        end(period, staff, as_of=date(2024, 9, 20), ends_on=date(2024, 11, 30))
    assert rule_codes(raised.value) == {"voluntary.end_not_earlier"}
    assert period.ends.count() == 1


def test_a_pending_or_refused_request_cannot_be_ended(contact, staff):
    request = request_voluntary_inactivity(
        contact.member,
        actor=contact.user,
        as_of=date(2024, 6, 20),
        starts_on=date(2024, 7, 15),
        ends_on=None,
        reason="Elections.",
    )
    with pytest.raises(ValidationError) as raised:
        end(request, staff)
    assert rule_codes(raised.value) == {"voluntary.end_not_granted"}


def test_the_facts_know_the_end_from_the_day_it_was_recorded(period, staff):
    end(period, staff)

    def last_day(as_of):
        (known,) = facts_for_member(period.member, as_of=as_of).voluntary_periods
        return known.ends_on

    assert last_day(date(2024, 9, 9)) is None  # open-ended as announced until then
    assert last_day(date(2024, 9, 10)) == date(2024, 9, 9)


def test_the_daily_job_records_the_end_with_a_letter(period, contact):
    member = contact.member
    evaluate_member_statuses(date(2024, 9, 1))
    assert StatusChange.objects.filter(member=member).latest("effective_on").voluntary is True

    end(period, contact.user)
    assert member.pk in members_to_evaluate(date(2024, 9, 10))  # the incremental run sees it
    result = evaluate_member_statuses(date(2024, 9, 10))

    latest = StatusChange.objects.filter(member=member).latest("effective_on")
    assert (latest.effective_on, latest.status, latest.voluntary, latest.rules) == (
        date(2024, 9, 10),
        "inactive",
        False,
        ["inactive.no_first_plan"],
    )
    assert result.letters == 1
    assert StatusLetter.objects.filter(change=latest).exists()


def test_the_demo_ends_a_granted_period_early_once(period, contact):
    from tracker.demo_updates import _end_early

    for _ in range(2):
        _end_early(
            contact.member,
            contact.user,
            as_of=date(2024, 9, 10),
            ends_on=date(2024, 9, 30),
            reason="Back sooner.",
        )
    assert list(period.ends.values_list("ends_on", flat=True)) == [date(2024, 9, 30)]
