"""Voluntary inactivity (LH §4.1): requested by a point of contact, decided once by staff with a
reason; a grant records `granted_on`."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ogplocal.audit.models import AuditEvent
from ogplocal.validation import rule_codes
from tests.factories import MemberFactory, UserFactory
from tracker.models import VoluntaryInactivity
from tracker.services_inactivity import decide_voluntary_inactivity, request_voluntary_inactivity

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return MemberFactory(joined_on=date(2024, 2, 1))


@pytest.fixture
def staff():
    return UserFactory(staff=True)


def ask(member, **values):
    arguments = {
        "actor": UserFactory(),
        "as_of": date(2025, 3, 1),
        "starts_on": date(2025, 4, 1),
        "ends_on": date(2025, 9, 30),
        "reason": "Elections: the new administration takes office in October.",
    }
    arguments.update(values)
    return request_voluntary_inactivity(member, **arguments)


def test_a_request_is_pending_until_decided(member):
    request = ask(member)
    assert request.state == "pending" and request.granted_on is None
    assert request.requested_on == date(2025, 3, 1)


def test_an_open_ended_request_has_no_end(member):
    assert ask(member, ends_on=None).ends_on is None


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"reason": ""}, "voluntary.reason_required"),
        ({"starts_on": None}, "voluntary.starts_required"),
        ({"ends_on": date(2025, 3, 31)}, "voluntary.ends_before_start"),
        ({"starts_on": date(2024, 1, 1)}, "voluntary.starts_before_joining"),
    ],
)
def test_a_bad_request_is_refused_with_its_rule_and_nothing_saved(member, values, code):
    with pytest.raises(ValidationError) as error:
        ask(member, **values)
    assert rule_codes(error.value) == {code}
    assert not VoluntaryInactivity.objects.exists()


def test_a_grant_records_granted_on_the_decision_day(member, staff):
    request = decide_voluntary_inactivity(
        ask(member), actor=staff, as_of=date(2025, 4, 15), grant=True, reason="Elections."
    )
    request.refresh_from_db()
    assert (request.state, request.granted_on, request.decided_on) == (
        "granted",
        date(2025, 4, 15),
        date(2025, 4, 15),
    )


def test_a_refusal_records_no_grant_day(member, staff):
    request = decide_voluntary_inactivity(
        ask(member), actor=staff, as_of=date(2025, 3, 5), grant=False, reason="Not an election."
    )
    assert (request.state, request.granted_on, request.decision_reason) == (
        "refused",
        None,
        "Not an election.",
    )


def test_a_decision_needs_a_reason(member, staff):
    request = ask(member)
    with pytest.raises(ValidationError) as error:
        decide_voluntary_inactivity(
            request, actor=staff, as_of=date(2025, 3, 5), grant=True, reason=""
        )
    assert rule_codes(error.value) == {"voluntary.decision_reason_required"}
    request.refresh_from_db()
    assert request.state == "pending"


def test_a_request_is_decided_once(member, staff):
    request = ask(member)
    decide_voluntary_inactivity(
        request, actor=staff, as_of=date(2025, 3, 5), grant=True, reason="Ok."
    )
    with pytest.raises(ValidationError) as error:
        decide_voluntary_inactivity(
            request, actor=staff, as_of=date(2025, 3, 6), grant=False, reason="Changed my mind."
        )
    assert rule_codes(error.value) == {"voluntary.already_decided"}
    request.refresh_from_db()
    assert request.state == "granted"


def test_a_decision_cannot_come_before_the_request(member, staff):
    with pytest.raises(ValidationError) as error:
        decide_voluntary_inactivity(
            ask(member), actor=staff, as_of=date(2025, 2, 1), grant=True, reason="Ok."
        )
    assert rule_codes(error.value) == {"voluntary.decided_before_request"}


def test_only_staff_decide(member):
    with pytest.raises(PermissionDenied):
        decide_voluntary_inactivity(
            ask(member), actor=UserFactory(), as_of=date(2025, 3, 5), grant=True, reason="Ok."
        )


def test_request_and_decision_are_in_the_members_history(member, staff):
    decide_voluntary_inactivity(
        ask(member), actor=staff, as_of=date(2025, 3, 5), grant=True, reason="Ok."
    )
    assert list(
        AuditEvent.objects.filter(member=member).order_by("pk").values_list("verb", flat=True)
    ) == ["tracker.voluntary_requested", "tracker.voluntary_granted"]
