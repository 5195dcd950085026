"""The review pages (LH §1.2): the queue, the review page, scoring, conflicts, the committee, the
cohort view; recusal (404, also for staff) and score blindness."""

from datetime import date

import pytest
from django.urls import reverse

from members.models import ApplicationState, CallStages, Recusal, Review
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    CommitteeMemberFactory,
    CountryFactory,
    RecusalFactory,
    ReviewFactory,
    ScoreFactory,
    SignatoryFactory,
    UserFactory,
    pdf_file,
)

pytestmark = pytest.mark.django_db

SUBMITTED = ApplicationState.SUBMITTED


@pytest.fixture
def call():
    return CallFactory(title="Call 2026")


@pytest.fixture
def application(call):
    application = ApplicationFactory(call=call, state=SUBMITTED, jurisdiction_name="Makueni")
    SignatoryFactory(application=application, name="Civic Lab Director")
    return application


@pytest.fixture
def seat(call):
    """A committee member from another country than the application's."""
    return CommitteeMemberFactory(call=call, user__full_name="Ana Committee")


def _all_scores(score=4):
    data = {f"score_{point}": str(score) for point in range(1, 9)}
    data.update({f"comment_{point}": f"Point {point} is clear." for point in range(1, 9)})
    return data


def _review_url(application, name="review:application"):
    return reverse(name, args=[application.call.slug, application.pk])


# --- the queue ---------------------------------------------------------------------------------


def test_queue_lists_submitted_applications_but_never_drafts(client, call, application, seat):
    ApplicationFactory(call=call, jurisdiction_name="Draft Town")
    client.force_login(seat.user)
    response = client.get(reverse("review:queue", args=[call.slug]))
    assert response.status_code == 200
    assert "Makueni" in response.text
    assert "Draft Town" not in response.text
