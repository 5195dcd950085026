"""A member's own open data (issue 22, session 4): its rows of each open-data table as CSV, its
feed announced on its page, its joint plans included, drafts and other members' rows never."""

import csv
import io

import pytest

from tests.factories import (
    ActionPlanFactory,
    CoalitionFactory,
    CoalitionMembershipFactory,
    CommitmentFactory,
    MemberFactory,
    MilestoneFactory,
    MonitoringBodyFactory,
)
from tests.opendata import records

pytestmark = pytest.mark.django_db


def _csv_rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def _url(member, table):
    return f"/data/members/{member.jurisdiction.slug}/{table}.csv"


@pytest.fixture
def joint_world():
    """Member A with its own submitted plan and a submitted joint plan of its coalition with B;
    B's own plan; A's draft plan."""
    coalition = CoalitionFactory()
    member_a = CoalitionMembershipFactory(coalition=coalition).member
    member_b = CoalitionMembershipFactory(coalition=coalition).member
    own = ActionPlanFactory(member=member_a, submitted=True)
    joint = ActionPlanFactory(
        member=None,
        coalition=coalition,
        submitted=True,
        monitoring_body=MonitoringBodyFactory(country=coalition.country),
    )
    others = ActionPlanFactory(member=member_b, submitted=True)
    draft = ActionPlanFactory(member=member_a)
    return {
        "a": member_a,
        "b": member_b,
        "own": own,
        "joint": joint,
        "others": others,
        "draft": draft,
    }


def test_a_members_plans_csv_holds_its_own_and_its_joint_plans_only(client, joint_world):
    rows = _csv_rows(client.get(_url(joint_world["a"], "plans")))
    assert {row["id"] for row in rows} == {str(joint_world["own"].pk), str(joint_world["joint"].pk)}


def test_a_members_commitments_and_milestones_follow_its_plans(client, joint_world):
    mine = CommitmentFactory(plan=joint_world["joint"])
    MilestoneFactory(commitment=mine)
    theirs = CommitmentFactory(plan=joint_world["others"])
    MilestoneFactory(commitment=theirs)
    drafted = CommitmentFactory(plan=joint_world["draft"])
    commitments = _csv_rows(client.get(_url(joint_world["a"], "commitments")))
    assert [row["id"] for row in commitments] == [str(mine.pk)]
    milestones = _csv_rows(client.get(_url(joint_world["a"], "milestones")))
    assert [row["commitment_id"] for row in milestones] == [str(mine.pk)]
    assert str(drafted.pk) not in {row["id"] for row in commitments}


def test_a_members_updates_assessments_and_status_changes(client, joint_world):
    mine = CommitmentFactory(plan=joint_world["own"])
    records.tracker_update(mine, narrative="Mine, filed.")
    records.tracker_update(CommitmentFactory(plan=joint_world["others"]), narrative="Theirs.")
    records.published_assessment(joint_world["own"])
    records.status_change(joint_world["a"])
    records.status_change(joint_world["b"])
    member = joint_world["a"]
    updates = _csv_rows(client.get(_url(member, "updates")))
    assert [row["narrative"] for row in updates] == ["Mine, filed."]
    assessments = _csv_rows(client.get(_url(member, "assessments")))
    assert [row["plan_id"] for row in assessments] == [str(joint_world["own"].pk)]
    changes = _csv_rows(client.get(_url(member, "status_changes")))
    assert {row["member_id"] for row in changes} == {str(member.pk)}


def test_the_member_csv_is_its_one_row_in_the_published_columns(client, joint_world):
    member = joint_world["a"]
    response = client.get(_url(member, "members"))
    rows = _csv_rows(response)
    assert [row["id"] for row in rows] == [str(member.pk)]
    assert f"ogp-local-{member.jurisdiction.slug}-members.csv" in response["Content-Disposition"]


def test_an_unknown_table_is_not_found(client):
    member = MemberFactory()
    for name in ("bogus", "members.csv", "..", "datapackage"):
        assert client.get(f"/data/members/{member.jurisdiction.slug}/{name}.csv").status_code == 404


def test_an_unknown_member_is_not_found(client):
    assert client.get("/data/members/nowhere-at-all/plans.csv").status_code == 404


def test_a_post_is_refused_and_writes_nothing(client, joint_world):
    from actionplans.models import ActionPlan

    before = ActionPlan.objects.count()
    assert client.post(_url(joint_world["a"], "plans")).status_code == 405
    assert ActionPlan.objects.count() == before


@pytest.mark.parametrize("table", ["plans", "commitments", "milestones", "updates"])
def test_a_members_csv_query_count_does_not_grow(client, assert_page_query_budget, table):
    member = MemberFactory()
    plan = ActionPlanFactory(member=member, submitted=True)

    def add_rows():
        for _ in range(4):
            commitment = CommitmentFactory(plan=ActionPlanFactory(member=member, submitted=True))
            MilestoneFactory(commitment=commitment)
            records.tracker_update(commitment)

    CommitmentFactory(plan=plan)
    assert_page_query_budget(client, _url(member, table), 6, add_rows=add_rows)


def test_the_member_page_announces_its_feed_and_offers_its_data(client, joint_world):
    member = joint_world["a"]
    html = client.get(f"/members/{member.jurisdiction.slug}/").content.decode()
    feed = f"/data/feed/members/{member.jurisdiction.slug}/"
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert f'href="{feed}"' in html
    for table in ("members", "plans", "commitments", "milestones", "updates", "assessments"):
        assert f'href="{_url(member, table)}"' in html
    assert f'href="/api/members/{member.pk}/"' in html


def test_the_member_page_lists_the_joint_plans_of_its_coalitions(client, joint_world):
    html = client.get(f"/members/{joint_world['a'].jurisdiction.slug}/").content.decode()
    assert "Joint action plans" in html
    assert f'href="/plans/{joint_world["joint"].pk}/"' in html
    assert joint_world["joint"].coalition.name in html
    partner = client.get(f"/members/{joint_world['b'].jurisdiction.slug}/").content.decode()
    assert f'href="/plans/{joint_world["joint"].pk}/"' in partner


def test_a_draft_joint_plan_is_not_on_the_public_member_page(client, joint_world):
    draft = ActionPlanFactory(member=None, coalition=joint_world["joint"].coalition)
    html = client.get(f"/members/{joint_world['a'].jurisdiction.slug}/").content.decode()
    assert f'href="/plans/{draft.pk}/"' not in html
