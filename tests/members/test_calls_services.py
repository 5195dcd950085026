"""Staff create, open, close and decide calls through the services; each refusal names its rule
and saves nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from members.models import ApplicationState, Call, CallStages, CallState
from members.services_calls import (
    close_call,
    create_call,
    decide_call,
    open_call,
    receives_new_applications,
    update_call,
)
from ogplocal.audit.models import AuditEvent
from ogplocal.validation import rule_codes
from tests.factories import ApplicationFactory, CallFactory, UserFactory

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 9, 1)


def call_data(**changes):
    data = {
        "title": "Call for new members 2027",
        "guidance": "Read the Handbook.",
        "opens_on": date(2026, 10, 1),
        "closes_on": date(2026, 12, 31),
        "stages": CallStages.ONE,
        "stage1_closes_on": None,
        "first_plan_due_on": date(2027, 12, 31),
    }
    return {**data, **changes}


@pytest.fixture
def staff():
    return UserFactory(staff=True)


def test_create_call_saves_a_draft_with_a_slug_and_an_audit_event(staff):
    call = create_call(actor=staff, data=call_data(), as_of=AS_OF)

    assert call.state == CallState.DRAFT
    assert call.slug == "call-for-new-members-2027"
    assert call.created_by == staff
    assert AuditEvent.objects.filter(verb="call.created", object_id=str(call.pk)).exists()


def test_two_calls_with_the_same_title_get_different_slugs(staff):
    first = create_call(actor=staff, data=call_data(), as_of=AS_OF)
    second = create_call(actor=staff, data=call_data(), as_of=AS_OF)

    assert first.slug != second.slug


def test_a_call_titled_like_a_reserved_address_gets_another_slug(staff):
    call = create_call(actor=staff, data=call_data(title="Manage"), as_of=AS_OF)

    assert call.slug == "manage-call"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"closes_on": date(2026, 9, 30)}, "call.closes_before_opening"),
        ({"stages": CallStages.TWO}, "call.stage1_closes_on_required"),
        (
            {"stages": CallStages.TWO, "stage1_closes_on": date(2027, 1, 15)},
            "call.stage1_outside_call",
        ),
        ({"first_plan_due_on": date(2026, 12, 31)}, "call.first_plan_before_closing"),
    ],
)
def test_create_call_refuses_inconsistent_dates_and_saves_nothing(staff, changes, code):
    with pytest.raises(ValidationError) as error:
        create_call(actor=staff, data=call_data(**changes), as_of=AS_OF)

    assert code in rule_codes(error.value)
    assert not Call.objects.exists()


def test_create_call_refuses_an_empty_title(staff):
    with pytest.raises(ValidationError) as error:
        create_call(actor=staff, data=call_data(title=""), as_of=AS_OF)

    assert "title" in error.value.error_dict
    assert not Call.objects.exists()


def test_a_one_stage_call_keeps_no_stage1_date(staff):
    call = create_call(actor=staff, data=call_data(stage1_closes_on=date(2026, 11, 1)), as_of=AS_OF)

    assert call.stage1_closes_on is None


def test_only_staff_create_calls():
    with pytest.raises(PermissionDenied):
        create_call(actor=UserFactory(), data=call_data(), as_of=AS_OF)


def test_update_call_records_the_changed_fields(staff):
    call = CallFactory(state=CallState.DRAFT)

    update_call(actor=staff, call=call, data={"title": "Renamed"}, as_of=AS_OF)

    event = AuditEvent.objects.get(verb="call.updated")
    assert event.after == {"title": "Renamed"}


def test_a_decided_call_cannot_be_changed(staff):
    call = CallFactory(state=CallState.DECIDED)

    with pytest.raises(ValidationError) as error:
        update_call(actor=staff, call=call, data={"title": "Renamed"}, as_of=AS_OF)

    assert rule_codes(error.value) == {"call.not_editable"}
    call.refresh_from_db()
    assert call.title != "Renamed"


def test_open_call_publishes_a_draft(staff):
    call = CallFactory(state=CallState.DRAFT)

    open_call(actor=staff, call=call, as_of=AS_OF)

    call.refresh_from_db()
    assert call.state == CallState.OPEN


def test_a_call_whose_closing_date_has_passed_cannot_be_opened(staff):
    call = CallFactory(state=CallState.DRAFT)

    with pytest.raises(ValidationError) as error:
        open_call(actor=staff, call=call, as_of=date(2027, 1, 1))

    assert rule_codes(error.value) == {"call.already_ended"}
    call.refresh_from_db()
    assert call.state == CallState.DRAFT


def test_close_call_goes_through_the_transition_table(staff):
    call = CallFactory(state=CallState.DRAFT)

    with pytest.raises(ValidationError) as error:
        close_call(actor=staff, call=call, as_of=AS_OF)

    assert rule_codes(error.value) == {"call.transition_not_allowed"}


def test_a_call_with_undecided_applications_cannot_be_decided(staff):
    call = CallFactory(state=CallState.CLOSED)
    ApplicationFactory(call=call, state=ApplicationState.SUBMITTED)

    with pytest.raises(ValidationError) as error:
        decide_call(actor=staff, call=call, as_of=AS_OF)

    assert rule_codes(error.value) == {"call.applications_undecided"}
    call.refresh_from_db()
    assert call.state == CallState.CLOSED


def test_a_call_whose_applications_are_decided_can_be_decided(staff):
    call = CallFactory(state=CallState.CLOSED)
    ApplicationFactory(call=call, state=ApplicationState.ACCEPTED)
    ApplicationFactory(call=call, state=ApplicationState.DRAFT)

    decide_call(actor=staff, call=call, as_of=date(2027, 2, 1))

    call.refresh_from_db()
    assert (call.state, call.decided_on) == (CallState.DECIDED, date(2027, 2, 1))


@pytest.mark.parametrize(
    ("as_of", "receives"),
    [
        (date(2026, 9, 30), False),
        (date(2026, 10, 1), True),
        (date(2026, 12, 31), True),
        (date(2027, 1, 1), False),
    ],
)
def test_a_call_receives_applications_from_its_opening_to_its_closing_day(as_of, receives):
    assert receives_new_applications(CallFactory(), as_of) is receives


def test_a_two_stage_call_receives_new_applications_until_expressions_of_interest_close():
    call = CallFactory(stages=CallStages.TWO, stage1_closes_on=date(2026, 11, 15))

    assert receives_new_applications(call, date(2026, 11, 15))
    assert not receives_new_applications(call, date(2026, 11, 16))
