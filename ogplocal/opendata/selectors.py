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


# --- tracker updates, assessments, status changes (issues 20 and 21) ---------------------------


def public_update_versions():
    """Every filed version of every tracker update on a commitment of a submitted plan: a
    correction is a new version with its reason, and the history is public (STYLE.md rule 5)."""
    from tracker.models_updates import TrackerUpdateVersion

    return (
        TrackerUpdateVersion.objects.filter(update__commitment__plan__state=PlanState.SUBMITTED)
        .select_related("update__commitment__plan__member__jurisdiction")
        .order_by("update__commitment_id", "update__quarter_starts_on", "update_id", "number")
    )


def public_assessments():
    """Published assessments only: never a draft, never one in its comment period."""
    from monitoring.models import Assessment, AssessmentState

    return (
        Assessment.objects.filter(state=AssessmentState.PUBLISHED, plan__state=PlanState.SUBMITTED)
        .select_related("plan__member__jurisdiction", "plan__coalition", "body", "commitment")
        .order_by("plan_id", "published_on", "pk")
    )


def public_status_changes():
    """The statuses the portal announced for each member, from the daily job (RULES.md §6)."""
    from tracker.status_models import StatusChange

    return StatusChange.objects.select_related("member__jurisdiction").order_by(
        "member_id", "effective_on"
    )


# --- one member's rows of each table (issue 22: a member page offers its own open data) --------

# table -> the path from its rows to the plan they belong to ("" for plans themselves); members and
# status changes belong to the member directly.
_PLAN_PATHS = {
    "plans": "",
    "commitments": "plan__",
    "milestones": "commitment__plan__",
    "updates": "update__commitment__plan__",
    "assessments": "plan__",
}


def member_rows(table_name: str, rows: QuerySet, member: Member) -> QuerySet:
    """`rows` (a public table's queryset) narrowed to `member`'s: its own and its coalitions'
    joint plans with what hangs from them, its status changes, or its own row."""
    if table_name == "members":
        return rows.filter(pk=member.pk)
    if table_name == "status_changes":
        return rows.filter(member=member)
    path = _PLAN_PATHS[table_name]
    return rows.filter(
        Q(**{f"{path}member": member}) | Q(**{f"{path}coalition__memberships__member": member})
    ).distinct()


MEMBER_TABLES = ("members", *_PLAN_PATHS, "status_changes")

# table -> the field of its rows naming the commitment they belong to (a commitment's page and its
# tracker history offer exactly their rows; the end-of-commitment assessments for assessments).
_COMMITMENT_FIELDS = {
    "commitments": "pk",
    "milestones": "commitment_id",
    "updates": "update__commitment_id",
    "assessments": "commitment_id",
}
COMMITMENT_TABLES = tuple(_COMMITMENT_FIELDS)


def commitment_rows(table_name: str, rows: QuerySet, commitment) -> QuerySet:
    """`rows` (a public table's queryset) narrowed to `commitment`'s."""
    return rows.filter(**{_COMMITMENT_FIELDS[table_name]: commitment.pk})
