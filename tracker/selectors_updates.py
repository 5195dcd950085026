"""Read paths for tracker updates and voluntary inactivity (H3, issue 21).

Which quarters are tracked and when each update is due come only from the engine
(`engine.tracker_quarters`, fed by `tracker.facts`); nothing here does date arithmetic of its own.
"""

from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from actionplans.models import PlanState
from commitments.models import Commitment, Milestone
from members.models import CoalitionMembership, Member
from tracker import engine
from tracker.facts import facts_for_member
from tracker.models import (
    Evidence,
    TrackerUpdate,
    TrackerUpdateVersion,
    VoluntaryInactivity,
    VoluntaryInactivityEnd,
    VoluntaryState,
)


def _versions() -> Prefetch:
    return Prefetch(
        "versions",
        queryset=TrackerUpdateVersion.objects.order_by("-number")
        .select_related("filed_by")
        .prefetch_related("milestones", "evidence"),
    )


def commitment_for_update(*, commitment_id: int, user) -> Commitment:
    """A commitment with its plan and milestones, for the update form (404 if there is none)."""
    return get_object_or_404(
        Commitment.objects.select_related(
            "plan__member__jurisdiction", "plan__coalition"
        ).prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("number"))),
        pk=commitment_id,
    )


def commitment_with_updates(*, commitment_id: int, user) -> Commitment:
    """A commitment with every update (latest quarter first), each with its versions (latest
    first), their milestone states and evidence: five queries whatever their number."""
    return get_object_or_404(
        Commitment.objects.select_related(
            "plan__member__jurisdiction", "plan__coalition"
        ).prefetch_related(
            Prefetch(
                "tracker_updates",
                queryset=TrackerUpdate.objects.order_by("-quarter_starts_on").prefetch_related(
                    _versions()
                ),
            )
        ),
        pk=commitment_id,
    )


def with_comments(updates: list[TrackerUpdate]) -> list[TrackerUpdate]:
    """Attach each update's public comments (`prefetched_comments`, read by the comment section
    of `ogplocal.comments`) in one query, so the history page does not grow with its updates."""
    if not updates or not apps.is_installed("ogplocal.comments"):
        return updates
    from django.contrib.contenttypes.models import ContentType

    Comment = apps.get_model("comments", "Comment")
    by_update: dict[int, list] = {}
    for comment in (
        Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(TrackerUpdate),
            object_id__in=[update.pk for update in updates],
        )
        .select_related("reply")
        .order_by("created_at", "pk")
    ):
        by_update.setdefault(comment.object_id, []).append(comment)
    for update in updates:
        update.prefetched_comments = by_update.get(update.pk, [])
    return updates


def update_for(*, update_id: int, user) -> TrackerUpdate:
    return get_object_or_404(
        TrackerUpdate.objects.select_related(
            "commitment__plan__member__jurisdiction", "commitment__plan__coalition"
        ).prefetch_related(
            _versions(),
            Prefetch("commitment__milestones", queryset=Milestone.objects.order_by("number")),
        ),
        pk=update_id,
    )


def evidence_for(*, evidence_id: int, user) -> Evidence:
    return get_object_or_404(
        Evidence.objects.select_related(
            "version__update__commitment__plan__member",
            "version__update__commitment__plan__coalition",
        ),
        pk=evidence_id,
    )


def owner_member(commitment: Commitment) -> Member | None:
    """The member whose quarters an update of `commitment` counts for (the plan's member; of a
    joint plan, the commitment's jurisdiction's member, or the coalition's first member)."""
    plan = commitment.plan
    if plan.member_id is not None:
        return plan.member
    memberships = CoalitionMembership.objects.filter(coalition_id=plan.coalition_id).select_related(
        "member"
    )
    if commitment.jurisdiction_id is not None:
        memberships = memberships.filter(member__jurisdiction_id=commitment.jurisdiction_id)
    first = memberships.order_by("pk").first()
    return first.member if first else None


def current_quarter(member: Member | None, *, as_of: date) -> engine.TrackerQuarter | None:
    """The quarter of `as_of` as the engine sees it for `member` (tracked, due date, updates)."""
    if member is None or as_of < member.joined_on:
        return None
    facts = facts_for_member(member, as_of=as_of)
    return engine.tracker_quarters(facts, as_of)[-1]


@dataclass
class CommitmentRow:
    commitment: Commitment
    this_quarter: TrackerUpdate | None  # the update filed in the current quarter, if any
    updates: list[TrackerUpdate]  # of earlier quarters, latest first
    is_open: bool  # an update can be filed for it this quarter

    @property
    def total(self) -> int:
        return len(self.updates) + (self.this_quarter is not None)


@dataclass
class MemberTracker:
    """What the member page shows of the tracker: the quarters (latest first), the current one,
    each open commitment with this quarter's update and its history, and voluntary inactivity."""

    quarters: list[engine.TrackerQuarter]
    current: engine.TrackerQuarter | None
    commitments: list[CommitmentRow]
    voluntary: list[VoluntaryInactivity] = field(default_factory=list)

    @property
    def tracked_count(self) -> int:
        return sum(1 for quarter in self.quarters if quarter.tracked)

    @property
    def reported_count(self) -> int:
        return sum(1 for quarter in self.quarters if quarter.tracked and quarter.updated_on)


