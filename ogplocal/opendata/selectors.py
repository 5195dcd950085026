"""What the public may read, in one place: the API, the open-data files and the feeds read only
through these querysets, so that a draft plan, an unpublished assessment or a contact's e-mail
address cannot leak through one of them and not the others.

Membership is public record (LH §1); a plan and its commitments and milestones are public once
submitted (LH §3.2; a draft is its authors' and the Support Unit's). Rows that appear later
(tracker updates, assessments, status changes) get their function here when their models land.
"""

from django.db.models import Count, Prefetch, Q, QuerySet

from actionplans.models import ActionPlan, PlanState
from commitments.models import Commitment, Milestone
from members.models import Member


def public_members() -> QuerySet[Member]:
    return Member.objects.select_related("jurisdiction__country").order_by(
        "jurisdiction__name", "pk"
    )


def public_plans() -> QuerySet[ActionPlan]:
    """Submitted plans, with their owner and how many commitments they hold (removed included)."""
    return (
        ActionPlan.objects.filter(state=PlanState.SUBMITTED)
        .select_related("member__jurisdiction", "coalition", "monitoring_body")
        .annotate(commitment_count=Count("commitments"))
        .order_by("-submitted_on", "-pk")
    )


def public_commitments() -> QuerySet[Commitment]:
    """Commitments of submitted plans; one a change removed stays, with its `removed_on`."""
    return (
        Commitment.objects.filter(plan__state=PlanState.SUBMITTED)
        .select_related("plan__member__jurisdiction", "plan__coalition", "jurisdiction")
        .order_by("plan_id", "number", "pk")
    )


def public_milestones() -> QuerySet[Milestone]:
    return (
        Milestone.objects.filter(commitment__plan__state=PlanState.SUBMITTED)
        .select_related("commitment__plan")
        .order_by("commitment_id", "number", "pk")
    )


def public_plans_of_member(member: Member) -> QuerySet[ActionPlan]:
    """The member's submitted plans, its own and its coalitions' joint ones."""
    return (
        public_plans()
        .filter(Q(member=member) | Q(coalition__memberships__member=member))
        .distinct()
    )


def public_commitments_with_milestones() -> QuerySet[Commitment]:
    return public_commitments().prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.order_by("number", "pk"))
    )
