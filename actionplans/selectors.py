"""Read paths for action plans: one place for their joins. Views load through these and check a
permission with `object_permission_required` (404 for what the user may not see)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404

from actionplans.models import (
    ActionPlan,
    Contribution,
    EndorsingStakeholder,
    Evidence,
    Meeting,
    PlanState,
)
from commitments.models import Commitment, Milestone
from members.models import Coalition, Member
from members.rules import POINT_OF_CONTACT
from members.selectors import member_by_slug
from ogplocal.accounts.roles import held
from ogplocal.accounts.rules import is_authenticated, is_support_unit


def _plans() -> QuerySet[ActionPlan]:
    return ActionPlan.objects.select_related(
        "member__jurisdiction__country",
        "coalition__coordinator",
        "monitoring_body",
        "term",
    )


def plan_for(*, plan_id: int, user) -> ActionPlan:
    """One plan with its owner; 404 if there is none (the permission decides who sees it)."""
    return get_object_or_404(_plans(), pk=plan_id)


def plan_page(*, plan_id: int, user) -> ActionPlan:
    """One plan for its page, its PDF and its filing: endorsements, commitments with their
    milestones, versions, in a fixed number of queries."""
    queryset = _plans().prefetch_related(
        "endorsements",
        Prefetch(
            "commitments",
            queryset=Commitment.objects.select_related("jurisdiction")
            .order_by("number")
            .prefetch_related(
                Prefetch("milestones", queryset=Milestone.objects.order_by("number"))
            ),
        ),
        "versions__submitted_by",
    )
    return get_object_or_404(queryset, pk=plan_id)


def endorsement_for(*, plan_id: int, endorsement_id: int, user) -> EndorsingStakeholder:
    return get_object_or_404(
        EndorsingStakeholder.objects.select_related("plan__member", "plan__coalition"),
        pk=endorsement_id,
        plan_id=plan_id,
    )


def member_for_new_plan(*, slug: str, user) -> Member:
    return member_by_slug(slug=slug, user=user)


def plans_of_member(member: Member, *, user) -> list[ActionPlan]:
    """The member's plans `user` may see: submitted ones, and drafts for their points of contact,
    their authors and staff. One query."""
    queryset = ActionPlan.objects.filter(member=member).select_related("member__jurisdiction")
    if not (is_support_unit(user) or member.pk in held(user, POINT_OF_CONTACT)):
        visible = Q(state=PlanState.SUBMITTED)
        if is_authenticated(user):
            visible |= Q(created_by=user)
        queryset = queryset.filter(visible)
    return list(queryset.order_by("-starts_on", "-pk"))


# --- co-creation record -------------------------------------------------------------------------


def plan_with_co_creation(*, plan_id: int, user) -> ActionPlan:
    """One plan with its meetings and contributions (three queries, whatever their number)."""
    return get_object_or_404(_plans().prefetch_related(*_co_creation_prefetches()), pk=plan_id)


def _co_creation_prefetches() -> tuple[Prefetch, Prefetch]:
    return (
        Prefetch("meetings", queryset=Meeting.objects.order_by("held_on", "pk")),
        Prefetch("contributions", queryset=Contribution.objects.order_by("received_on", "pk")),
    )


def plan_page_with_co_creation(*, plan_id: int, user) -> ActionPlan:
    """`plan_page` with the co-creation record: for the plan page and its submit page."""
    plan = plan_page(plan_id=plan_id, user=user)
    prefetch_related_objects([plan], *_co_creation_prefetches())
    return plan


def plan_detail_page(*, plan_id: int, user) -> ActionPlan:
    """`plan_page_with_co_creation` with the evidence repository: for the public plan page."""
    plan = plan_page_with_co_creation(plan_id=plan_id, user=user)
    prefetch_related_objects([plan], Prefetch("evidence", queryset=_evidence_queryset()))
    return plan


def meeting_for(*, plan_id: int, meeting_id: int, user):
    return get_object_or_404(
        Meeting.objects.select_related("plan__member", "plan__coalition"),
        pk=meeting_id,
        plan_id=plan_id,
    )


# --- evidence repository (LH Annexes 4 and 5) -------------------------------------------------


def _evidence_queryset():
    return Evidence.objects.select_related("commitment").order_by("-dated_on", "-pk")


def plan_with_evidence(*, plan_id: int, user) -> ActionPlan:
    """One plan with its commitments and every evidence record, versions included (three
    queries, whatever their number)."""
    queryset = _plans().prefetch_related(
        Prefetch("commitments", queryset=Commitment.objects.order_by("number")),
        Prefetch("evidence", queryset=_evidence_queryset()),
    )
    return get_object_or_404(queryset, pk=plan_id)


def evidence_for(*, plan_id: int, evidence_id: int, user) -> Evidence:
    return get_object_or_404(
        Evidence.objects.select_related(
            "plan__member__jurisdiction", "plan__coalition", "commitment"
        ),
        pk=evidence_id,
        plan_id=plan_id,
    )


def evidence_of_commitment(commitment: Commitment) -> list[Evidence]:
    """A commitment's evidence records, versions and withdrawals included. One query."""
    return list(_evidence_queryset().filter(commitment=commitment))


