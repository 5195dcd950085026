"""The database keeps commitments and milestones in shape (STYLE.md rule 3)."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MemberFactory,
    MilestoneFactory,
    PointOfContactFactory,
)

pytestmark = pytest.mark.django_db


def test_commitment_must_end_after_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentFactory(starts_on=date(2025, 6, 1), ends_on=date(2025, 5, 31))


def test_commitment_policy_area_comes_from_annex_2():
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentFactory(policy_area="astrology")


def test_commitment_cannot_name_the_same_policy_area_twice():
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentFactory(policy_area="open_data", second_policy_area="open_data")


def test_commitment_sector_comes_from_annex_2():
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentFactory(second_sector="space_travel")


def test_commitment_numbers_are_unique_in_a_plan():
    commitment = CommitmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentFactory(plan=commitment.plan, number=commitment.number)


def test_milestone_must_not_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        MilestoneFactory(starts_on=date(2025, 6, 1), ends_on=date(2025, 5, 31))


def test_commitment_of_a_draft_is_hidden_from_another_members_point_of_contact():
    commitment = CommitmentFactory()
    outsider = PointOfContactFactory(member=MemberFactory()).user
    assert not outsider.has_perm("commitments.view_commitment", commitment)


def test_commitment_of_a_submitted_plan_is_public():
    commitment = CommitmentFactory(plan=ActionPlanFactory(submitted=True))
    outsider = PointOfContactFactory(member=MemberFactory()).user
    assert outsider.has_perm("commitments.view_commitment", commitment)
    assert outsider.has_perm("commitments.view_milestone", MilestoneFactory(commitment=commitment))
