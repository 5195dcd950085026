"""`tracker.facts` hands the engine exactly the facts filed: public scenarios (RULES.md §5) are
filed into the database through the plan and commitment services, and the facts read back equal
the scenario's member, plans and commitments (the parts of a scenario the portal records today);
tracker updates and voluntary periods are filed through the tracker's services
(`tracker.scenario_filing`), and the progress derived from what was filed equals the scenario's.
"""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actionplans.models import ActionPlan
from actionplans.services import (
    PLAN_PARTS,
    add_endorsement,
    save_plan_part,
    start_plan,
    submit_plan,
)
from actionplans.services_cocreation import record_meeting
from commitments.services import add_commitment, add_milestone
from members.models import JurisdictionTerm
from tests.actionplans.test_actionplans_services import VISION
from tests.factories import (
    ActionPlanFactory,
    CoalitionFactory,
    CoalitionMembershipFactory,
    CommitmentFactory,
    JurisdictionFactory,
    MeetingFactory,
    MemberFactory,
    MonitoringBodyFactory,
    UserFactory,
)
from tracker import engine, scenario
from tracker.facts import facts_for_member, facts_for_members
from tracker.scenario_filing import file_updates, file_voluntary_periods, milestones_needed

pytestmark = pytest.mark.django_db

SCENARIOS = sorted(
    path
    for path in (Path(__file__).resolve().parents[3] / "shared" / "scenarios").glob("0*.json")
    if not path.name.endswith(".expected.json")
)


def file_scenario(facts: engine.Facts):
    """The scenario's member, plans and commitments, filed as a point of contact would; returns
    the member and the scenario id → database id of each plan and commitment."""
    info = facts.member
    member = MemberFactory(
        jurisdiction=JurisdictionFactory(term_ends_on=False),
        joined_on=info.joined_on,
        first_plan_due_on=info.first_plan_due_on,
        extension_until=info.extension_until,
        extension_reason="Co-creation began." if info.extension_until else "",
    )
    if info.term_ends_on is not None:
        JurisdictionTerm.objects.create(
            jurisdiction=member.jurisdiction,
            ends_on=info.term_ends_on,
            recorded_on=info.joined_on,
            reason="Electoral calendar.",
        )
    actor = UserFactory()
    body = MonitoringBodyFactory()
    ids = {}
    commitment_rows = {}
    milestones = milestones_needed(facts.updates)
    for plan_facts in facts.plans:
        plan = start_plan(
            member,
            actor=actor,
            starts_on=plan_facts.starts_on,
            ends_on=plan_facts.ends_on,
            as_of=plan_facts.submitted_on,
        )
        for part in ("foreword", "e", "f", "g"):
            values = {name: VISION[name] for name in PLAN_PARTS[part] if name in VISION}
            save_plan_part(plan, part, {**values, "monitoring_body": body}, actor=actor)
        save_plan_part(plan, "documents", {"declared_english": True}, actor=actor)
        add_endorsement(plan, actor=actor, organization_name="Civic Forum")
        for commitment_facts in facts.commitments:
            if commitment_facts.plan != plan_facts.id:
                continue
            commitment = add_commitment(
                plan,
                {
                    "title": f"Commitment {commitment_facts.id}",
                    "starts_on": commitment_facts.starts_on,
                    "ends_on": commitment_facts.ends_on,
                    "lead_agency": "Finance",
                    "lead_contact_name": "Jo Smith",
                    "problem": "A problem.",
                    "status_quo": "The status quo.",
                    "action": "An action.",
                    "contribution": "A contribution.",
                    "policy_areas": ["open_data"],
                    "sectors": ["public_services"],
                },
                actor=actor,
                as_of=plan_facts.submitted_on,
            )
            ids[commitment_facts.id] = str(commitment.pk)
            commitment_rows[commitment_facts.id] = commitment
            for _number in range(milestones[commitment_facts.id]):
                add_milestone(
                    commitment,
                    {
                        "output": "An output.",
                        "starts_on": commitment_facts.starts_on,
                        "ends_on": commitment_facts.ends_on,
                        "responsible_agency": "Finance",
                    },
                    actor=actor,
                )
        submit_plan(plan, actor=actor, as_of=plan_facts.submitted_on)
        ids[plan_facts.id] = str(plan.pk)
    # Meetings are recorded on a plan; a scenario's meetings go on its first plan.
    first_plan = next(iter(facts.plans), None)
    for meeting in facts.meetings if first_plan is not None else ():
        record_meeting(
            ActionPlan.objects.get(pk=ids[first_plan.id]),
            actor=actor,
            as_of=meeting.held_on,
            held_on=meeting.held_on,
            kind=meeting.kind,
            forum="Open government forum",
            government_organizations="Department of Finance",
            government_count=2,
            non_governmental_organizations="Civic Forum",
            non_governmental_count=3,
        )
    # Updates and voluntary periods through the tracker's services (H3, issue 21).
    file_updates(facts.updates, commitment_rows, actor=actor)
    file_voluntary_periods(
        member, facts.voluntary_periods, requester=actor, staff=UserFactory(staff=True)
    )
    # A completion is recorded by an update marking the commitment complete; the scenarios
    # complete commitments without one, so the date is set as filed.
    for commitment_facts in facts.commitments:
        if commitment_facts.completed_on is not None:
            from commitments.models import Commitment

            Commitment.objects.filter(pk=ids[commitment_facts.id]).update(
                completed_on=commitment_facts.completed_on
            )
    return member, ids


