"""The demo's evidence repository: files and links on every submitted plan, filed through the
services, with a replaced version and a withdrawn item."""

import pytest

from actionplans.models import ActionPlan, Evidence, PlanState
from members.demo import seed_demo_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_demo_submitted_plans_have_evidence_of_the_process_and_of_commitments():
    seed_demo_world(demo_passwords=False)
    for plan in ActionPlan.objects.filter(state=PlanState.SUBMITTED, member__isnull=False):
        evidence = plan.evidence.all()
        assert evidence.filter(commitment__isnull=True).exists(), plan
        assert evidence.filter(commitment__isnull=False).exists(), plan
    assert Evidence.objects.exclude(file="").filter(file__endswith=".csv").exists()
    assert Evidence.objects.filter(version=2, superseded_at__isnull=True).exists()
    assert Evidence.objects.filter(withdrawn_at__isnull=False).exists()
    assert not Evidence.objects.filter(plan__state=PlanState.DRAFT).exists()
