"""The demo's co-creation record: meetings of both kinds and contributions with responses on
every submitted plan, filed through the services."""

import pytest

from actionplans.models import ActionPlan, Contribution, Meeting, PlanState
from members.demo import seed_demo_world

pytestmark = pytest.mark.django_db


def test_demo_submitted_plans_have_meetings_of_both_kinds_and_contributions_with_responses():
    seed_demo_world(demo_passwords=False)
    for plan in ActionPlan.objects.filter(state=PlanState.SUBMITTED):
        kinds = set(plan.meetings.values_list("kind", flat=True))
        assert kinds == {"co_creation", "implementation"}, plan
        responses = set(plan.contributions.values_list("response", flat=True))
        assert responses == {"included", "amended", "rejected"}, plan
    assert Meeting.objects.exclude(agenda="").exists()
    assert Meeting.objects.filter(withdrawn_at__isnull=False).exists()
    assert not Contribution.objects.filter(plan__state=PlanState.DRAFT).exists()
