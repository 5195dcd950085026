"""The Support Unit's pool of trained reviewers (issue 20: "staff … can connect a member with a
pool of trained reviewers"): staff keep the roster in the admin (audited), see it on the pool
page, and record an introduction of available reviewers to a member (audited with the member),
which the member's points of contact see on the member's page and the public does not."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from monitoring import services
from monitoring.models import ReviewerIntroduction, TrainedReviewer
from ogplocal.audit.models import AuditEvent
from ogplocal.validation import rule_codes
from tests.factories import (
    MemberFactory,
    PointOfContactFactory,
    ReviewerIntroductionFactory,
    TrainedReviewerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


@pytest.fixture
def staff():
    return UserFactory(staff=True, with_totp=True)


@pytest.fixture
def member():
    return MemberFactory()


def test_an_introduction_is_recorded_with_its_reviewers_and_audited(staff, member):
    first, second = TrainedReviewerFactory(name="Ana"), TrainedReviewerFactory(name="Bo")
    introduction = services.introduce_reviewers(
        member, reviewers=[first, second], note="Both speak Spanish.", actor=staff, as_of=TODAY
    )
    assert set(introduction.reviewers.all()) == {first, second}
    assert (introduction.introduced_on, introduction.introduced_by) == (TODAY, staff)
    event = AuditEvent.objects.get(verb="monitoring.reviewers_introduced")
    assert event.member_id == member.pk and event.after["reviewers"] == ["Ana", "Bo"]


@pytest.mark.parametrize(
    ("reviewers", "code"),
    [
        (lambda: [], "assessment.introduction_no_reviewer"),
        (
            lambda: [TrainedReviewerFactory(is_available=False)],
            "assessment.introduction_reviewer_unavailable",
        ),
    ],
)
def test_a_bad_introduction_is_refused_and_nothing_is_saved(staff, member, reviewers, code):
    with pytest.raises(ValidationError) as error:
        services.introduce_reviewers(member, reviewers=reviewers(), actor=staff, as_of=TODAY)
    assert rule_codes(error.value) == {code}
    assert ReviewerIntroduction.objects.count() == 0


def test_a_note_over_its_limit_is_refused(staff, member):
    with pytest.raises(ValidationError):
        services.introduce_reviewers(
            member, reviewers=[TrainedReviewerFactory()], note="x" * 2001, actor=staff, as_of=TODAY
        )
    assert ReviewerIntroduction.objects.count() == 0


def test_staff_introduce_through_the_page(client, staff, member):
    reviewer = TrainedReviewerFactory()
    client.force_login(staff)
    url = reverse("monitoring:introduce_reviewers", args=[member.jurisdiction.slug])
    response = client.post(url, {"reviewers": [str(reviewer.pk)], "note": "Call them."})
    assert response.status_code == 302
    assert ReviewerIntroduction.objects.get().note == "Call them."


def test_the_page_offers_only_available_reviewers(client, staff, member):
    TrainedReviewerFactory(name="Available Ana")
    TrainedReviewerFactory(name="Busy Bo", is_available=False)
    client.force_login(staff)
    page = client.get(
        reverse("monitoring:introduce_reviewers", args=[member.jurisdiction.slug])
    ).content.decode()
    assert "Available Ana" in page and "Busy Bo" not in page


def test_an_empty_introduction_through_the_page_says_why(client, staff, member):
    TrainedReviewerFactory()
    client.force_login(staff)
    url = reverse("monitoring:introduce_reviewers", args=[member.jurisdiction.slug])
    response = client.post(url, {"reviewers": [], "note": "Hello"})
    assert response.status_code == 200
    assert "Choose at least one trained reviewer." in response.content.decode()
    assert ReviewerIntroduction.objects.count() == 0


def test_a_points_of_contact_sees_the_introduction_on_the_member_page(client, member):
    poc = PointOfContactFactory(member=member, starts_on=date(2024, 1, 1)).user
    ReviewerIntroductionFactory(
        member=member, reviewers=[TrainedReviewerFactory(name="Ana Reviewer")]
    )
    url = reverse("members:detail", args=[member.jurisdiction.slug])
    assert "Ana Reviewer" not in client.get(url).content.decode()  # not the public
    client.force_login(poc)
    assert "Ana Reviewer" in client.get(url).content.decode()


def test_another_members_point_of_contact_does_not_see_it(client, member):
    other = PointOfContactFactory(starts_on=date(2024, 1, 1)).user
    ReviewerIntroductionFactory(
        member=member, reviewers=[TrainedReviewerFactory(name="Ana Reviewer")]
    )
    client.force_login(other)
    page = client.get(reverse("members:detail", args=[member.jurisdiction.slug]))
    assert "Ana Reviewer" not in page.content.decode()


def test_the_pool_page_is_staff_only(client, member):
    url = reverse("monitoring:reviewer_pool")
    client.force_login(PointOfContactFactory(member=member, starts_on=date(2024, 1, 1)).user)
    assert client.get(url).status_code == 404


def test_pool_page_query_budget(client, staff, assert_page_query_budget):
    ReviewerIntroductionFactory()
    client.force_login(staff)

    def more():
        reviewers = TrainedReviewerFactory.create_batch(5)
        for _ in range(3):
            ReviewerIntroductionFactory(reviewers=reviewers[:2])

    assert_page_query_budget(client, reverse("monitoring:reviewer_pool"), 9, add_rows=more)


def test_introduction_page_query_budget(client, staff, member, assert_page_query_budget):
    ReviewerIntroductionFactory(member=member)
    client.force_login(staff)

    def more():
        reviewers = TrainedReviewerFactory.create_batch(5)
        for _ in range(3):
            ReviewerIntroductionFactory(member=member, reviewers=reviewers[:2])

    assert_page_query_budget(
        client,
        reverse("monitoring:introduce_reviewers", args=[member.jurisdiction.slug]),
        10,
        add_rows=more,
    )


# --- the admin -----------------------------------------------------------------------------------


def test_staff_add_a_trained_reviewer_in_the_admin_and_it_is_audited(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("admin:monitoring_trainedreviewer_add"),
        {
            "name": "Carla Méndez",
            "email": "carla@pool.example",
            "organization": "",
            "trained_on": "2025-05-20",
            "training": "",
            "languages": "Spanish, Portuguese",
            "ogp_region": "latin_america",
            "is_available": "on",
            "notes": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    reviewer = TrainedReviewer.objects.get()
    assert AuditEvent.objects.filter(
        verb="trainedreviewer.added", object_id=str(reviewer.pk)
    ).exists()


def test_nobody_deletes_a_trained_reviewer(client, staff):
    reviewer = TrainedReviewerFactory()
    client.force_login(staff)
    url = reverse("admin:monitoring_trainedreviewer_delete", args=[reviewer.pk])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    "model", ["assessment", "requirementfinding", "assessmentevidence", "reviewerintroduction"]
)
def test_filed_monitoring_records_cannot_be_added_in_the_admin(client, staff, model):
    client.force_login(staff)
    assert client.get(reverse(f"admin:monitoring_{model}_add")).status_code == 403


def test_staff_read_the_assessments_in_the_admin(client, staff):
    from tests.factories import AssessmentFactory

    assessment = AssessmentFactory()
    client.force_login(staff)
    assert client.get(reverse("admin:monitoring_assessment_changelist")).status_code == 200
    page = client.get(reverse("admin:monitoring_assessment_change", args=[assessment.pk]))
    assert page.status_code == 200
