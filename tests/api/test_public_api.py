"""The public API (issue 22): read-only, public rows only, the member directory's FilterSet."""

import pytest
from django.core.management import call_command

from members.filters import MemberFilterSet
from members.selectors import members_for
from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MemberFactory,
    MilestoneFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted_plan():
    return ActionPlanFactory(submitted=True)


def _ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_anyone_lists_members_with_their_status(client):
    member = MemberFactory(status="probation")
    rows = client.get("/api/members/").json()["results"]
    assert [(row["slug"], row["status"]) for row in rows] == [
        (member.jurisdiction.slug, "probation")
    ]


def test_the_member_list_filters_with_the_directory_filterset(client):
    MemberFactory(jurisdiction__name="Bogotá", status="active")
    MemberFactory(jurisdiction__name="Lima", status="probation")
    query = {"q": "bogota"}
    expected = list(
        MemberFilterSet(query, queryset=members_for(None)).qs.values_list("pk", flat=True)
    )
    assert _ids(client.get("/api/members/", query)) == expected
    assert len(expected) == 1


def test_a_bad_filter_value_answers_400_with_the_field(client):
    response = client.get("/api/members/", {"status": "sleeping"})
    assert response.status_code == 400
    assert "status" in response.json()


def test_a_draft_plan_is_never_listed_nor_readable(client, submitted_plan):
    draft = ActionPlanFactory()
    assert _ids(client.get("/api/plans/")) == [submitted_plan.pk]
    assert client.get(f"/api/plans/{draft.pk}/").status_code == 404


def test_staff_see_no_draft_in_the_api_either(client, submitted_plan):
    ActionPlanFactory()
    client.force_login(UserFactory(staff=True, with_totp=True))
    assert _ids(client.get("/api/plans/")) == [submitted_plan.pk]


def test_commitments_of_drafts_are_not_listed(client, submitted_plan):
    public = CommitmentFactory(plan=submitted_plan)
    CommitmentFactory(plan=ActionPlanFactory())
    assert _ids(client.get("/api/commitments/")) == [public.pk]


def test_a_commitment_never_shows_contact_email_addresses(client, submitted_plan):
    commitment = CommitmentFactory(
        plan=submitted_plan,
        lead_contact_email="lead.secret@example.org",
        ngo_contact_email="ngo.secret@example.org",
    )
    body = client.get(f"/api/commitments/{commitment.pk}/").content.decode()
    assert "secret@example.org" not in body
    assert commitment.title in body


def test_milestones_of_drafts_are_not_listed(client, submitted_plan):
    public = MilestoneFactory(commitment=CommitmentFactory(plan=submitted_plan))
    MilestoneFactory(commitment=CommitmentFactory(plan=ActionPlanFactory()))
    assert _ids(client.get("/api/milestones/")) == [public.pk]


def test_commitments_filter_by_plan_and_policy_area(client, submitted_plan):
    wanted = CommitmentFactory(plan=submitted_plan, policy_area="open_data")
    CommitmentFactory(plan=submitted_plan, policy_area="tax")
    CommitmentFactory(plan=ActionPlanFactory(submitted=True), policy_area="open_data")
    response = client.get(
        "/api/commitments/", {"plan": submitted_plan.pk, "policy_area": "open_data"}
    )
    assert _ids(response) == [wanted.pk]


def test_an_unknown_policy_area_answers_400(client):
    assert client.get("/api/commitments/", {"policy_area": "astrology"}).status_code == 400


@pytest.mark.parametrize("url", ["/api/members/", "/api/plans/", "/api/commitments/"])
def test_the_api_refuses_writes_from_staff_too(client, url):
    """No action maps a POST to a permission: RulesPermission refuses it before DRF's 405."""
    client.force_login(UserFactory(staff=True, with_totp=True))
    assert client.post(url, {}, content_type="application/json").status_code == 403


def test_the_member_list_query_budget(client, assert_page_query_budget):
    MemberFactory()
    assert_page_query_budget(
        client, "/api/members/", 4, add_rows=lambda: MemberFactory.create_batch(10)
    )


def test_the_commitment_list_query_budget(client, assert_page_query_budget, submitted_plan):
    CommitmentFactory(plan=submitted_plan)
    assert_page_query_budget(
        client,
        "/api/commitments/",
        3,
        add_rows=lambda: CommitmentFactory.create_batch(5, plan=submitted_plan),
    )


def test_the_plan_list_query_budget(client, assert_page_query_budget, submitted_plan):
    assert_page_query_budget(
        client,
        "/api/plans/",
        3,
        add_rows=lambda: ActionPlanFactory.create_batch(3, submitted=True),
    )


def test_the_schema_is_valid_openapi(tmp_path):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--file", str(out))
    assert "/api/commitments/" in out.read_text()


def test_the_schema_and_its_documentation_are_public(client):
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


ENDPOINTS = [
    "members",
    "plans",
    "commitments",
    "milestones",
    "updates",
    "assessments",
    "status-changes",
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("who", ["anonymous", "point_of_contact", "staff"])
def test_every_endpoint_reads_for_everyone_and_refuses_every_write(client, endpoint, who):
    from tests.factories import PointOfContactFactory

    plan = ActionPlanFactory(submitted=True)
    if who == "point_of_contact":
        client.force_login(PointOfContactFactory(member=plan.member).user)
    elif who == "staff":
        client.force_login(UserFactory(staff=True, with_totp=True))
    assert client.get(f"/api/{endpoint}/").status_code == 200
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(
            f"/api/{endpoint}/1/", {}, content_type="application/json"
        )
        assert response.status_code in (403, 404), (method, response.status_code)
    assert client.post(f"/api/{endpoint}/", {}, content_type="application/json").status_code == 403
