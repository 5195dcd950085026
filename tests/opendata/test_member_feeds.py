"""A member's Atom feeds of each kind (issue 22: "Atom feeds of new plans, updates, assessments and
status changes, overall and per member"): /data/feed/members/<slug>/<kind>/ lists only that
member's entries, its coalitions' joint plans' included, never a draft's or an unpublished one."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from tests.factories import (
    ActionPlanFactory,
    CoalitionFactory,
    CoalitionMembershipFactory,
    CommitmentFactory,
    MonitoringBodyFactory,
)
from tests.opendata import records

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
KINDS = ("plans", "updates", "assessments", "status-changes")


def _keys(response) -> set[str]:
    """The entries' keys (plan-…, update-…, assessment-…, status-…) from their Atom ids."""
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return {
        entry.find(f"{ATOM}id").text.rpartition(":")[2] for entry in root.findall(f"{ATOM}entry")
    }


def _feed(member, kind: str) -> str:
    return f"/data/feed/members/{member.jurisdiction.slug}/{kind}/"


@pytest.fixture
def world():
    """Members A and B in a coalition: A's own submitted plan, their submitted joint plan, B's own
    plan and A's draft plan, each with a filed tracker update; published assessments of the first
    three, and a draft and an open-for-comments one of A's; a status change of each member."""
    coalition = CoalitionFactory()
    a = CoalitionMembershipFactory(coalition=coalition).member
    b = CoalitionMembershipFactory(coalition=coalition).member
    own = ActionPlanFactory(member=a, submitted=True)
    joint = ActionPlanFactory(
        member=None,
        coalition=coalition,
        submitted=True,
        monitoring_body=MonitoringBodyFactory(country=coalition.country),
    )
    others = ActionPlanFactory(member=b, submitted=True)
    draft = ActionPlanFactory(member=a)
    plans = {"own": own, "joint": joint, "others": others, "draft": draft}
    updates = {
        name: records.tracker_update(CommitmentFactory(plan=plan), narrative=f"Update of {name}")
        for name, plan in plans.items()
    }
    assessments = {
        name: records.published_assessment(plans[name]) for name in plans if name != "draft"
    }
    assessments["unpublished"] = records.draft_assessment(own, kind="final_learning")
    assessments["commenting"] = records.draft_assessment(
        own,
        kind="end_of_commitment",
        commitment=updates["own"].update.commitment,
        state="comment_period",
        comment_period_opened_on=date(2025, 3, 1),
        comment_period_ends_on=date(2025, 3, 20),
    )
    changes = {"a": records.status_change(a), "b": records.status_change(b)}
    return {
        "a": a,
        "b": b,
        "plans": plans,
        "updates": updates,
        "assessments": assessments,
        "changes": changes,
    }


def _update_key(version) -> str:
    return f"update-{version.update_id}-v{version.number}"


def test_a_members_updates_feed_holds_its_own_and_its_joint_plans_updates_only(client, world):
    keys = _keys(client.get(_feed(world["a"], "updates")))
    assert keys == {_update_key(world["updates"][name]) for name in ("own", "joint")}


def test_a_coalition_partners_updates_feed_holds_the_joint_plans_update_too(client, world):
    keys = _keys(client.get(_feed(world["b"], "updates")))
    assert keys == {_update_key(world["updates"][name]) for name in ("joint", "others")}


def test_a_members_assessments_feed_holds_its_published_ones_joint_included(client, world):
    keys = _keys(client.get(_feed(world["a"], "assessments")))
    assert keys == {f"assessment-{world['assessments'][name].pk}" for name in ("own", "joint")}


def test_a_members_status_feed_holds_its_own_changes_only(client, world):
    keys = _keys(client.get(_feed(world["a"], "status-changes")))
    assert keys == {f"status-{world['changes']['a'].pk}"}


def test_a_members_plans_feed_holds_its_submitted_plans_joint_included(client, world):
    keys = _keys(client.get(_feed(world["a"], "plans")))
    plans = world["plans"]
    assert keys == {f"plan-{plans[name].pk}-v{plans[name].version}" for name in ("own", "joint")}


def test_a_kinds_feed_is_that_kinds_part_of_the_members_whole_feed(client, world):
    everything = _keys(client.get(f"/data/feed/members/{world['a'].jurisdiction.slug}/"))
    parts = [_keys(client.get(_feed(world["a"], kind))) for kind in KINDS]
    assert set().union(*parts) == everything
    assert sum(len(part) for part in parts) == len(everything)


def test_a_members_kind_feed_is_titled_with_the_kind_and_the_member(client, world):
    root = ET.fromstring(client.get(_feed(world["a"], "assessments")).content)
    assert root.find(f"{ATOM}title").text == f"OGP Local: Published assessments, {world['a'].name}"


@pytest.mark.parametrize("kind", KINDS)
def test_an_unknown_members_kind_feed_answers_404(client, kind):
    assert client.get(f"/data/feed/members/nowhere-at-all/{kind}/").status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_a_post_to_a_members_kind_feed_is_refused(client, world, kind):
    assert client.post(_feed(world["a"], kind)).status_code == 405


@pytest.mark.parametrize("kind", KINDS)
def test_a_members_kind_feed_query_count_does_not_grow(
    client, world, assert_page_query_budget, kind
):
    member, coalition = world["a"], world["plans"]["joint"].coalition

    def add_rows():
        for quarter in (date(2025, 4, 1), date(2025, 7, 1)):
            for plan in (
                ActionPlanFactory(member=member, submitted=True),
                ActionPlanFactory(
                    member=None,
                    coalition=coalition,
                    submitted=True,
                    monitoring_body=MonitoringBodyFactory(country=coalition.country),
                ),
            ):
                records.tracker_update(CommitmentFactory(plan=plan), quarter=quarter)
                records.published_assessment(plan)
            records.status_change(member, effective_on=quarter)

    assert_page_query_budget(client, _feed(member, kind), 2, add_rows=add_rows)  # member, entries


def test_the_member_page_lists_each_of_its_feeds(client, world):
    member = world["a"]
    html = client.get(f"/members/{member.jurisdiction.slug}/").content.decode()
    for url in (
        f"/data/feed/members/{member.jurisdiction.slug}/",
        *(_feed(member, k) for k in KINDS),
    ):
        assert f'href="{url}" type="application/atom+xml"' in html
