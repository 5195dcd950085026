"""The one transition table of calls and of applications (STYLE.md rule 4): every allowed move
saves and is audited, every other one is refused with a rule code and nothing changes."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from members.models import ApplicationState, CallStages, CallState
from members.services_calls import (
    APPLICATION_TRANSITIONS,
    CALL_TRANSITIONS,
    transition_application,
    transition_call,
)
from ogplocal.audit.models import AuditEvent
from ogplocal.validation import rule_codes
from tests.factories import ApplicationFactory, CallFactory, UserFactory

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 11, 20)

APPLICATION_PAIRS = [(a, b) for a in ApplicationState.values for b in ApplicationState.values]
CALL_PAIRS = [(a, b) for a in CallState.values for b in CallState.values]


def _call_in(state):
    return CallFactory(state=state)


@pytest.mark.parametrize(("current", "to"), CALL_PAIRS)
def test_call_transition_follows_the_table(current, to):
    call = _call_in(current)
    staff = UserFactory(staff=True)
    if to in CALL_TRANSITIONS[current]:
        transition_call(call, to, actor=staff, reason="Because.", as_of=AS_OF)
        call.refresh_from_db()
        assert call.state == to
        assert AuditEvent.objects.filter(verb=f"call.{to}", object_id=str(call.pk)).exists()
    else:
        with pytest.raises(ValidationError) as error:
            transition_call(call, to, actor=staff, reason="Because.", as_of=AS_OF)
        assert rule_codes(error.value) == {"call.transition_not_allowed"}
        call.refresh_from_db()
        assert call.state == current
        assert not AuditEvent.objects.exists()


def test_deciding_a_call_records_the_day():
    call = CallFactory(state=CallState.CLOSED)
    transition_call(call, CallState.DECIDED, actor=UserFactory(staff=True), as_of=AS_OF)
    call.refresh_from_db()
    assert call.decided_on == AS_OF


@pytest.mark.parametrize(("current", "to"), APPLICATION_PAIRS)
def test_application_transition_follows_the_table(current, to):
    application = ApplicationFactory(state=current)
    actor = UserFactory(staff=True)
    if to in APPLICATION_TRANSITIONS[current]:
        transition_application(application, to, actor=actor, reason="Because.", as_of=AS_OF)
        application.refresh_from_db()
        assert application.state == to
        event = AuditEvent.objects.get(verb=f"application.{to}")
        assert (event.actor, event.reason) == (actor, "Because.")
    else:
        with pytest.raises(ValidationError) as error:
            transition_application(application, to, actor=actor, reason="Because.", as_of=AS_OF)
        assert rule_codes(error.value) == {"application.transition_not_allowed"}
        application.refresh_from_db()
        assert application.state == current
        assert not AuditEvent.objects.exists()


def test_two_stage_application_cannot_be_accepted_before_its_full_application():
    call = CallFactory(stages=CallStages.TWO, stage1_closes_on=date(2026, 11, 15))
    application = ApplicationFactory(call=call, state=ApplicationState.SHORTLISTED)

    with pytest.raises(ValidationError) as error:
        transition_application(
            application, ApplicationState.ACCEPTED, actor=UserFactory(staff=True), as_of=AS_OF
        )

    assert rule_codes(error.value) == {"application.full_application_missing"}
    application.refresh_from_db()
    assert application.state == ApplicationState.SHORTLISTED


def test_accepting_records_the_decision_day():
    application = ApplicationFactory(state=ApplicationState.SUBMITTED)
    transition_application(
        application, ApplicationState.ACCEPTED, actor=UserFactory(staff=True), as_of=AS_OF
    )
    application.refresh_from_db()
    assert application.decided_on == AS_OF
