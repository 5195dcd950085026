"""Commitment pages: filing with Annex 2 fields, bad input with nothing saved, query budgets."""

import pytest
from django.urls import reverse

from commitments.models import Commitment, Milestone
from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MilestoneFactory,
    PointOfContactFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return ActionPlanFactory()


@pytest.fixture
def signed_in(client, plan):
    client.force_login(PointOfContactFactory(member=plan.member).user)
    return client


def form(**changes):
    data = {
        "title": "Open the city's budget",
        "starts_on": "2025-01-01",
        "ends_on": "2025-12-31",
        "lead_agency": "Finance",
        "lead_agency_branch": "executive",
        "lead_contact_name": "Jo Smith",
        "problem": "Budgets are hard to read.",
        "status_quo": "PDF only.",
        "action": "Publish open budget data.",
        "contribution": "Residents follow spending.",
        "policy_areas": ["fiscal_openness", "open_data"],
        "sectors": ["public_services"],
        "ogp_values": ["transparency", "accountability"],
    }
    data.update(changes)
    return data


def test_point_of_contact_adds_a_commitment_with_annex_2_fields(signed_in, plan):
    response = signed_in.post(reverse("commitments:new", args=[plan.pk]), form())
    commitment = Commitment.objects.get()
    assert response.status_code == 302
    assert commitment.policy_areas == ["fiscal_openness", "open_data"]
    assert commitment.ogp_values == ["transparency", "accountability"]


@pytest.mark.parametrize(
    "changes, rule",
    [
        ({"ends_on": "2025-12-30"}, "commitment.too_short"),
        ({"ends_on": "2027-01-01"}, "commitment.ends_after_plan"),
        ({"policy_areas": ["tax", "open_data", "lobbying"]}, "commitment.too_many_policy_areas"),
        ({"sectors": ["justice", "education", "legislature"]}, "commitment.too_many_sectors"),
    ],
)
def test_a_broken_rule_is_shown_and_nothing_is_saved(signed_in, plan, changes, rule):
    response = signed_in.post(reverse("commitments:new", args=[plan.pk]), form(**changes))
    assert response.status_code == 200
    assert f'data-rule="{rule}"' in response.content.decode()
    assert not Commitment.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"title": ""},
        {"starts_on": "not a date"},
        {"policy_areas": ["astrology"]},
        {"policy_areas": []},
        {"lead_contact_email": "not-an-address"},
        {"ends_on": "2024-12-31"},
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(signed_in, plan, changes):
    response = signed_in.post(reverse("commitments:new", args=[plan.pk]), form(**changes))
    assert response.status_code == 200
    assert "Nothing was saved" in response.content.decode()
    assert not Commitment.objects.exists()


def test_sixth_open_commitment_is_refused_on_the_page(signed_in, plan):
    CommitmentFactory.create_batch(5, plan=plan)
    response = signed_in.post(reverse("commitments:new", args=[plan.pk]), form())
    assert 'data-rule="commitment.too_many_open"' in response.content.decode()
    assert plan.commitments.count() == 5


def test_edit_keeps_the_policy_areas_shown(signed_in, plan):
    commitment = CommitmentFactory(plan=plan, policy_area="tax", second_policy_area="open_data")
    response = signed_in.get(reverse("commitments:edit", args=[commitment.pk]))
    assert response.context["form"].initial["policy_areas"] == ["tax", "open_data"]


def test_milestone_outside_its_commitment_is_refused(signed_in, plan):
    commitment = CommitmentFactory(plan=plan)
    response = signed_in.post(
        reverse("commitments:milestone_new", args=[commitment.pk]),
        {
            "output": "Data published",
            "starts_on": "2024-06-01",
            "ends_on": "2025-06-01",
            "responsible_agency": "Finance",
        },
    )
    assert 'data-rule="milestone.outside_commitment"' in response.content.decode()
    assert not Milestone.objects.exists()


def test_milestone_without_output_is_refused(signed_in, plan):
    commitment = CommitmentFactory(plan=plan)
    response = signed_in.post(
        reverse("commitments:milestone_new", args=[commitment.pk]),
        {"output": "", "starts_on": "2025-02-01", "ends_on": "2025-06-01"},
    )
    assert response.status_code == 200
    assert not Milestone.objects.exists()


def test_milestone_is_added_and_removed(signed_in, plan):
    commitment = CommitmentFactory(plan=plan)
    signed_in.post(
        reverse("commitments:milestone_new", args=[commitment.pk]),
        {
            "output": "Data published",
            "starts_on": "2025-02-01",
            "ends_on": "2025-06-01",
            "responsible_agency": "Finance",
        },
    )
    milestone = Milestone.objects.get()
    signed_in.post(reverse("commitments:milestone_remove", args=[commitment.pk, milestone.pk]))
    assert not Milestone.objects.exists()


def test_commitment_of_a_submitted_plan_is_public_and_not_editable(client):
    commitment = CommitmentFactory(plan=ActionPlanFactory(submitted=True))
    assert client.get(reverse("commitments:detail", args=[commitment.pk])).status_code == 200
    client.force_login(PointOfContactFactory(member=commitment.plan.member).user)
    assert client.get(reverse("commitments:edit", args=[commitment.pk])).status_code == 404


def test_commitment_page_query_count_does_not_grow_with_milestones(
    client, assert_page_query_budget
):
    commitment = CommitmentFactory(plan=ActionPlanFactory(submitted=True))
    MilestoneFactory(commitment=commitment)
    assert_page_query_budget(
        client,
        reverse("commitments:detail", args=[commitment.pk]),
        # the commitment, milestones, versions, evidence, comments, and the tracker's updates
        # for the progress chart (its selector: the commitment, updates, versions, milestone
        # reports, evidence)
        11,
        add_rows=lambda: MilestoneFactory.create_batch(5, commitment=commitment),
    )
