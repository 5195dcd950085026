"""The demo's monitoring (issue 20): bodies with reviewers, assessments in every state (draft,
comment period, published, late, corrected) relying on evidence (a file, a link, one withdrawn),
invitations in the outbox, findings met and unmet, and the pool of trained reviewers with an
introduction."""

import pytest

from monitoring.models import (
    Assessment,
    AssessmentEvidence,
    BodyAssignmentReview,
    BodyEndorsement,
    MonitoringBodyReviewer,
    RequirementFinding,
    ReviewerIntroduction,
    TrainedReviewer,
)
from monitoring.selectors import due_assessments, submitted_plans
from ogplocal.notifications.models import OutboxKind, OutboxMessage
from tracker import engine

pytestmark = pytest.mark.django_db


def test_demo_assessments_are_in_every_state_with_a_correction():
    states = set(Assessment.objects.values_list("state", flat=True))
    assert states == {"draft", "comment_period", "published"}
    corrections = Assessment.objects.filter(version=2, state="published")
    assert corrections.exists()
    assert all(c.corrects.state == "published" and c.correction_reason for c in corrections)
    assert MonitoringBodyReviewer.objects.exists()


def test_demo_has_a_late_assessment(demo_world):
    from django.utils import timezone

    rows = due_assessments(submitted_plans(), as_of=timezone.localdate())
    assert any(row.state == engine.OVERDUE for row in rows)


def test_demo_findings_are_met_and_unmet():
    assert set(RequirementFinding.objects.values_list("met", flat=True)) == {True, False}


def test_demo_assessments_rely_on_files_and_links_and_one_is_withdrawn():
    evidence = AssessmentEvidence.objects.all()
    assert evidence.exclude(file="").filter(file__endswith=".pdf").exists()
    assert evidence.exclude(link="").exists()
    assert evidence.filter(withdrawn_at__isnull=False).exclude(withdrawn_reason="").exists()
    assert evidence.filter(carried_from__isnull=False).exists()  # into the correction


def test_demo_invitations_are_in_the_outbox_once_each():
    invited = Assessment.objects.exclude(invitations=None)
    rows = OutboxMessage.objects.filter(kind=OutboxKind.COMMENT_INVITATION)
    assert rows.count() == sum(a.invitations.exclude(email="").count() for a in invited) > 0


def test_demo_pool_has_available_and_unavailable_reviewers_and_an_introduction():
    assert set(TrainedReviewer.objects.values_list("is_available", flat=True)) == {True, False}
    introduction = ReviewerIntroduction.objects.get()
    assert all(reviewer.is_available for reviewer in introduction.reviewers.all())


def test_demo_bodies_are_endorsed_and_one_choice_confirmed_by_staff():
    assert BodyEndorsement.objects.exists()
    assert BodyAssignmentReview.objects.filter(decision="confirmed").exists()
