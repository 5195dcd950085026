"""The engine's input from the database: `tracker.engine.Facts` for many members at once, in a
constant number of queries (STYLE.md: "a separate `tracker/facts.py` turns the database into the
engine's input").

What is read, as filed:
- the member's dates (`joined_on`, `first_plan_due_on`, `extension_until`) and the end of its
  jurisdiction's term from the `JurisdictionTerm` record in force on `as_of`;
- its submitted action plans (drafts are not facts; a joint plan of a coalition counts for each
  of the coalition's members, LH §3.4);
- the commitments of those plans that have a `submitted_on` (for a joint plan: those of the
  member's own jurisdiction and the joint ones). A commitment a change notice removed
  (LH §3.2.1.3) is handed over as completed on its removal day: from then on it is no longer open
  (docs/engine-decisions.md);
- the co-creation and implementation meetings recorded on any of the member's plans, drafts
  included (co-creation happens before submission), except withdrawn ones;
- the monitoring body's assessments of those plans and commitments (LH §3.5): each assessment
  counts once, from the day its first version was published (`submitted_on`); drafts, versions in
  their comment period and later corrections add nothing (a correction does not move the day the
  filing was done);
- the Support Unit's requirement findings about the member, in the order recorded (of several on
  one day, the last recorded is the latest, RULES.md §2);
- the tracker updates of those commitments as filed by `as_of`: each version filed within its
  update's quarter on its day with its derived progress; a correction filed after the quarter
  rewrites the progress of the quarter's last filing, never counting for the quarter it was filed
  in (docs/engine-decisions.md);
- the voluntary-inactivity periods granted on or before `as_of` (`granted_on`, RULES.md §6),
  each until the latest end recorded on or before `as_of` if one was (H2), and
  the first-plan extension only once granted (`extension_granted_on`; empty: known from the
  start).

Ids given to the engine are the database primary keys as strings (`"12"`), plans and commitments
each in their own space, as the engine's scenario format allows.

Queries, whatever the number of members: members with their jurisdictions (1), term records (1),
coalition memberships (1), plans (1), commitments (1), meetings (1), assessments (1),
findings (1), tracker update versions (1), granted voluntary periods (1).
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import Exists, OuterRef, Q, Subquery

from actionplans.models import ActionPlan, Meeting, PlanState
from commitments.models import Commitment
from members.models import CoalitionMembership, ExtensionGrant, JurisdictionTerm, Member
from monitoring.models import Assessment, AssessmentState, RequirementFinding
from tracker import engine
from tracker.models import (
    TrackerUpdateVersion,
    VoluntaryInactivity,
    VoluntaryInactivityEnd,
    VoluntaryState,
)

_MEMBER_FIELDS = (
    "pk",
    "jurisdiction_id",
    "joined_on",
    "first_plan_due_on",
    "extension_until",
    "extension_granted_on",
    "extension_history",
    "extension_known_until",
)


def facts_for_members(member_ids: Iterable[int], *, as_of: date) -> dict[int, engine.Facts]:
    """The engine's facts of each member in `member_ids`, by member id, as known on `as_of`
    (records dated after `as_of` are left to the engine, which ignores facts not yet known)."""
    # Rows, not model instances (H2): building thousands of instances was a third of a run.
    members = list(
        Member.objects.filter(pk__in=list(member_ids))
        .annotate(**_extension_annotations(as_of))
        .values_list(*_MEMBER_FIELDS, named=True)
    )
    if not members:
        return {}
    ids = [member.pk for member in members]

    # The term in force on `as_of`: the latest record on or before it (members.selectors.term_on).
    term_ends: dict[int, date] = {}
    for term in JurisdictionTerm.objects.filter(
        jurisdiction_id__in={member.jurisdiction_id for member in members},
        recorded_on__lte=as_of,
    ).order_by("jurisdiction_id", "recorded_on", "pk"):
        term_ends[term.jurisdiction_id] = term.ends_on

    coalitions_of: dict[int, set[int]] = defaultdict(set)
    for membership in CoalitionMembership.objects.filter(member_id__in=ids).only(
        "coalition_id", "member_id"
    ):
        coalitions_of[membership.member_id].add(membership.coalition_id)
    coalition_ids = {coalition for coalitions in coalitions_of.values() for coalition in coalitions}

    plans = list(
        ActionPlan.objects.filter(state=PlanState.SUBMITTED)
        .filter(Q(member_id__in=ids) | Q(coalition_id__in=coalition_ids))
        .order_by("submitted_on", "pk")
        .values_list(
            "pk", "member_id", "coalition_id", "submitted_on", "starts_on", "ends_on", named=True
        )
    )
    commitments = list(
        Commitment.objects.filter(plan__in=[plan.pk for plan in plans], submitted_on__isnull=False)
        .order_by("submitted_on", "pk")
        .values_list(
            "pk",
            "plan_id",
            "jurisdiction_id",
            "submitted_on",
            "starts_on",
            "ends_on",
            "completed_on",
            "removed_on",
            named=True,
        )
    )
    meetings = list(
        Meeting.objects.filter(withdrawn_at__isnull=True)
        .filter(Q(plan__member_id__in=ids) | Q(plan__coalition_id__in=coalition_ids))
        .values("held_on", "kind", "plan__member_id", "plan__coalition_id")
        .order_by("held_on", "pk")
    )
    assessments_of_plan = _assessments_by_plan([plan.pk for plan in plans])
    findings_of_member: dict[int, list[engine.RequirementFinding]] = defaultdict(list)
    for finding in (
        RequirementFinding.objects.filter(member_id__in=ids)
        .values("member_id", "recorded_on", "met")
        .order_by("recorded_on", "pk")
    ):
        findings_of_member[finding["member_id"]].append(
            engine.RequirementFinding(recorded_on=finding["recorded_on"], met=finding["met"])
        )
    commitments_of_plan: dict[int, list[Commitment]] = defaultdict(list)
    for commitment in commitments:
        commitments_of_plan[commitment.plan_id].append(commitment)
    updates_of = _updates_by_commitment([c.pk for c in commitments], as_of=as_of)
    voluntary_of = _voluntary_periods_by_member(ids, as_of=as_of)

    # Indexed by member and by coalition (H2): each member reads only its own rows, so a chunk's
    # facts take time in proportion to its rows, not to members times rows.
    plans_of_member: dict[int, list[tuple[int, ActionPlan]]] = defaultdict(list)
    plans_of_coalition: dict[int, list[tuple[int, ActionPlan]]] = defaultdict(list)
    for position, plan in enumerate(plans):
        if plan.member_id is not None:
            plans_of_member[plan.member_id].append((position, plan))
        if plan.coalition_id is not None:
            plans_of_coalition[plan.coalition_id].append((position, plan))
    meetings_of_member: dict[int, list[tuple[int, dict]]] = defaultdict(list)
    meetings_of_coalition: dict[int, list[tuple[int, dict]]] = defaultdict(list)
    for position, meeting in enumerate(meetings):
        if meeting["plan__member_id"] is not None:
            meetings_of_member[meeting["plan__member_id"]].append((position, meeting))
        if meeting["plan__coalition_id"] is not None:
            meetings_of_coalition[meeting["plan__coalition_id"]].append((position, meeting))

    facts = {}
    for member in members:
        own_plans = _own_rows(
            plans_of_member, plans_of_coalition, member.pk, coalitions_of[member.pk]
        )
        own_meetings = _own_rows(
            meetings_of_member, meetings_of_coalition, member.pk, coalitions_of[member.pk]
        )
        own_commitments = [
            commitment
            for plan in own_plans
            for commitment in commitments_of_plan[plan.pk]
            if commitment.jurisdiction_id in (None, member.jurisdiction_id)
        ]
        own_commitment_ids = {str(commitment.pk) for commitment in own_commitments}
        facts[member.pk] = engine.Facts(
            member=engine.MemberInfo(
                joined_on=member.joined_on,
                first_plan_due_on=member.first_plan_due_on,
                term_ends_on=term_ends.get(member.jurisdiction_id),
                extension_until=_extension_known(member, as_of),
            ),
            plans=tuple(
                engine.Plan(
                    id=str(plan.pk),
                    submitted_on=plan.submitted_on,
                    starts_on=plan.starts_on,
                    ends_on=plan.ends_on,
                )
                for plan in own_plans
            ),
            commitments=tuple(
                engine.Commitment(
                    id=str(commitment.pk),
                    plan=str(commitment.plan_id),
                    submitted_on=commitment.submitted_on,
                    starts_on=commitment.starts_on,
                    ends_on=commitment.ends_on,
                    completed_on=_closed_on(commitment),
                )
                for commitment in own_commitments
            ),
            updates=tuple(
                update
                for commitment in own_commitments
                for update in updates_of.get(commitment.pk, ())
            ),
            meetings=tuple(
                engine.Meeting(held_on=meeting["held_on"], kind=meeting["kind"])
                for meeting in own_meetings
            ),
            voluntary_periods=voluntary_of.get(member.pk, ()),
            findings=tuple(findings_of_member[member.pk]),
            # Of a joint plan, the member's own and the joint commitments' assessments.
            assessments=tuple(
                assessment
                for plan in own_plans
                for assessment in assessments_of_plan[plan.pk]
                if assessment.commitment is None or assessment.commitment in own_commitment_ids
            ),
        )
    return facts


def _own_rows(of_member: dict, of_coalition: dict, member_id: int, coalitions: set[int]) -> list:
    """The member's rows and its coalitions' rows, in the order they were read. Each index holds
    (position in the query's order, row); a row of both the member and a coalition counts once."""
    found = dict(of_member.get(member_id, ()))
    for coalition in coalitions:
        found.update(of_coalition.get(coalition, ()))
    return [row for _position, row in sorted(found.items(), key=lambda item: item[0])]


def _assessments_by_plan(plan_ids: list[int]) -> dict[int, list[engine.Assessment]]:
    """Each assessment of the plans once, dated by the publication of its first version (one
    query; version 1 of a chain is published before any correction of it exists)."""
    by_plan: dict[int, list[engine.Assessment]] = defaultdict(list)
    for row in (
        Assessment.objects.filter(plan_id__in=plan_ids, version=1, state=AssessmentState.PUBLISHED)
        .values("plan_id", "commitment_id", "kind", "published_on")
        .order_by("published_on", "pk")
    ):
        commitment_id = row["commitment_id"]
        by_plan[row["plan_id"]].append(
            engine.Assessment(
                kind=row["kind"],
                submitted_on=row["published_on"],
                plan=None if commitment_id is not None else str(row["plan_id"]),
                commitment=None if commitment_id is None else str(commitment_id),
            )
        )
    return by_plan


# --- H3: tracker updates, voluntary inactivity, the extension (issue 21) -------------------------


def _updates_by_commitment(
    commitment_ids: list[int], *, as_of: date
) -> dict[int, list[engine.TrackerUpdate]]:
    """The updates of the commitments as filed by `as_of` (docs/engine-decisions.md): each
    version filed within the update's own quarter is a filing of that quarter, on its day, with
    its derived progress; a correction filed after the quarter ended rewrites the progress of the
    quarter's last filing (it is not an update of the quarter it was filed in)."""
    versions_of: dict[int, list[dict]] = defaultdict(list)
    for version in (
        TrackerUpdateVersion.objects.filter(
            update__commitment_id__in=commitment_ids, filed_on__lte=as_of
        )
        .values(
            "update_id",
            "update__commitment_id",
            "update__quarter_starts_on",
            "filed_on",
            "progress",
        )
        .order_by("update_id", "number")
    ):
        versions_of[version["update_id"]].append(version)
    filings: list[tuple[date, int, int, bool]] = []
    for update_id, versions in versions_of.items():
        quarter = engine.quarter_of(versions[0]["update__quarter_starts_on"])
        in_quarter = [v for v in versions if engine.quarter_of(v["filed_on"]) == quarter]
        progress = [v["progress"] for v in in_quarter]
        if len(in_quarter) < len(versions):  # a late correction: the latest one counts
            progress[-1] = versions[-1]["progress"]
        commitment_id = versions[0]["update__commitment_id"]
        for version, recorded in zip(in_quarter, progress, strict=True):
            filings.append((version["filed_on"], update_id, commitment_id, recorded))
    updates: dict[int, list[engine.TrackerUpdate]] = defaultdict(list)
    for filed_on, _update_id, commitment_id, recorded in sorted(filings):
        updates[commitment_id].append(
            engine.TrackerUpdate(
                commitment=str(commitment_id), submitted_on=filed_on, progress=recorded
            )
        )
    return updates


def _voluntary_periods_by_member(
    member_ids: list[int], *, as_of: date
) -> dict[int, tuple[engine.VoluntaryPeriod, ...]]:
    """The periods the Support Unit granted on or before `as_of` (RULES.md §6)."""
    # H2: a period ended since its grant ends on the latest end recorded on or before `as_of`
    # (tracker.VoluntaryInactivityEnd; the period keeps the dates it was granted with).
    ended_on = (
        VoluntaryInactivityEnd.objects.filter(period=OuterRef("pk"), recorded_on__lte=as_of)
        .order_by("-recorded_on", "-pk")
        .values("ends_on")[:1]
    )
    periods: dict[int, list[engine.VoluntaryPeriod]] = defaultdict(list)
    for period in (
        VoluntaryInactivity.objects.filter(
            member_id__in=member_ids, state=VoluntaryState.GRANTED, granted_on__lte=as_of
        )
        .annotate(ended_on=Subquery(ended_on))
        .values("member_id", "starts_on", "ends_on", "ended_on")
        .order_by("starts_on", "pk")
    ):
        periods[period["member_id"]].append(
            engine.VoluntaryPeriod(
                starts_on=period["starts_on"], ends_on=period["ended_on"] or period["ends_on"]
            )
        )
    return {member_id: tuple(found) for member_id, found in periods.items()}


def _extension_annotations(as_of: date) -> dict:
    """From the history of extensions (members.ExtensionGrant, H2): whether the member has one,
    and the latest granted on or before `as_of` (empty `granted_on`: known from the start)."""
    grants = ExtensionGrant.objects.filter(member=OuterRef("pk"))
    known = grants.filter(Q(granted_on__isnull=True) | Q(granted_on__lte=as_of)).order_by("-pk")
    return {
        "extension_history": Exists(grants),
        "extension_known_until": Subquery(known.values("until")[:1]),
    }


def _extension_known(member: Member, as_of: date) -> date | None:
    """The extension in force as the portal knew it on `as_of`: the latest grant made by then
    (RULES.md §6). A member without a history of grants (one built directly, as the scenario
    loader does) is read from its own fields: its extension once granted (`extension_granted_on`
    empty: known from the start)."""
    if getattr(member, "extension_history", False):
        return member.extension_known_until
    granted_on = member.extension_granted_on
    if granted_on is not None and granted_on > as_of:
        return None
    return member.extension_until


def _closed_on(commitment: Commitment) -> date | None:
    """When the commitment stopped being open: completed, or removed by a change notice."""
    days = [day for day in (commitment.completed_on, commitment.removed_on) if day is not None]
    return min(days) if days else None


def facts_for_member(member: Member, *, as_of: date) -> engine.Facts:
    return facts_for_members([member.pk], as_of=as_of)[member.pk]
