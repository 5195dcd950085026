"""The demo's evidence repository (files and links on every submitted plan, a replaced version,
a withdrawn item) and its joint plan (LH §3.4), all filed through the services."""

import pytest

from actionplans.demo import DEMO_PLANS
from actionplans.models import ActionPlan, Evidence, PlanState

pytestmark = pytest.mark.django_db


def test_demo_submitted_plans_have_evidence_of_the_process_and_of_commitments():
    # Each member whose plans actionplans/demo.py files has one with evidence of both kinds.
    covered = {
        plan.member.slug
        for plan in ActionPlan.objects.filter(state=PlanState.SUBMITTED, member__isnull=False)
        if plan.evidence.filter(commitment__isnull=True).exists()
        and plan.evidence.filter(commitment__isnull=False).exists()
    }
    assert set(DEMO_PLANS) <= covered
    assert Evidence.objects.exclude(file="").filter(file__endswith=".csv").exists()
    assert Evidence.objects.filter(version=2, superseded_at__isnull=True).exists()
    assert Evidence.objects.filter(withdrawn_at__isnull=False).exists()
    assert not Evidence.objects.filter(plan__state=PlanState.DRAFT).exists()


def test_demo_has_a_submitted_joint_plan_with_a_commitment_per_jurisdiction_and_a_joint_one():
    plan = ActionPlan.objects.get(coalition__isnull=False)
    assert plan.state == PlanState.SUBMITTED
    assert plan.coordinator == plan.coalition.coordinator
    jurisdictions = set(plan.jurisdictions.values_list("pk", flat=True))
    assert len(jurisdictions) >= 2
    implementing = set(plan.commitments.values_list("jurisdiction", flat=True))
    assert implementing == jurisdictions | {None}