def member_commitments(member: Member) -> QuerySet[Commitment]:
    """The submitted commitments of the member's submitted plans (its own and its coalitions'
    joint plans, its own jurisdiction's and joint commitments), with their updates."""
    coalition_ids = CoalitionMembership.objects.filter(member=member).values("coalition_id")
    return (
        Commitment.objects.filter(plan__state=PlanState.SUBMITTED, submitted_on__isnull=False)
        .filter(Q(plan__member=member) | Q(plan__coalition_id__in=coalition_ids))
        .filter(Q(jurisdiction__isnull=True) | Q(jurisdiction_id=member.jurisdiction_id))
        .select_related("plan")
        .prefetch_related(
            Prefetch(
                "tracker_updates",
                queryset=TrackerUpdate.objects.order_by("-quarter_starts_on").prefetch_related(
                    Prefetch("versions", queryset=TrackerUpdateVersion.objects.order_by("-number"))
                ),
            )
        )
        .order_by("plan__starts_on", "plan_id", "number")
    )


def member_tracker(member: Member, *, user, as_of: date) -> MemberTracker:
    """The member page's tracker section, in a constant number of queries."""
    if as_of < member.joined_on:
        return MemberTracker(quarters=[], current=None, commitments=[])
    facts = facts_for_member(member, as_of=as_of)
    quarters = list(engine.tracker_quarters(facts, as_of))
    first_day = quarters[-1].starts_on
    rows = []
    for commitment in member_commitments(member):
        # Commitments of the plans being implemented this quarter; older ones keep their history
        # on their own pages.
        if commitment.submitted_on > as_of or commitment.plan.ends_on < first_day:
            continue
        updates = [u for u in commitment.tracker_updates.all() if u.submitted_on <= as_of]
        this_quarter = next((u for u in updates if u.quarter_starts_on == first_day), None)
        rows.append(
            CommitmentRow(
                commitment,
                this_quarter,
                [u for u in updates if u is not this_quarter],
                is_open=is_open_in_quarter(commitment, first_day, as_of),
            )
        )
    voluntary = []
    if user.has_perm("tracker.view_member_voluntary_inactivity", member):
        voluntary = list(
            VoluntaryInactivity.objects.filter(member=member)
            .annotate(**latest_end_annotations())
            .order_by("-requested_on", "-pk")
        )
        for period in voluntary:  # H2: still to end (granted, lasting beyond `as_of`)
            last_day = period.ended_on or period.ends_on
            period.endable = period.state == VoluntaryState.GRANTED and (
                last_day is None or last_day > as_of
            )
    return MemberTracker(
        quarters=list(reversed(quarters)),
        current=quarters[-1],
        commitments=rows,
        voluntary=voluntary,
    )


def is_open_in_quarter(commitment: Commitment, first_day: date, as_of: date) -> bool:
    """Whether an update can still be filed for `commitment` in the quarter starting `first_day`."""
    if commitment.plan.ends_on < first_day:
        return False
    if commitment.removed_on is not None and commitment.removed_on <= as_of:
        return False
    return commitment.completed_on is None or commitment.completed_on >= first_day


# --- voluntary inactivity -----------------------------------------------------------------------


def pending_requests() -> QuerySet[VoluntaryInactivity]:
    return (
        VoluntaryInactivity.objects.filter(state=VoluntaryState.PENDING)
        .select_related("member__jurisdiction", "requested_by")
        .order_by("requested_on", "pk")
    )


def decided_requests(limit: int = 50) -> QuerySet[VoluntaryInactivity]:
    return (
        VoluntaryInactivity.objects.exclude(state=VoluntaryState.PENDING)
        .select_related("member__jurisdiction", "decided_by")
        .annotate(**latest_end_annotations())
        .order_by("-decided_on", "-pk")[:limit]
    )


def voluntary_period_for(*, request_id: int, user) -> VoluntaryInactivity:
    """H2: a period with its recorded ends (to end it)."""
    return get_object_or_404(
        VoluntaryInactivity.objects.select_related(
            "member__jurisdiction", "requested_by", "decided_by"
        ).prefetch_related("ends__recorded_by"),
        pk=request_id,
    )


def latest_end_annotations() -> dict:
    """H2: the latest recorded end of each period (its last day and the day it was recorded),
    read with the periods in one query."""
    latest = VoluntaryInactivityEnd.objects.filter(period=OuterRef("pk")).order_by(
        "-recorded_on", "-pk"
    )
    return {
        "ended_on": Subquery(latest.values("ends_on")[:1]),
        "end_recorded_on": Subquery(latest.values("recorded_on")[:1]),
    }


def can_be_ended(voluntary: VoluntaryInactivity) -> bool:
    """H2: a granted period can be ended (the service checks the day given)."""
    return voluntary.state == VoluntaryState.GRANTED


def voluntary_request_for(*, request_id: int, user) -> VoluntaryInactivity:
    return get_object_or_404(
        VoluntaryInactivity.objects.select_related("member__jurisdiction", "requested_by"),
        pk=request_id,
    )
