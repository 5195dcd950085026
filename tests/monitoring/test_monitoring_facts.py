"""`tracker.facts` hands the engine the assessments and findings filed through the monitoring
services: the public scenarios with findings or assessments are filed (plans and commitments as in
tests/tracker/test_facts.py, then assessments published and findings recorded on their days) and
the facts read back hold the scenario's findings and assessments."""

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from actionplans.models import ActionPlan
from commitments.models import Commitment
from monitoring import services
from tests.factories import (
    EndorsingStakeholderFactory,
    MonitoringBodyReviewerFactory,
    PointOfContactFactory,
    UserFactory,
)
from tests.monitoring.helpers import fill_inception
from tests.tracker.test_facts import file_scenario
from tracker import engine, scenario
from tracker.facts import facts_for_member

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted(
    path
    for path in [
        *(ROOT.parent / "shared" / "scenarios").glob("0*.json"),
        *(ROOT / "tests" / "scenarios" / "cases").glob("*.json"),
    ]
    if not path.name.endswith(".expected.json")
    and (lambda facts: facts.findings or facts.assessments)(scenario.loads(path.read_text())[0])
)


def file_monitoring(facts: engine.Facts, member, ids: dict[str, str]) -> None:
    """Publish each assessment on its `submitted_on` (its comment period before it) and record
    each finding on its `recorded_on`, through the services."""
    staff = UserFactory(staff=True)
    long_ago = date(1990, 1, 1)
    PointOfContactFactory(member=member, starts_on=long_ago)
    for plan in ActionPlan.objects.filter(member=member):
        EndorsingStakeholderFactory(plan=plan)
        if not plan.monitoring_body.reviewers.exists():
            MonitoringBodyReviewerFactory(body=plan.monitoring_body, starts_on=long_ago)
    for item in facts.assessments:
        if item.commitment is not None:
            commitment = Commitment.objects.get(pk=ids[item.commitment])
            plan = commitment.plan
        else:
            commitment, plan = None, ActionPlan.objects.get(pk=ids[item.plan])
        reviewer = plan.monitoring_body.reviewers.first().user
        opened_on = item.submitted_on - timedelta(days=services.MIN_COMMENT_DAYS + 1)
        if commitment is not None and commitment.completed_on is None:
            Commitment.objects.filter(pk=commitment.pk).update(completed_on=opened_on)
            commitment.refresh_from_db()
        assessment = services.start_assessment(
            plan,
            item.kind,
            commitment=commitment,
            actor=reviewer,
            as_of=min(opened_on, plan.ends_on),
        )
        if item.kind == "inception":
            fill_inception(assessment, reviewer)
        else:
            part = "results" if item.kind == "end_of_commitment" else "learning"
            values = dict.fromkeys(services.PART_FIELDS[part], "Written.")
            values["completion_level"] = "complete"
            services.save_assessment_part(assessment, part, values, actor=reviewer)
        services.open_comment_period(
            assessment,
            ends_on=item.submitted_on - timedelta(days=1),
            actor=reviewer,
            as_of=opened_on,
        )
        services.publish_assessment(assessment, actor=reviewer, as_of=item.submitted_on)
    for finding in facts.findings:
        services.record_finding(
            member,
            met=finding.met,
            reasons="As the Support Unit found.",
            evidence="The monitoring body's report.",
            actor=staff,
            as_of=finding.recorded_on,
        )


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda path: path.stem)
def test_facts_hand_the_engine_the_scenarios_findings_and_assessments(path):
    facts, as_of = scenario.loads(path.read_text())
    member, ids = file_scenario(facts)
    file_monitoring(facts, member, ids)

    from_database = facts_for_member(member, as_of=as_of)

    assert from_database.findings == facts.findings  # in the order recorded
    expected = [
        replace(
            item,
            plan=ids[item.plan] if item.plan else None,
            commitment=ids[item.commitment] if item.commitment else None,
        )
        for item in facts.assessments
    ]
    assert sorted(from_database.assessments, key=str) == sorted(expected, key=str)


def test_there_are_scenarios_with_findings_and_assessments():
    assert any("finding" in path.stem for path in SCENARIOS)
    assert len(SCENARIOS) >= 5
