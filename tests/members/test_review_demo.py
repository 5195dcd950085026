"""The demo's selection committee (members/demo_review.py): seated on the open call, from several
countries, with reviews that respect recusal, a declared conflict, and a committee login."""

import pytest

from members.demo import seed_demo_world
from members.demo_review import COMMITTEE_LOGIN
from members.models import (
    ApplicationState,
    CommitteeMember,
    Country,
    Recusal,
    Review,
    Score,
)
from tests.factories import ApplicationFactory, CallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_call_with_applications():
    """The demo world's countries, then an open call with submitted applications (what the calls
    demo adds), one of them from the committee login's own country (Colombia)."""
    seed_demo_world(demo_passwords=False)
    call = CallFactory(title="Open call")
    for iso in ("CO", "KE", "ES", "PH", "MX", "GH"):
        ApplicationFactory(
            call=call, state=ApplicationState.SUBMITTED, country=Country.objects.get(iso_code=iso)
        )
    ApplicationFactory(call=call)  # a draft nobody reviews
    return call


def test_the_demo_seats_a_committee_from_several_countries(open_call_with_applications):
    result = seed_demo_world(demo_passwords=False)
    seats = CommitteeMember.objects.filter(call=open_call_with_applications)
    assert seats.values("country").distinct().count() >= 3
    assert COMMITTEE_LOGIN in [login.email for login in result.logins]


def test_the_demo_reviews_respect_recusal(open_call_with_applications):
    seed_demo_world(demo_passwords=False)
    reviews = Review.objects.select_related("application", "reviewer")
    assert reviews.filter(submitted_at__isnull=False).exists()
    assert reviews.filter(submitted_at__isnull=True).exists()  # the login's draft
    for review in reviews:
        seat = CommitteeMember.objects.get(call=review.application.call, user=review.reviewer)
        assert review.application.country_id != seat.country_id
        assert not Recusal.objects.filter(
            application=review.application, committee_member=seat
        ).exists()
        assert review.application.state != ApplicationState.DRAFT
        if review.submitted_at:
            assert review.scores.count() == 8
    assert Recusal.objects.count() == 1


def test_the_review_demo_runs_twice_without_creating_more(open_call_with_applications):
    seed_demo_world(demo_passwords=False)
    counts = (CommitteeMember.objects.count(), Review.objects.count(), Score.objects.count())
    seed_demo_world(demo_passwords=False)
    assert (
        CommitteeMember.objects.count(),
        Review.objects.count(),
        Score.objects.count(),
    ) == counts


def test_the_committee_login_is_printed_only_when_a_committee_was_seated():
    result = seed_demo_world(demo_passwords=False)
    printed = COMMITTEE_LOGIN in [login.email for login in result.logins]
    assert printed == CommitteeMember.objects.filter(user__email=COMMITTEE_LOGIN).exists()
