"""Read paths for monitoring bodies, their reviewers, assessments and findings.

Views load objects through these and check a permission with `object_permission_required`
(404 for what the user may not see). Lists are scoped here: a reviewer's list holds only the plans
of the bodies they review for.

Due dates come only from the engine (`tracker.engine.evaluate` on `tracker.facts`):
`due_assessments` reads the engine's deadlines for the three assessments and puts the assessment
filed next to each.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from actionplans.models import ActionPlan, Contribution, Meeting, PlanState
from actionplans.models_evidence import Evidence
from commitments.models import Commitment, Milestone
from members.models import Member
from members.rules import is_point_of_contact_of_member
from members.selectors import member_by_slug
from monitoring.models import (
    Assessment,
    AssessmentComment,
    AssessmentEvidence,
    AssessmentKind,
    AssessmentState,
    CommentInvitation,
    CommitmentRating,
    MonitoringBodyReviewer,
    RequirementFinding,
    ReviewerIntroduction,
    TrainedReviewer,
)
from monitoring.rules import REVIEWER
from ogplocal.accounts.roles import held
from ogplocal.accounts.rules import is_support_unit
from tracker import engine
from tracker.facts import facts_for_members
from tracker.models_updates import TrackerUpdate, TrackerUpdateVersion


def body_ids_reviewed_by(user, *, as_of: date) -> frozenset[int]:
    """The active bodies `user` reviews for on `as_of` (the role "reviewer").

    Registered in `MonitoringConfig.ready()`; predicates read it through the per-request role
    cache (`ogplocal.accounts.roles.held`).
    """
    return frozenset(
        MonitoringBodyReviewer.objects.current(as_of=as_of)
        .filter(user=user, body__is_active=True)
        .values_list("body_id", flat=True)
    )


# --- plans ---------------------------------------------------------------------------------------


def _plans() -> QuerySet[ActionPlan]:
    return ActionPlan.objects.select_related(
        "member__jurisdiction__country", "coalition", "monitoring_body"
    )


def plans_reviewed_by(user) -> list[ActionPlan]:
    """The submitted plans assigned to the bodies `user` reviews for (one query)."""
    return list(
        _plans()
        .filter(state=PlanState.SUBMITTED, monitoring_body_id__in=held(user, REVIEWER))
        .order_by("monitoring_body__name", "-submitted_on", "pk")
    )


def submitted_plans() -> list[ActionPlan]:
    return list(_plans().filter(state=PlanState.SUBMITTED).order_by("-submitted_on", "pk"))


def plan_for_review(*, plan_id: int, user) -> ActionPlan:
    """One plan with all its monitoring body reads on one page: commitments with milestones and
    tracker history, the current evidence, endorsements, meetings, contributions, assessments (a
    fixed number of queries)."""
    queryset = _plans().prefetch_related(
        "endorsements",
        Prefetch(
            "commitments",
            queryset=Commitment.objects.order_by("number").prefetch_related(
                Prefetch("milestones", queryset=Milestone.objects.order_by("number")),
                # The tracker history: each quarter, its versions latest first (corrections kept).
                Prefetch(
                    "tracker_updates",
                    queryset=TrackerUpdate.objects.order_by("-quarter_starts_on").prefetch_related(
                        Prefetch(
                            "versions", queryset=TrackerUpdateVersion.objects.order_by("-number")
                        )
                    ),
                ),
            ),
        ),
        Prefetch(
            "evidence",
            queryset=Evidence.objects.filter(superseded_at__isnull=True, withdrawn_at__isnull=True)
            .select_related("commitment")
            .order_by("-dated_on", "-pk"),
            to_attr="current_evidence",
        ),
        Prefetch("meetings", queryset=Meeting.objects.order_by("held_on", "pk")),
        Prefetch("contributions", queryset=Contribution.objects.order_by("received_on", "pk")),
        Prefetch(
            "assessments",
            queryset=Assessment.objects.select_related("commitment").order_by(
                "kind", "commitment__number", "version"
            ),
        ),
        "body_endorsements__stakeholder",
        "body_reviews",
    )
    return get_object_or_404(queryset, pk=plan_id)


def plan_for_assessment(*, plan_id: int, user) -> ActionPlan:
    return get_object_or_404(_plans(), pk=plan_id)


# --- assessments ---------------------------------------------------------------------------------


def _assessments() -> QuerySet[Assessment]:
    return Assessment.objects.select_related(
        "plan__member__jurisdiction", "plan__coalition", "commitment", "body", "corrects"
    )


def assessment_for(*, assessment_id: int, user) -> Assessment:
    """One assessment; 404 if there is none (the permission decides who sees it)."""
    return get_object_or_404(_assessments(), pk=assessment_id)


def assessment_page(*, assessment_id: int, user) -> Assessment:
    """One assessment with its parts, invitations and comments (a fixed number of queries)."""
    queryset = _assessments().prefetch_related(
        "requirement_checks",
        "practice_ratings",
        Prefetch(
            "commitment_ratings",
            queryset=CommitmentRating.objects.select_related("commitment").order_by(
                "commitment__number"
            ),
        ),
        Prefetch("invitations", queryset=CommentInvitation.objects.order_by("group", "name")),
        Prefetch("comments", queryset=AssessmentComment.objects.order_by("submitted_at", "pk")),
        Prefetch("correction", queryset=Assessment.objects.all()),
        Prefetch("evidence_items", queryset=AssessmentEvidence.objects.order_by("pk")),
    )
    return get_object_or_404(queryset, pk=assessment_id)


def evidence_for(*, assessment_id: int, evidence_id: int, user) -> AssessmentEvidence:
    """One piece of evidence of one assessment (the permission is its assessment's)."""
    return get_object_or_404(
        AssessmentEvidence.objects.select_related("assessment__plan__member"),
        pk=evidence_id,
        assessment_id=assessment_id,
    )


def invitation_by_token(*, token, user) -> CommentInvitation:
    """An invitation by the token of its link: whoever holds the link may comment."""
    return get_object_or_404(
        CommentInvitation.objects.select_related(
            "assessment__plan__member__jurisdiction", "assessment__commitment"
        ),
        token=token,
    )


def versions_of(assessment: Assessment) -> list[Assessment]:
    """Every version of the assessment's chain, oldest first (one query)."""
    return list(
        Assessment.objects.filter(
            plan_id=assessment.plan_id, kind=assessment.kind, commitment_id=assessment.commitment_id
        ).order_by("version")
    )


def published_assessments_of_member(member: Member) -> list[Assessment]:
    """The member's published assessments (a joint plan's too), for the finding form."""
    return list(
        _assessments()
        .filter(state=AssessmentState.PUBLISHED)
        .filter(plan__in=_plans_of_member(member))
        .order_by("-published_on", "pk")
    )


def _plans_of_member(member: Member) -> QuerySet[ActionPlan]:
    coalitions = member.coalition_memberships.values("coalition_id")
    return ActionPlan.objects.filter(state=PlanState.SUBMITTED).filter(
        member=member
    ) | ActionPlan.objects.filter(state=PlanState.SUBMITTED, coalition_id__in=coalitions)


def member_for_finding(*, slug: str, user) -> Member:
    return member_by_slug(slug=slug, user=user)


def findings_of_member(member: Member) -> list[RequirementFinding]:
    return list(
        RequirementFinding.objects.filter(member=member)
        .select_related("assessment__plan__member__jurisdiction", "assessment__plan__coalition")
        .order_by("-recorded_on", "-pk")
    )


def recent_findings(limit: int = 50) -> list[RequirementFinding]:
    return list(
        RequirementFinding.objects.select_related(
            "member__jurisdiction", "assessment__plan", "recorded_by"
        ).order_by("-recorded_on", "-pk")[:limit]
    )


# --- due dates, from the engine -----------------------------------------------------------------

ENGINE_KIND = {
    engine.INCEPTION_ASSESSMENT: AssessmentKind.INCEPTION,
    engine.END_OF_COMMITMENT_ASSESSMENT: AssessmentKind.END_OF_COMMITMENT,
    engine.FINAL_LEARNING_EXERCISE: AssessmentKind.FINAL_LEARNING,
}


@dataclass(frozen=True)
class DueAssessment:
    """One of the engine's assessment deadlines (RULES.md §3) with the assessment filed for it."""

    kind: str  # AssessmentKind
    plan: ActionPlan
    commitment: Commitment | None
    due_on: date
    state: str  # the engine's: met, late, overdue, upcoming
    met_on: date | None
    handbook: str
    assessment: Assessment | None  # the latest version, if one was started

    @property
    def kind_label(self) -> str:
        return AssessmentKind(self.kind).label

    @property
    def is_done(self) -> bool:
        return self.state in (engine.MET, engine.LATE)

    @property
    def is_late(self) -> bool:
        return self.state in (engine.OVERDUE, engine.LATE)


def due_assessments(plans: list[ActionPlan], *, as_of: date) -> list[DueAssessment]:
    """The engine's assessment deadlines of `plans` on `as_of`, by due date. Queries: the facts
    (a constant number), the plans' commitments (1) and their assessments (1)."""
    if not plans:
        return []
    plans_by_id = {plan.pk: plan for plan in plans}
    member_of_plan = {}
    for plan in plans:
        member_ids = plan.owner_member_ids()
        if member_ids:
            member_of_plan[plan.pk] = min(member_ids)
    facts = facts_for_members(set(member_of_plan.values()), as_of=as_of)
    commitments = {
        commitment.pk: commitment
        for commitment in Commitment.objects.filter(plan_id__in=plans_by_id).only(
            "pk", "plan_id", "number", "title", "completed_on"
        )
    }
    latest: dict[tuple[int, str, int | None], Assessment] = {}
    for assessment in Assessment.objects.filter(plan_id__in=plans_by_id).order_by("version"):
        latest[(assessment.plan_id, assessment.kind, assessment.commitment_id)] = assessment

    rows: list[DueAssessment] = []
    seen: set[tuple] = set()
    for member_id in set(member_of_plan.values()):
        if member_id not in facts:
            continue
        member_facts = facts[member_id]
        if as_of < member_facts.member.joined_on:
            continue
        for deadline in engine.evaluate(member_facts, as_of).deadlines:
            kind = ENGINE_KIND.get(deadline.kind)
            if kind is None:
                continue
            if kind == AssessmentKind.END_OF_COMMITMENT:
                commitment = commitments.get(int(deadline.ref))
                if commitment is None:
                    continue
                plan_id = commitment.plan_id
            else:
                commitment = None
                plan_id = int(deadline.ref)
            key = (plan_id, kind, commitment.pk if commitment else None)
            if plan_id not in plans_by_id or member_of_plan.get(plan_id) != member_id:
                continue
            if key in seen:
                continue
            seen.add(key)
            rows.append(
                DueAssessment(
                    kind=kind,
                    plan=plans_by_id[plan_id],
                    commitment=commitment,
                    due_on=deadline.due_on,
                    state=deadline.state,
                    met_on=deadline.met_on,
                    handbook=deadline.handbook,
                    assessment=latest.get(key),
                )
            )
    rows.sort(
        key=lambda row: (
            row.due_on,
            row.kind,
            row.plan.pk,
            row.commitment and row.commitment.number,
        )
    )
    return rows


@dataclass(frozen=True)
class DueGroups:
    late: list[DueAssessment]
    due: list[DueAssessment]
    done: list[DueAssessment]
    due_later: int = 0  # upcoming beyond the horizon, counted only
    done_earlier: int = 0  # done before the latest `done_limit`, counted only


def grouped(
    rows: list[DueAssessment],
    *,
    as_of: date | None = None,
    horizon_days: int | None = None,
    done_limit: int | None = None,
) -> DueGroups:
    """Late (overdue, not done), due (upcoming) and done (met or late), as the dashboards list.
    A long list (the Support Unit's) keeps what is due within `horizon_days` of `as_of` and the
    latest `done_limit` done, and counts the rest."""
    due = [row for row in rows if row.state == engine.UPCOMING]
    done = sorted((row for row in rows if row.is_done), key=lambda row: row.met_on, reverse=True)
    due_later = done_earlier = 0
    if horizon_days is not None and as_of is not None:
        soon = [row for row in due if (row.due_on - as_of).days <= horizon_days]
        due_later, due = len(due) - len(soon), soon
    if done_limit is not None:
        done_earlier, done = max(0, len(done) - done_limit), done[:done_limit]
    return DueGroups(
        late=[row for row in rows if row.state == engine.OVERDUE],
        due=due,
        done=done,
        due_later=due_later,
        done_earlier=done_earlier,
    )


def member_monitoring(member: Member, *, as_of: date, user=None) -> dict:
    """The member page's section: assessments due, late and done, and the findings; for its
    points of contact and staff, the trained reviewers the Support Unit introduced."""
    plans = list(_plans_of_member(member).select_related("member", "coalition", "monitoring_body"))
    sees_introductions = user is not None and (
        is_support_unit(user) or is_point_of_contact_of_member(user, member)
    )
    return {
        "groups": grouped(due_assessments(plans, as_of=as_of)),
        "findings": findings_of_member(member),
        "introductions": introductions_to_member(member) if sees_introductions else [],
        # Where the points of contact (and staff) record the stakeholders' endorsement of each
        # submitted plan's monitoring body (LH §3.5).
        "endorsable_plans": [
            plan
            for plan in plans
            if plan.state == PlanState.SUBMITTED and plan.monitoring_body_id is not None
        ]
        if sees_introductions
        else [],
    }


# --- the pool of trained reviewers --------------------------------------------------------------


def reviewer_pool() -> list[TrainedReviewer]:
    """Every trained reviewer, available first, with how often each was introduced (one query)."""
    return list(
        TrainedReviewer.objects.annotate(introduction_count=Count("introductions")).order_by(
            "-is_available", "name", "pk"
        )
    )


def available_reviewers() -> list[TrainedReviewer]:
    return list(TrainedReviewer.objects.filter(is_available=True).order_by("name", "pk"))


def introductions_to_member(member: Member) -> list[ReviewerIntroduction]:
    """The introductions made to `member`, latest first, with their reviewers (two queries)."""
    return list(
        ReviewerIntroduction.objects.filter(member=member)
        .select_related("introduced_by")
        .prefetch_related(Prefetch("reviewers", queryset=TrainedReviewer.objects.order_by("name")))
        .order_by("-introduced_at", "-pk")
    )


def recent_introductions(limit: int = 20) -> list[ReviewerIntroduction]:
    return list(
        ReviewerIntroduction.objects.select_related("member__jurisdiction")
        .prefetch_related(Prefetch("reviewers", queryset=TrainedReviewer.objects.order_by("name")))
        .order_by("-introduced_at", "-pk")[:limit]
    )
