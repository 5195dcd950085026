"""The demo plans, filed through the services."""

import pytest

from actionplans.models import ActionPlan, PlanState
from commitments.models import Commitment, Milestone

pytestmark = pytest.mark.django_db


def test_demo_has_submitted_and_draft_plans_with_commitments_and_milestones():
    assert ActionPlan.objects.filter(state=PlanState.SUBMITTED).count() >= 3
    assert ActionPlan.objects.filter(state=PlanState.DRAFT, member__jurisdiction__slug="paris")
    assert Commitment.objects.values("policy_area").distinct().count() >= 4
    assert Milestone.objects.exists()
