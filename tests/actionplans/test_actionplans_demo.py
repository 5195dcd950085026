"""The demo plans: filed through the services, idempotent."""

import pytest

from actionplans.models import ActionPlan, PlanState
from commitments.models import Commitment, Milestone
from members.demo import seed_demo_world

pytestmark = pytest.mark.django_db


def test_demo_has_submitted_and_draft_plans_with_commitments_and_milestones():
    seed_demo_world(demo_passwords=False)
    assert ActionPlan.objects.filter(state=PlanState.SUBMITTED).count() >= 3
    assert ActionPlan.objects.filter(state=PlanState.DRAFT, member__jurisdiction__slug="paris")
    assert Commitment.objects.values("policy_area").distinct().count() >= 4
    assert Milestone.objects.exists()


def test_demo_plans_are_seeded_once():
    seed_demo_world(demo_passwords=False)
    count = ActionPlan.objects.count()
    seed_demo_world(demo_passwords=False)
    assert ActionPlan.objects.count() == count
