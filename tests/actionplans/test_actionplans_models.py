"""The database keeps action plans in shape even when code is bypassed (STYLE.md rule 3)."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from tests.factories import (
    ActionPlanFactory,
    CoalitionFactory,
    EndorsingStakeholderFactory,
    MemberFactory,
    PointOfContactFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_plan_must_end_after_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionPlanFactory(starts_on=date(2025, 1, 1), ends_on=date(2025, 1, 1))


def test_plan_belongs_to_a_member_or_a_coalition_not_both():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionPlanFactory(coalition=CoalitionFactory())


def test_plan_belongs_to_someone():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionPlanFactory(member=None)


def test_joint_plan_belongs_to_its_coalition():
    plan = ActionPlanFactory(member=None, coalition=CoalitionFactory(name="River cities"))
    assert plan.is_joint
    assert "River cities" in str(plan)


def test_submitted_plan_without_monitoring_body_is_impossible():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionPlanFactory(submitted=True, monitoring_body=None)


def test_draft_cannot_carry_a_submission_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionPlanFactory(submitted_on=date(2025, 1, 1))


def test_an_organization_endorses_a_plan_once():
    stakeholder = EndorsingStakeholderFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        EndorsingStakeholderFactory(
            plan=stakeholder.plan, organization_name=stakeholder.organization_name
        )


def test_draft_plan_is_hidden_from_another_members_point_of_contact():
    plan = ActionPlanFactory()
    outsider = PointOfContactFactory(member=MemberFactory()).user
    assert not outsider.has_perm("actionplans.view_actionplan", plan)


def test_draft_plan_is_seen_and_edited_by_its_members_point_of_contact():
    plan = ActionPlanFactory()
    poc = PointOfContactFactory(member=plan.member).user
    assert poc.has_perm("actionplans.view_actionplan", plan)
    assert poc.has_perm("actionplans.change_actionplan", plan)


def test_submitted_plan_is_public_and_no_longer_editable():
    plan = ActionPlanFactory(submitted=True)
    poc = PointOfContactFactory(member=plan.member).user
    assert UserFactory().has_perm("actionplans.view_actionplan", plan)
    assert not poc.has_perm("actionplans.change_actionplan", plan)


def test_support_unit_sees_drafts():
    assert UserFactory(staff=True).has_perm("actionplans.view_actionplan", ActionPlanFactory())
