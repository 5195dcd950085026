"""The demo's selection committee (members/demo_review.py): seated on the open call, from several
countries, with reviews that respect recusal, a declared conflict, and a committee login."""

import pytest

from members.demo_calls import OPEN_CALL_SLUG
from members.demo_review import COMMITTEE_LOGIN
from members.models import (
    ApplicationState,
    Call,
    CommitteeMember,
    Recusal,
    Review,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_call():
    """The demo world's open call (members/demo_calls.py), whose Medellín application is from the
    committee login's own country (Colombia)."""
    return Call.objects.get(slug=OPEN_CALL_SLUG)


def test_the_demo_seats_a_committee_from_several_countries(demo_world, open_call):
    result = demo_world
    seats = CommitteeMember.objects.filter(call=open_call)
    assert seats.filter(is_government=True).exists() and seats.filter(is_government=False).exists()
    assert seats.values("country").distinct().count() >= 3
    assert COMMITTEE_LOGIN in [login.email for login in result.logins]


def test_the_demo_reviews_respect_recusal(open_call):
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


def test_the_committee_login_is_recused_from_its_own_countrys_application(open_call):
    seat = CommitteeMember.objects.get(call=open_call, user__email=COMMITTEE_LOGIN)
    own = open_call.applications.filter(country=seat.country).exclude(state="draft")
    assert own.exists()
    assert not Review.objects.filter(reviewer=seat.user, application__in=own).exists()
