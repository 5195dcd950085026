"""The demo's co-creation record: meetings of both kinds and contributions with responses on
every submitted plan, filed through the services."""

import pytest

from actionplans.demo import DEMO_PLANS
from actionplans.models import ActionPlan, Contribution, Meeting, PlanState

pytestmark = pytest.mark.django_db


def test_demo_submitted_plans_have_meetings_of_both_kinds_and_contributions_with_responses():
    # The plans actionplans/demo.py files (other demos add plans of their own): each demo
    # member's submitted plan, and the joint plan.
    recorded = [
        plan
        for plan in ActionPlan.objects.filter(state=PlanState.SUBMITTED)
        if set(plan.meetings.values_list("kind", flat=True)) == {"co_creation", "implementation"}
        and set(plan.contributions.values_list("response", flat=True))
        == {"included", "amended", "rejected"}
    ]
    assert {plan.member.slug for plan in recorded if plan.member} >= set(DEMO_PLANS)
    assert any(plan.is_joint for plan in recorded)
    assert Meeting.objects.exclude(agenda="").exists()
    assert Meeting.objects.filter(withdrawn_at__isnull=False).exists()
    assert not Contribution.objects.filter(plan__state=PlanState.DRAFT).exists()
