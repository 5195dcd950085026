"""Filing commitments and milestones: every rule of RULES.md §4 with its code, nothing saved when
refused."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from commitments.models import Commitment, Milestone
from commitments.services import add_commitment, add_milestone, save_commitment
from ogplocal.validation import rule_codes
from tests.factories import (
    ActionPlanFactory,
    CoalitionFactory,
    CoalitionMembershipFactory,
    CommitmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

AS_OF = date(2024, 12, 1)


def values(**changes):
    data = {
        "title": "Open the city's budget",
        "starts_on": date(2025, 1, 1),
        "ends_on": date(2025, 12, 31),
        "lead_agency": "Finance",
        "lead_contact_name": "Jo Smith",
        "problem": "Budgets are hard to read.",
        "status_quo": "PDF only.",
        "action": "Publish open budget data.",
        "contribution": "Residents follow spending.",
        "policy_areas": ["fiscal_openness"],
        "sectors": ["public_services"],
        "ogp_values": ["transparency"],
    }
    data.update(changes)
    return data


def refused(plan, **changes) -> set[str]:
    count = Commitment.objects.count()
    with pytest.raises(ValidationError) as caught:
        add_commitment(plan, values(**changes), actor=UserFactory(), as_of=AS_OF)
    assert Commitment.objects.count() == count
    return rule_codes(caught.value)


def test_commitment_of_one_calendar_year_is_accepted():
    commitment = add_commitment(ActionPlanFactory(), values(), actor=UserFactory(), as_of=AS_OF)
    assert commitment.number == 1


def test_commitment_one_day_short_of_a_year_is_refused():
    assert refused(ActionPlanFactory(), ends_on=date(2025, 12, 30)) == {"commitment.too_short"}


def test_short_commitment_spanning_the_whole_plan_is_accepted():
    plan = ActionPlanFactory(starts_on=date(2025, 1, 1), ends_on=date(2025, 9, 30))
    commitment = add_commitment(
        plan, values(ends_on=date(2025, 9, 30)), actor=UserFactory(), as_of=AS_OF
    )
    assert commitment.pk


def test_commitment_ending_after_the_plan_is_refused():
    assert refused(ActionPlanFactory(), ends_on=date(2027, 1, 1)) == {"commitment.ends_after_plan"}


def test_commitment_starting_before_the_plan_is_refused():
    codes = refused(ActionPlanFactory(), starts_on=date(2024, 12, 31))
    assert codes == {"commitment.starts_before_plan"}


def test_three_policy_areas_are_refused():
    codes = refused(ActionPlanFactory(), policy_areas=["tax", "open_data", "lobbying"])
    assert codes == {"commitment.too_many_policy_areas"}


def test_three_sectors_are_refused():
    codes = refused(ActionPlanFactory(), sectors=["justice", "education", "legislature"])
    assert codes == {"commitment.too_many_sectors"}


def test_two_policy_areas_and_sectors_are_kept():
    commitment = add_commitment(
        ActionPlanFactory(),
        values(policy_areas=["tax", "open_data"], sectors=["justice", "education"]),
        actor=UserFactory(),
        as_of=AS_OF,
    )
    assert commitment.policy_areas == ["tax", "open_data"]
    assert commitment.sectors == ["justice", "education"]


def test_policy_area_is_required():
    with pytest.raises(ValidationError) as caught:
        add_commitment(
            ActionPlanFactory(), values(policy_areas=[]), actor=UserFactory(), as_of=AS_OF
        )
    assert "policy_areas" in caught.value.error_dict


def test_sixth_open_commitment_of_a_single_member_is_refused():
    plan = ActionPlanFactory()
    CommitmentFactory.create_batch(5, plan=plan)
    assert refused(plan) == {"commitment.too_many_open"}


def test_commitment_replacing_a_completed_one_is_accepted():
    plan = ActionPlanFactory()
    CommitmentFactory.create_batch(4, plan=plan)
    CommitmentFactory(plan=plan, completed_on=date(2025, 6, 30))
    commitment = add_commitment(
        plan,
        values(starts_on=date(2025, 7, 1), ends_on=date(2026, 6, 30)),
        actor=UserFactory(),
        as_of=AS_OF,
    )
    assert commitment.pk


def test_commitment_replacing_a_removed_one_is_accepted():
    plan = ActionPlanFactory()
    CommitmentFactory.create_batch(4, plan=plan)
    CommitmentFactory(plan=plan, removed_on=date(2025, 7, 1))
    commitment = add_commitment(
        plan,
        values(starts_on=date(2025, 7, 1), ends_on=date(2026, 6, 30)),
        actor=UserFactory(),
        as_of=AS_OF,
    )
    assert commitment.pk


def test_a_removed_commitment_counts_until_the_day_before_its_removal():
    plan = ActionPlanFactory()
    CommitmentFactory.create_batch(4, plan=plan)
    CommitmentFactory(plan=plan, removed_on=date(2025, 7, 2))
    assert refused(plan, starts_on=date(2025, 7, 1), ends_on=date(2026, 6, 30)) == {
        "commitment.too_many_open"
    }


def coalition_plan(size: int):
    coalition = CoalitionFactory()
    CoalitionMembershipFactory.create_batch(size, coalition=coalition)
    return ActionPlanFactory(member=None, coalition=coalition)


def test_coalition_of_two_may_hold_ten_open_commitments():
    plan = coalition_plan(2)
    CommitmentFactory.create_batch(9, plan=plan)
    assert add_commitment(plan, values(), actor=UserFactory(), as_of=AS_OF).number


def test_eleventh_open_commitment_of_a_coalition_of_two_is_refused():
    plan = coalition_plan(2)
    CommitmentFactory.create_batch(10, plan=plan)
    assert refused(plan) == {"commitment.too_many_open"}


def test_thirteenth_open_commitment_of_a_coalition_of_three_is_refused():
    plan = coalition_plan(3)
    CommitmentFactory.create_batch(12, plan=plan)
    assert refused(plan) == {"commitment.too_many_open"}


def test_commitment_of_a_submitted_plan_is_not_added():
    plan = ActionPlanFactory(submitted=True)
    assert refused(plan) == {"commitment.plan_submitted"}


def test_milestone_within_its_commitment_is_accepted():
    commitment = CommitmentFactory()
    milestone = add_milestone(
        commitment,
        {
            "output": "Data published",
            "starts_on": commitment.starts_on,
            "ends_on": commitment.ends_on,
            "responsible_agency": "Finance",
        },
        actor=UserFactory(),
    )
    assert milestone.number == 1


def test_milestone_ending_after_its_commitment_is_refused():
    commitment = CommitmentFactory(ends_on=date(2025, 12, 31))
    with pytest.raises(ValidationError) as caught:
        add_milestone(
            commitment,
            {
                "output": "Data published",
                "starts_on": date(2025, 3, 1),
                "ends_on": date(2026, 1, 1),
                "responsible_agency": "Finance",
            },
            actor=UserFactory(),
        )
    assert rule_codes(caught.value) == {"milestone.outside_commitment"}
    assert not Milestone.objects.exists()


def test_shortening_a_commitment_past_its_milestones_is_refused():
    commitment = CommitmentFactory(starts_on=date(2025, 1, 1), ends_on=date(2026, 12, 31))
    commitment.milestones.create(
        number=1,
        output="Late output",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
        responsible_agency="Finance",
    )
    with pytest.raises(ValidationError) as caught:
        save_commitment(
            commitment,
            values(starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31)),
            actor=UserFactory(),
            as_of=AS_OF,
        )
    assert rule_codes(caught.value) == {"commitment.milestones_outside"}
    commitment.refresh_from_db()
    assert commitment.ends_on == date(2026, 12, 31)


def test_joint_plan_commitment_ends_two_months_before_its_jurisdictions_term():
    plan = coalition_plan(2)
    first = plan.coalition.memberships.first().member.jurisdiction
    plan.jurisdictions.set(
        [membership.member.jurisdiction for membership in plan.coalition.memberships.all()]
    )
    first.terms.update(ends_on=date(2026, 12, 31))  # this one's term ends first
    plan.ends_on = date(2027, 12, 31)
    plan.save()
    codes = refused(plan, jurisdiction=first, starts_on=date(2025, 1, 1), ends_on=date(2026, 11, 1))
    assert codes == {"commitment.ends_too_late"}


def test_joint_plan_commitment_for_a_jurisdiction_outside_the_plan_is_refused():
    plan = coalition_plan(2)
    plan.jurisdictions.set(
        [membership.member.jurisdiction for membership in plan.coalition.memberships.all()]
    )
    outsider = CommitmentFactory().plan.member.jurisdiction
    assert refused(plan, jurisdiction=outsider) == {"commitment.jurisdiction_not_in_plan"}
