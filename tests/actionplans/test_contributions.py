"""Contributions received during co-creation and their reasoned responses (National Handbook
§2.1.d): recorded by a point of contact, public with the plan once it is submitted."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from actionplans.models import Contribution
from actionplans.services_cocreation import record_contribution
from ogplocal.audit.models import AuditEvent
from ogplocal.validation import rule_codes
from tests.factories import (
    ActionPlanFactory,
    ContributionFactory,
    MemberFactory,
    PointOfContactFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return ActionPlanFactory(member=MemberFactory(jurisdiction__name="Alpha City"))


@pytest.fixture
def poc(plan):
    return PointOfContactFactory(member=plan.member).user


def form_data(**changes):
    data = {
        "received_on": "2024-11-06",
        "contributor": "Transparency Now",
        "summary": "Publish every contract within a week.",
        "response": "rejected",
        "reasons": "The registry is updated monthly; see commitment 2.",
    }
    data.update(changes)
    return data


def test_point_of_contact_records_a_contribution_with_its_response(client, plan, poc):
    client.force_login(poc)
    response = client.post(reverse("plans:contribution_new", args=[plan.pk]), form_data())
    assert response.status_code == 302
    contribution = Contribution.objects.get(plan=plan)
    assert contribution.response == "rejected"
    assert contribution.recorded_by == poc
    assert AuditEvent.objects.filter(verb="actionplan.contribution_recorded").exists()


def test_the_contributor_is_optional(client, plan, poc):
    client.force_login(poc)
    client.post(reverse("plans:contribution_new", args=[plan.pk]), form_data(contributor=""))
    assert Contribution.objects.get(plan=plan).contributor == ""


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reasons": ""}, "reasons"),
        ({"reasons": "   "}, "reasons"),
        ({"summary": ""}, "summary"),
        ({"response": ""}, "response"),
        ({"response": "ignored"}, "response"),
        ({"received_on": (timezone.localdate() + timedelta(days=1)).isoformat()}, "received_on"),
    ],
)
def test_bad_contribution_input_is_refused_and_nothing_saved(client, plan, poc, changes, field):
    client.force_login(poc)
    response = client.post(reverse("plans:contribution_new", args=[plan.pk]), form_data(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert "Nothing was saved" in response.content.decode()
    assert not Contribution.objects.exists()


def test_missing_reasons_name_the_handbook(client, plan, poc):
    client.force_login(poc)
    response = client.post(reverse("plans:contribution_new", args=[plan.pk]), form_data(reasons=""))
    assert "Give the reasons for the response (National Handbook §2.1.d)." in (
        response.content.decode()
    )


def test_service_refuses_a_response_without_reasons(plan, poc):
    with pytest.raises(ValidationError) as error:
        record_contribution(
            plan,
            actor=poc,
            as_of=date(2025, 1, 1),
            received_on=date(2024, 12, 1),
            summary="An idea.",
            response="included",
            reasons="",
        )
    assert "co_creation.response_reasons" in rule_codes(error.value)
    assert not Contribution.objects.exists()


def test_point_of_contact_of_another_member_gets_404_on_draft_contribution_pages(client, plan):
    ContributionFactory(plan=plan)
    client.force_login(PointOfContactFactory(member=MemberFactory()).user)
    assert client.get(reverse("plans:contributions", args=[plan.pk])).status_code == 404
    url = reverse("plans:contribution_new", args=[plan.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, form_data()).status_code == 404
    assert Contribution.objects.count() == 1


def test_contributions_of_a_submitted_plan_are_public(client):
    plan = ActionPlanFactory(submitted=True)
    ContributionFactory(plan=plan, reasons="Merged into commitment 1.")
    for url in (
        reverse("plans:detail", args=[plan.pk]),
        reverse("plans:contributions", args=[plan.pk]),
    ):
        assert "Merged into commitment 1." in client.get(url).content.decode(), url


def test_contributions_of_a_draft_are_hidden_from_the_public(client, plan):
    ContributionFactory(plan=plan)
    assert client.get(reverse("plans:contributions", args=[plan.pk])).status_code == 404


def test_contributions_page_query_count_is_constant(client, plan, poc, assert_page_query_budget):
    client.force_login(poc)
    ContributionFactory(plan=plan)
    assert_page_query_budget(
        client,
        reverse("plans:contributions", args=[plan.pk]),
        8,
        add_rows=lambda: ContributionFactory.create_batch(5, plan=plan),
    )


def test_plan_page_query_count_is_constant_in_the_co_creation_record(
    client, assert_page_query_budget
):
    from tests.factories import MeetingFactory

    plan = ActionPlanFactory(submitted=True)
    assert_page_query_budget(
        client,
        reverse("plans:detail", args=[plan.pk]),
        8,
        add_rows=lambda: (
            MeetingFactory.create_batch(4, plan=plan),
            ContributionFactory.create_batch(4, plan=plan),
        ),
    )