def renamed(facts: engine.Facts, ids: dict[str, str]) -> engine.Facts:
    """The scenario's member, plans and commitments with the database's ids."""
    return engine.Facts(
        member=facts.member,
        plans=tuple(replace(plan, id=ids[plan.id]) for plan in facts.plans),
        commitments=tuple(
            replace(commitment, id=ids[commitment.id], plan=ids[commitment.plan])
            for commitment in facts.commitments
        ),
        updates=tuple(
            replace(update, commitment=ids[update.commitment]) for update in facts.updates
        ),
    )


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda path: path.stem)
def test_facts_hand_the_engine_the_scenario_as_filed(path):
    facts, as_of = scenario.loads(path.read_text())
    member, ids = file_scenario(facts)

    from_database = facts_for_member(member, as_of=as_of)

    expected = renamed(facts, ids)
    assert from_database.member == expected.member
    assert sorted(from_database.plans, key=str) == sorted(expected.plans, key=str)
    assert sorted(from_database.commitments, key=str) == sorted(expected.commitments, key=str)
    if facts.plans:
        assert sorted(from_database.meetings, key=str) == sorted(facts.meetings, key=str)
    assert sorted(from_database.updates, key=str) == sorted(expected.updates, key=str)
    assert sorted(from_database.voluntary_periods, key=str) == sorted(
        facts.voluntary_periods, key=str
    )


def test_records_not_kept_yet_are_handed_over_empty():
    plan = ActionPlanFactory(submitted=True)
    facts = facts_for_member(plan.member, as_of=date(2025, 6, 1))
    assert (
        facts.findings,
        facts.assessments,
    ) == ((), ())


def test_meetings_of_draft_and_submitted_plans_count_but_withdrawn_ones_do_not():
    draft = ActionPlanFactory()
    MeetingFactory(plan=draft, held_on=date(2024, 11, 5), kind="co_creation")
    MeetingFactory(
        plan=draft,
        held_on=date(2024, 11, 6),
        withdrawn_at=timezone.now(),
        withdrawn_reason="Recorded twice.",
    )
    facts = facts_for_member(draft.member, as_of=date(2025, 6, 1))
    assert facts.meetings == (engine.Meeting(held_on=date(2024, 11, 5), kind="co_creation"),)


def test_a_removed_commitment_is_handed_over_as_closed_on_its_removal_day():
    plan = ActionPlanFactory(submitted=True)
    CommitmentFactory(plan=plan, removed_on=date(2025, 3, 1))
    (commitment,) = facts_for_member(plan.member, as_of=date(2025, 6, 1)).commitments
    assert commitment.completed_on == date(2025, 3, 1)


def test_draft_plans_and_unsubmitted_commitments_are_not_facts():
    draft = ActionPlanFactory()
    CommitmentFactory(plan=draft)
    facts = facts_for_member(draft.member, as_of=date(2025, 6, 1))
    assert facts.plans == () and facts.commitments == ()


def test_the_term_in_force_on_the_date_is_handed_over():
    member = MemberFactory(jurisdiction=JurisdictionFactory(term_ends_on=date(2027, 12, 31)))
    JurisdictionTerm.objects.create(
        jurisdiction=member.jurisdiction,
        ends_on=date(2029, 12, 31),
        recorded_on=date(2026, 1, 1),
        reason="New term.",
    )
    assert facts_for_member(member, as_of=date(2025, 6, 1)).member.term_ends_on == date(
        2027, 12, 31
    )
    assert facts_for_member(member, as_of=date(2026, 6, 1)).member.term_ends_on == date(
        2029, 12, 31
    )


def test_joint_plan_counts_for_each_member_with_its_own_and_joint_commitments():
    coalition = CoalitionFactory()
    first, second = CoalitionMembershipFactory.create_batch(2, coalition=coalition)
    plan = ActionPlanFactory(
        member=None, coalition=coalition, submitted=True, monitoring_body=MonitoringBodyFactory()
    )
    joint = CommitmentFactory(plan=plan)
    own = CommitmentFactory(plan=plan, jurisdiction=first.member.jurisdiction)
    facts = facts_for_members([first.member.pk, second.member.pk], as_of=date(2025, 6, 1))
    assert [p.id for p in facts[second.member.pk].plans] == [str(plan.pk)]
    assert {c.id for c in facts[first.member.pk].commitments} == {str(joint.pk), str(own.pk)}
    assert {c.id for c in facts[second.member.pk].commitments} == {str(joint.pk)}


def test_query_count_does_not_grow_with_members():
    def count(member_ids):
        with CaptureQueriesContext(connection) as queries:
            facts_for_members(member_ids, as_of=date(2025, 6, 1))
        return len(queries)

    one = [CommitmentFactory(plan=ActionPlanFactory(submitted=True)).plan.member_id]
    many = [
        CommitmentFactory(plan=ActionPlanFactory(submitted=True)).plan.member_id for _ in range(6)
    ]
    assert count(one) == count(one + many) == 10
