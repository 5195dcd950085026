"""Joint plans for coalitions (LH §3.4), filed through the pages: one plan for all the coalition's
members, each commitment for one jurisdiction or joint, one monitoring body, one coordinating
point of contact; each jurisdiction's commitments end at least two months before its own term."""

from datetime import date

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan
from commitments.models import Commitment
from tests.factories import (
    ActionPlanFactory,
    CoalitionFactory,
    CoalitionMembershipFactory,
    MemberFactory,
    MonitoringBodyFactory,
    PointOfContactFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coalition():
    coalition = CoalitionFactory(name="Lakes Coalition")
    CoalitionMembershipFactory(
        coalition=coalition,
        member__jurisdiction__name="Kisumu",
        member__jurisdiction__term_ends_on=date(2027, 8, 31),
    )
    CoalitionMembershipFactory(
        coalition=coalition,
        member__jurisdiction__name="Homa Bay",
        member__jurisdiction__term_ends_on=date(2028, 12, 31),
    )
    return coalition


def start(client, coalition, **dates):
    data = {"starts_on": "2025-01-01", "ends_on": "2027-06-30", **dates}
    return client.post(reverse("plans:start_joint", args=[coalition.pk]), data)


def test_coordinator_starts_one_plan_for_every_member(client, coalition):
    client.force_login(coalition.coordinator)
    response = start(client, coalition)
    plan = ActionPlan.objects.get(coalition=coalition)
    assert response["Location"] == reverse("plans:part_foreword", args=[plan.pk])
    assert plan.member is None and plan.is_joint
    assert plan.coordinator == coalition.coordinator
    assert {j.name for j in plan.jurisdictions.all()} == {"Kisumu", "Homa Bay"}


def test_point_of_contact_of_a_member_starts_the_joint_plan(client, coalition):
    member = coalition.memberships.first().member
    client.force_login(PointOfContactFactory(member=member).user)
    assert start(client, coalition).status_code == 302
    assert ActionPlan.objects.filter(coalition=coalition).count() == 1


def test_point_of_contact_outside_the_coalition_gets_404_and_nothing_saved(client, coalition):
    client.force_login(PointOfContactFactory(member=MemberFactory()).user)
    assert client.get(reverse("plans:start_joint", args=[coalition.pk])).status_code == 404
    assert start(client, coalition).status_code == 404
    assert not ActionPlan.objects.exists()


def test_joint_plan_ending_before_it_starts_refused_and_nothing_saved(client, coalition):
    client.force_login(coalition.coordinator)
    response = start(client, coalition, ends_on="2024-12-01")
    assert response.status_code == 200
    assert "plan.ends_before_start" in response.content.decode()
    assert not ActionPlan.objects.exists()


def test_start_page_shows_each_jurisdictions_term_and_latest_end(client, coalition):
    client.force_login(coalition.coordinator)
    page = client.get(reverse("plans:start_joint", args=[coalition.pk])).content.decode()
    assert "Kisumu" in page and "Homa Bay" in page
    assert "LH §3.4" in page


def test_coalition_page_lists_the_joint_plan_and_offers_to_start_one_to_its_coordinator(
    client, coalition
):
    ActionPlanFactory(
        member=None, coalition=coalition, submitted=True, monitoring_body=MonitoringBodyFactory()
    )
    url = reverse("decisions:coalition", args=[coalition.pk])
    page = client.get(url).content.decode()
    assert "Lakes Coalition action plan" in page
    assert reverse("plans:start_joint", args=[coalition.pk]) not in page
    client.force_login(coalition.coordinator)
    assert reverse("plans:start_joint", args=[coalition.pk]) in client.get(url).content.decode()


@pytest.fixture
def joint_plan(coalition):
    plan = ActionPlanFactory(
        member=None,
        coalition=coalition,
        coordinator=coalition.coordinator,
        starts_on=date(2025, 1, 1),
        ends_on=date(2028, 10, 31),
    )
    plan.jurisdictions.set([m.member.jurisdiction for m in coalition.memberships.all()])
    return plan


def commitment_data(**changes):
    data = {
        "title": "Open data on lake water quality",
        "starts_on": "2025-01-01",
        "ends_on": "2027-06-30",
        "lead_agency": "Water Office",
        "lead_agency_branch": "executive",
        "lead_contact_name": "Jo Smith",
        "problem": "Residents learn about unsafe water too late.",
        "status_quo": "Samples are kept on paper.",
        "action": "Publish samples daily.",
        "contribution": "Residents can act on it.",
        "policy_areas": ["open_data"],
        "sectors": ["water_sanitation_hygiene"],
        "ogp_values": ["transparency"],
    }
    data.update(changes)
    return data


def test_commitment_form_of_a_joint_plan_offers_its_jurisdictions_or_joint(
    client, coalition, joint_plan
):
    client.force_login(coalition.coordinator)
    page = client.get(reverse("commitments:new", args=[joint_plan.pk])).content.decode()
    assert "Joint: all the plan&#x27;s jurisdictions" in page
    assert "Kisumu" in page and "Homa Bay" in page


def test_commitment_for_one_jurisdiction_is_filed(client, coalition, joint_plan):
    kisumu = joint_plan.jurisdictions.get(name="Kisumu")
    client.force_login(coalition.coordinator)
    response = client.post(
        reverse("commitments:new", args=[joint_plan.pk]),
        commitment_data(jurisdiction=str(kisumu.pk)),
    )
    assert response.status_code == 302
    assert Commitment.objects.get(plan=joint_plan).jurisdiction == kisumu


def test_commitment_ending_less_than_two_months_before_its_jurisdictions_term_refused(
    client, coalition, joint_plan
):
    """Kisumu's term ends on 2027-08-31: its commitments end by 2027-06-30 (LH §3.4)."""
    kisumu = joint_plan.jurisdictions.get(name="Kisumu")
    client.force_login(coalition.coordinator)
    response = client.post(
        reverse("commitments:new", args=[joint_plan.pk]),
        commitment_data(jurisdiction=str(kisumu.pk), ends_on="2027-07-01"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "commitment.ends_too_late" in page and "LH §3.4" in page
    assert "Kisumu must complete its commitments two months before its term ends" in page
    assert not Commitment.objects.exists()


def test_the_other_jurisdiction_may_run_its_commitment_longer(client, coalition, joint_plan):
    homa_bay = joint_plan.jurisdictions.get(name="Homa Bay")
    client.force_login(coalition.coordinator)
    response = client.post(
        reverse("commitments:new", args=[joint_plan.pk]),
        commitment_data(jurisdiction=str(homa_bay.pk), ends_on="2028-10-31"),
    )
    assert response.status_code == 302


def test_joint_commitment_ends_before_every_jurisdictions_term(client, coalition, joint_plan):
    client.force_login(coalition.coordinator)
    response = client.post(
        reverse("commitments:new", args=[joint_plan.pk]),
        commitment_data(ends_on="2028-10-31"),
    )
    assert "Kisumu must complete its commitments" in response.content.decode()
    assert not Commitment.objects.exists()


def test_joint_plan_page_names_the_coalition_its_jurisdictions_and_each_commitments(
    client, coalition, joint_plan
):
    kisumu = joint_plan.jurisdictions.get(name="Kisumu")
    client.force_login(coalition.coordinator)
    client.post(
        reverse("commitments:new", args=[joint_plan.pk]),
        commitment_data(jurisdiction=str(kisumu.pk)),
    )
    page = client.get(reverse("plans:detail", args=[joint_plan.pk])).content.decode()
    assert "Jurisdictions covered" in page and "Lakes Coalition" in page
    assert "Kisumu ·" in page


def test_staff_start_a_joint_plan(client, coalition):
    client.force_login(UserFactory(staff=True, with_totp=True))
    assert start(client, coalition).status_code == 302


def test_start_joint_page_query_budget(client, coalition, assert_page_query_budget):
    client.force_login(coalition.coordinator)
    assert_page_query_budget(
        client,
        reverse("plans:start_joint", args=[coalition.pk]),
        12,
        add_rows=lambda: CoalitionMembershipFactory(coalition=coalition),
    )
