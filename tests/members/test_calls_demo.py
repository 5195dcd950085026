"""The calls of the demo world: a decided past call with results, an open call with an
application in every state, the applicant's login; seeding twice changes nothing."""

import pytest
from django.db import transaction
from django.test import override_settings

from members.demo import seed_demo_world
from members.demo_calls import APPLICANT_EMAIL, OPEN_CALL_SLUG, PAST_CALL_SLUG
from members.models import Application, ApplicationState, ApplicationVersion, Call, CallState
from members.selectors import call_results

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seeded once for the module (the decision letters take a while), rolled back after."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        transaction.atomic(),
    ):
        yield seed_demo_world(demo_passwords=True)
        transaction.set_rollback(True)


def test_demo_has_a_decided_past_call_with_results(seeded):
    call = Call.objects.get(slug=PAST_CALL_SLUG)

    results = call_results(call)
    assert call.state == CallState.DECIDED
    assert results["accepted"] > 0 and results["received"] > results["accepted"]
    assert results["by_region_and_kind"]


def test_demo_open_call_has_an_application_in_every_state(seeded, today):
    call = Call.objects.get(slug=OPEN_CALL_SLUG)

    states = set(call.applications.values_list("state", flat=True))
    assert call.state == CallState.OPEN
    assert states == set(ApplicationState.values)


def test_demo_prints_the_applicant_login_with_a_draft(seeded):
    assert APPLICANT_EMAIL in [login.email for login in seeded.logins]
    assert Application.objects.get(applicant__email=APPLICANT_EMAIL).state == ApplicationState.DRAFT


def test_seeding_the_calls_twice_changes_nothing(seeded, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    counts = (Call.objects.count(), Application.objects.count(), ApplicationVersion.objects.count())

    seed_demo_world(demo_passwords=True)

    assert (
        Call.objects.count(),
        Application.objects.count(),
        ApplicationVersion.objects.count(),
    ) == counts
