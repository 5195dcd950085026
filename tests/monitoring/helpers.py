"""Shared set-up for the monitoring tests: a submitted plan with its body, a reviewer, a point of
contact and an endorsing stakeholder, and a complete inception assessment."""

from dataclasses import dataclass
from datetime import date

from monitoring import services
from monitoring.models import Assessment, Practice, Requirement
from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    EndorsingStakeholderFactory,
    MeetingFactory,
    MonitoringBodyReviewerFactory,
    PointOfContactFactory,
)

SUBMITTED_ON = date(2025, 1, 10)


@dataclass
class Setting:
    plan: object
    reviewer: object  # a user
    poc: object  # a user
    commitment: object


def assigned_plan(**plan_values) -> Setting:
    values = {"submitted": True, "submitted_on": SUBMITTED_ON, **plan_values}
    plan = ActionPlanFactory(**values)
    commitment = CommitmentFactory(plan=plan, number=1)
    EndorsingStakeholderFactory(plan=plan)
    MeetingFactory(plan=plan)
    reviewer = MonitoringBodyReviewerFactory(
        body=plan.monitoring_body, starts_on=date(2024, 1, 1)
    ).user
    poc = PointOfContactFactory(member=plan.member, starts_on=date(2024, 1, 1)).user
    return Setting(plan=plan, reviewer=reviewer, poc=poc, commitment=commitment)


def fill_inception(assessment: Assessment, actor) -> Assessment:
    services.save_assessment_part(
        assessment,
        "requirements",
        {code: {"met": True, "evidence": f"Evidence for {code}."} for code in Requirement.values},
        actor=actor,
    )
    services.save_assessment_part(
        assessment,
        "practices",
        {code: {"rating": "applied", "comment": "Done well."} for code in Practice.values},
        actor=actor,
    )
    services.save_assessment_part(
        assessment,
        "commitments",
        {
            str(row.commitment_id): {
                "relevance": "relevant",
                "relevance_justification": "Opens contracts.",
                "verifiability": "verifiable",
                "verifiability_justification": "Milestones are dated.",
                "potential_impact": "moderate",
                "potential_impact_justification": "Changes practice.",
            }
            for row in assessment.commitment_ratings.all()
        },
        actor=actor,
    )
    return assessment


def published_inception(setting: Setting, *, started_on=date(2025, 2, 1)) -> Assessment:
    assessment = services.start_assessment(
        setting.plan, "inception", actor=setting.reviewer, as_of=started_on
    )
    fill_inception(assessment, setting.reviewer)
    ends_on = date.fromordinal(started_on.toordinal() + services.MIN_COMMENT_DAYS)
    services.open_comment_period(
        assessment, ends_on=ends_on, actor=setting.reviewer, as_of=started_on
    )
    return services.publish_assessment(
        assessment, actor=setting.reviewer, as_of=date.fromordinal(ends_on.toordinal() + 1)
    )
