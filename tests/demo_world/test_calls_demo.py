"""The calls of the demo world: a decided past call with results, an open call with an
application in every state, the applicant's login."""

import pytest

from members.demo_calls import APPLICANT_EMAIL, OPEN_CALL_SLUG, PAST_CALL_SLUG
from members.models import Application, ApplicationState, Call, CallState
from members.selectors import call_results

pytestmark = pytest.mark.django_db


def test_demo_has_a_decided_past_call_with_results():
    call = Call.objects.get(slug=PAST_CALL_SLUG)

    results = call_results(call)
    assert call.state == CallState.DECIDED
    assert results["accepted"] > 0 and results["received"] > results["accepted"]
    assert results["by_region_and_kind"]


def test_demo_open_call_has_an_application_in_every_state(today):
    call = Call.objects.get(slug=OPEN_CALL_SLUG)

    states = set(call.applications.values_list("state", flat=True))
    assert call.state == CallState.OPEN
    assert states == set(ApplicationState.values)


def test_demo_prints_the_applicant_login_with_a_draft(demo_world):
    assert APPLICANT_EMAIL in [login.email for login in demo_world.logins]
    assert Application.objects.get(applicant__email=APPLICANT_EMAIL).state == ApplicationState.DRAFT