@dataclass(frozen=True)
class EvidenceFolder:
    """One folder of the repository (LH Annex 4: one per commitment and one for the process)."""

    commitment: Commitment | None
    current: tuple[Evidence, ...]
    earlier: tuple[Evidence, ...]  # replaced versions and withdrawn items, kept


@dataclass(frozen=True)
class EvidenceRepository:
    folders: tuple[EvidenceFolder, ...]
    last_updated_at: datetime | None

    @property
    def current_count(self) -> int:
        return sum(len(folder.current) for folder in self.folders)


def evidence_repository(
    evidence: list[Evidence], commitments: list[Commitment] | None = None
) -> EvidenceRepository:
    """Group loaded evidence into folders: the process first, then each commitment in order (a
    commitment without evidence still gets its folder when `commitments` is given). No query."""
    order: list[Commitment | None] = [None, *(commitments or [])]
    seen = {c.pk for c in order if c is not None}
    for item in evidence:
        if item.commitment_id is not None and item.commitment_id not in seen:
            order.append(item.commitment)
            seen.add(item.commitment_id)
    folders = []
    for commitment in order:
        key = commitment.pk if commitment is not None else None
        items = [item for item in evidence if item.commitment_id == key]
        folders.append(
            EvidenceFolder(
                commitment,
                tuple(item for item in items if item.is_current),
                tuple(item for item in items if not item.is_current),
            )
        )
    stamps = [item.last_updated_at for item in evidence]
    return EvidenceRepository(tuple(folders), max(stamps) if stamps else None)


# --- joint plans (LH §3.4) ----------------------------------------------------------------------


def coalition_for_new_plan(*, coalition_id: int, user) -> Coalition:
    """A coalition with its members, their jurisdictions and term records (a fixed number of
    queries), for starting a joint plan."""
    return get_object_or_404(
        Coalition.objects.select_related("country", "coordinator").prefetch_related(
            "memberships", "members__jurisdiction__terms"
        ),
        pk=coalition_id,
    )


def plans_of_coalition(coalition: Coalition, *, user) -> list[ActionPlan]:
    """The coalition's joint plans `user` may see: submitted ones, and drafts for its points of
    contact, its coordinator, their authors and staff. One query."""
    queryset = ActionPlan.objects.filter(coalition=coalition)
    member_ids = held(user, POINT_OF_CONTACT) if is_authenticated(user) else frozenset()
    insider = (
        is_support_unit(user)
        or (is_authenticated(user) and coalition.coordinator_id == user.pk)
        or (
            bool(member_ids) and any(m.member_id in member_ids for m in coalition.memberships.all())
        )
    )
    if not insider:
        visible = Q(state=PlanState.SUBMITTED)
        if is_authenticated(user):
            visible |= Q(created_by=user)
        queryset = queryset.filter(visible)
    return list(queryset.select_related("coalition").order_by("-starts_on", "-pk"))


def joint_plans_of_member(member: Member, *, user) -> list[ActionPlan]:
    """Joint plans covering `member`'s jurisdiction, for its page: submitted ones, and drafts for
    the member's points of contact and staff. One query."""
    queryset = ActionPlan.objects.filter(coalition__memberships__member=member).select_related(
        "coalition"
    )
    if not (is_support_unit(user) or member.pk in held(user, POINT_OF_CONTACT)):
        visible = Q(state=PlanState.SUBMITTED)
        if is_authenticated(user):
            visible |= Q(created_by=user) | Q(coordinator=user)
        queryset = queryset.filter(visible)
    return list(queryset.distinct().order_by("-starts_on", "-pk"))
