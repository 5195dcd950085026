"""Filing and submitting action plans: every rule of RULES.md §4 with its code, nothing saved
when refused."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from actionplans.models import ActionPlan, PlanState
from actionplans.services import (
    add_endorsement,
    plan_violations,
    save_plan_part,
    start_plan,
    submit_plan,
)
from ogplocal.validation import rule_codes
from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    EndorsingStakeholderFactory,
    JurisdictionFactory,
    MemberFactory,
    MilestoneFactory,
    MonitoringBodyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

AS_OF = date(2024, 12, 15)
VISION = {
    "foreword": "Together with civil society.",
    "long_term_vision": "Open by default.",
    "achievements": "An open data portal.",
    "challenges": "Contracts are hidden.",
    "medium_term_goals": "Open contracting.",
    "plan_contribution": "Each commitment opens a process.",
    "administration_goals": "Trust in the city.",
    "lead_institutions": "Mayor's office.",
    "coordination_arrangements": "A steering group.",
    "collaboration_spaces": "A forum, online and offline.",
    "diversity_measures": "Meetings in every district.",
    "participants": "Agencies, NGOs, residents.",
    "participant_group_count": 12,
    "co_creation_meeting_count": 4,
    "continued_collaboration": "Quarterly forum meetings.",
    "monitoring_description": "The university's law clinic.",
    "progress_activities": "Public reviews.",
    "agency_check_ins": "Monthly calls.",
    "results_sharing": "On the city's website.",
}


def ready_plan(**kwargs) -> ActionPlan:
    """A draft that breaks no rule: term ends 2028-12-31, plan 2025-01-01 to 2026-12-31."""
    plan = ActionPlanFactory(
        declared_english=True,
        monitoring_body=MonitoringBodyFactory(),
        **{**VISION, **kwargs},
    )
    EndorsingStakeholderFactory(plan=plan)
    MilestoneFactory(commitment=CommitmentFactory(plan=plan, submitted_on=None))
    return plan


def codes_on_submit(plan) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        submit_plan(plan, actor=plan.created_by, as_of=AS_OF)
    return rule_codes(caught.value)


def test_ready_plan_is_submitted_as_version_one():
    plan = submit_plan(ready_plan(), actor=UserFactory(), as_of=AS_OF)
    assert plan.state == PlanState.SUBMITTED
    assert plan.submitted_on == AS_OF
    assert plan.version == 1
    assert plan.versions.get().number == 1


def test_submission_keeps_the_term_record_judged_against():
    plan = submit_plan(ready_plan(), actor=UserFactory(), as_of=AS_OF)
    assert plan.term.ends_on == date(2028, 12, 31)


def test_submission_dates_the_commitments():
    plan = submit_plan(ready_plan(), actor=UserFactory(), as_of=AS_OF)
    assert list(plan.commitments.values_list("submitted_on", flat=True)) == [AS_OF]


def test_version_snapshot_holds_commitments_and_milestones():
    plan = submit_plan(ready_plan(), actor=UserFactory(), as_of=AS_OF)
    snapshot = plan.versions.get().snapshot
    assert snapshot["commitments"][0]["title"] == plan.commitments.get().title
    assert len(snapshot["commitments"][0]["milestones"]) == 1


def test_plan_ending_two_months_before_the_term_ends_is_accepted():
    plan = ready_plan(ends_on=date(2028, 10, 31))
    assert "plan.ends_too_late" not in {v.code for v in plan_violations(plan, as_of=AS_OF)}


def test_plan_ending_a_day_later_is_refused_and_stays_a_draft():
    plan = ready_plan(ends_on=date(2028, 11, 1))
    assert codes_on_submit(plan) == {"plan.ends_too_late"}
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT
    assert not plan.versions.exists()


def test_plan_without_elections_longer_than_four_years_is_refused():
    member = MemberFactory(jurisdiction=JurisdictionFactory(has_elections=False))
    plan = ready_plan(member=member, starts_on=date(2025, 1, 1), ends_on=date(2029, 1, 1))
    assert codes_on_submit(plan) == {"plan.period_out_of_range"}


def test_plan_without_elections_shorter_than_a_year_is_refused():
    member = MemberFactory(jurisdiction=JurisdictionFactory(has_elections=False))
    plan = ActionPlanFactory(member=member, starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 30))
    codes = {violation.code for violation in plan_violations(plan, as_of=AS_OF)}
    assert "plan.period_out_of_range" in codes


def test_plan_without_elections_of_four_years_exactly_is_accepted():
    member = MemberFactory(jurisdiction=JurisdictionFactory(has_elections=False))
    plan = ActionPlanFactory(member=member, starts_on=date(2025, 1, 1), ends_on=date(2028, 12, 31))
    codes = {violation.code for violation in plan_violations(plan, as_of=AS_OF)}
    assert "plan.period_out_of_range" not in codes


def test_empty_plan_lists_every_broken_rule_at_once():
    plan = ActionPlanFactory(ends_on=date(2028, 12, 1))
    assert codes_on_submit(plan) == {
        "plan.ends_too_late",
        "plan.vision_incomplete",
        "plan.no_endorsement",
        "plan.no_monitoring_body",
        "plan.not_in_english",
        "plan.no_commitments",
    }


def test_each_error_names_its_handbook_section():
    with pytest.raises(ValidationError) as caught:
        submit_plan(ActionPlanFactory(), actor=UserFactory(), as_of=AS_OF)
    entries = caught.value.error_dict["__all__"]
    assert all(entry.params["handbook"] for entry in entries)


def test_submitted_plan_is_not_submitted_again():
    plan = submit_plan(ready_plan(), actor=UserFactory(), as_of=AS_OF)
    assert codes_on_submit(plan) == {"plan.not_draft"}


def test_submitted_plan_is_never_edited_in_place():
    plan = submit_plan(ready_plan(), actor=UserFactory(), as_of=AS_OF)
    with pytest.raises(ValidationError):
        save_plan_part(plan, "foreword", {"foreword": "Rewritten."}, actor=UserFactory())
    plan.refresh_from_db()
    assert plan.foreword == VISION["foreword"]


def test_start_plan_refuses_an_end_before_the_start():
    member = MemberFactory()
    with pytest.raises(ValidationError) as caught:
        start_plan(
            member,
            actor=UserFactory(),
            starts_on=date(2025, 1, 1),
            ends_on=date(2024, 12, 31),
            as_of=AS_OF,
        )
    assert rule_codes(caught.value) == {"plan.ends_before_start"}
    assert not ActionPlan.objects.exists()


def test_moving_the_plan_end_before_a_commitment_end_is_refused():
    plan = ready_plan()
    with pytest.raises(ValidationError) as caught:
        save_plan_part(
            plan,
            "dates",
            {"starts_on": plan.starts_on, "ends_on": date(2026, 6, 30)},
            actor=UserFactory(),
        )
    assert rule_codes(caught.value) == {"plan.commitment_outside_plan"}
    plan.refresh_from_db()
    assert plan.ends_on == date(2026, 12, 31)


def test_the_same_organization_endorses_once():
    plan = ActionPlanFactory()
    add_endorsement(plan, actor=UserFactory(), organization_name="Civic Lab")
    with pytest.raises(ValidationError) as caught:
        add_endorsement(plan, actor=UserFactory(), organization_name="civic lab")
    assert rule_codes(caught.value) == {"plan.endorsement_duplicate"}
    assert plan.endorsements.count() == 1


def test_endorsement_without_organization_is_refused():
    plan = ActionPlanFactory()
    with pytest.raises(ValidationError):
        add_endorsement(plan, actor=UserFactory(), organization_name="  ")
    assert not plan.endorsements.exists()


def test_submission_is_in_the_members_history():
    from ogplocal.audit.models import AuditEvent

    plan = submit_plan(ready_plan(), actor=UserFactory(), as_of=AS_OF)
    assert AuditEvent.objects.filter(member=plan.member, verb="actionplan.submitted").exists()
