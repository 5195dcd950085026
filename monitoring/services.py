"""Every write about assessments, comment periods, findings and a plan's monitoring body (LH §3.5,
§3.3.1). Each function takes its `actor` and `as_of`, checks its rules, writes in a transaction
and records an audit event; problems come back as one ValidationError of rule-coded violations
(`ogplocal.validation`), with nothing saved.

An assessment's state changes only in `transition`, which enforces `ASSESSMENT_TRANSITIONS`.
Due dates are not computed here: they come from the engine (`monitoring.selectors.due_assessments`).
"""

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan, EndorsingStakeholder, MeetingKind, PlanState
from commitments.models import Commitment
from members.models import Member, PointOfContact
from monitoring.models import (
    ASSESSMENT_TRANSITIONS,
    Assessment,
    AssessmentComment,
    AssessmentEvidence,
    AssessmentKind,
    AssessmentState,
    BodyAssignmentDecision,
    BodyAssignmentReview,
    BodyEndorsement,
    CommentGroup,
    CommentInvitation,
    CommitmentRating,
    Practice,
    PracticeAssessment,
    Requirement,
    RequirementCheck,
    RequirementFinding,
    ReviewerIntroduction,
    TrainedReviewer,
)
from ogplocal.audit.services import record_event, snapshot
from ogplocal.documents.links import validate_link
from ogplocal.documents.validators import DocumentValidator, prepare_upload
from ogplocal.notifications.models import OutboxKind
from ogplocal.notifications.services import queue_message
from ogplocal.validation import RuleViolation, field_errors, raise_all, raise_if

# RULES.md §3 names no length for the comment period and the Handbook none either (LH §3.5 only
# says both groups must be invited). Decision: at least two weeks, as IRM reports are open for
# public comment; the reviewer may give more. Publication is possible from the day after its last
# day.
MIN_COMMENT_DAYS = 14

HANDBOOK = {
    AssessmentKind.INCEPTION: "LH §3.5.1",
    AssessmentKind.END_OF_COMMITMENT: "LH §3.5.2",
    AssessmentKind.FINAL_LEARNING: "LH §3.5.3",
}

# The parts of each form: (part, fields on the assessment itself). The inception assessment's
# parts are rows (requirement checks, practice ratings, commitment ratings).
END_OF_COMMITMENT_FIELDS = ("completion_level", "early_results", "evidence")
FINAL_LEARNING_FIELDS = (
    "successes",
    "improvements",
    "lack_of_progress",
    "way_forward",
    "participants",
)
PARTS = {
    AssessmentKind.INCEPTION: ("requirements", "practices", "commitments"),
    AssessmentKind.END_OF_COMMITMENT: ("results",),
    AssessmentKind.FINAL_LEARNING: ("learning",),
}
PART_FIELDS = {"results": END_OF_COMMITMENT_FIELDS, "learning": FINAL_LEARNING_FIELDS}
COMMITMENT_RATING_FIELDS = (
    "relevance",
    "relevance_justification",
    "verifiability",
    "verifiability_justification",
    "potential_impact",
    "potential_impact_justification",
)


def _violation(code: str, message: str, handbook: str = "LH §3.5", field: str | None = None):
    return RuleViolation(f"assessment.{code}", message, handbook, field=field)


# --- the transition table -----------------------------------------------------------------------


def transition(assessment: Assessment, to: str, *, actor, reason: str = "") -> Assessment:
    """Move `assessment` to state `to` if `ASSESSMENT_TRANSITIONS` allows it; save; audit. The
    callers (`open_comment_period`, `publish_assessment`) check their own rules first."""
    if to not in ASSESSMENT_TRANSITIONS.get(assessment.state, frozenset()):
        raise_if(
            [
                _violation(
                    "transition_not_allowed",
                    _("An assessment cannot go from “%(current)s” to “%(to)s”.")
                    % {
                        "current": AssessmentState(assessment.state).label,
                        "to": AssessmentState(to).label,
                    },
                )
            ]
        )
    fields = ["state", "comment_period_opened_on", "comment_period_ends_on", "published_on"]
    before = {"state": assessment.state}
    assessment.state = to
    assessment.save()
    record_event(
        actor=actor,
        verb=f"assessment.{to}",
        obj=assessment,
        before=before,
        after=snapshot(assessment, fields),
        reason=reason,
    )
    return assessment


# --- starting an assessment ---------------------------------------------------------------------


def initial_commitments(plan: ActionPlan) -> list[Commitment]:
    """The commitments submitted with the plan (LH §3.5.1(2): "the initial five commitments")."""
    return [
        commitment
        for commitment in plan.commitments.order_by("number")
        if commitment.submitted_on == plan.submitted_on
    ]


def _chain_exists(plan: ActionPlan, kind: str, commitment: Commitment | None) -> bool:
    return Assessment.objects.filter(plan=plan, kind=kind, commitment=commitment).exists()


def start_violations(
    plan: ActionPlan, kind: str, *, commitment: Commitment | None, as_of: date
) -> list[RuleViolation]:
    """Why `kind` cannot be started on `plan` on `as_of` (empty: it can): the plan is submitted
    with a body; a commitment is finished or the plan has ended (LH §3.5.2); the plan has ended
    for the final learning exercise (LH §3.5.3). Pages ask it to offer only what can start."""
    handbook = HANDBOOK.get(kind, "LH §3.5")
    violations: list[RuleViolation] = []
    if kind not in AssessmentKind.values:
        violations.append(_violation("kind_unknown", _("Choose one of the three assessments.")))
    if plan.state != PlanState.SUBMITTED or plan.monitoring_body_id is None:
        violations.append(
            _violation(
                "plan_not_submitted",
                _("Only a submitted plan with a monitoring body is assessed."),
            )
        )
    if kind == AssessmentKind.END_OF_COMMITMENT:
        if commitment is None or commitment.plan_id != plan.pk:
            violations.append(
                _violation(
                    "commitment_required",
                    _("Choose a commitment of this plan."),
                    handbook,
                    field="commitment",
                )
            )
        elif commitment.completed_on is None and as_of < plan.ends_on:
            violations.append(
                _violation(
                    "commitment_not_finished",
                    _(
                        "A commitment is assessed once it is fully implemented or the plan has "
                        "ended."
                    ),
                    handbook,
                    field="commitment",
                )
            )
    if kind == AssessmentKind.FINAL_LEARNING and as_of < plan.ends_on:
        violations.append(
            _violation(
                "plan_not_ended",
                _("The final learning exercise is carried out once the plan has ended."),
                handbook,
            )
        )
    return violations


@transaction.atomic
def start_assessment(
    plan: ActionPlan,
    kind: str,
    *,
    actor,
    as_of: date,
    commitment: Commitment | None = None,
) -> Assessment:
    """A draft assessment of `plan` (and `commitment`, for an end-of-commitment one), filed by the
    plan's monitoring body. The inception form is pre-filled with what the portal counts."""
    plan = ActionPlan.objects.select_for_update(of=("self",)).get(pk=plan.pk)
    handbook = HANDBOOK.get(kind, "LH §3.5")
    raise_if(start_violations(plan, kind, commitment=commitment, as_of=as_of))
    if kind != AssessmentKind.END_OF_COMMITMENT:
        commitment = None
    if _chain_exists(plan, kind, commitment):
        raise_if(
            [
                _violation(
                    "already_started",
                    _(
                        "This assessment was already started. Continue it, or correct the "
                        "published version."
                    ),
                    handbook,
                )
            ]
        )
    assessment = Assessment(
        plan=plan, commitment=commitment, body_id=plan.monitoring_body_id, kind=kind
    )
    assessment.created_by = actor
    if kind == AssessmentKind.INCEPTION:
        meetings = [meeting for meeting in plan.meetings.all() if meeting.withdrawn_at is None]
        assessment.co_creation_meeting_count = sum(
            meeting.kind == MeetingKind.CO_CREATION for meeting in meetings
        )
        assessment.implementation_meeting_count = sum(
            meeting.kind == MeetingKind.IMPLEMENTATION for meeting in meetings
        )
        assessment.contribution_count = plan.contributions.count()
        assessment.endorsing_stakeholder_count = plan.endorsements.count()
    assessment.save()
    if kind == AssessmentKind.INCEPTION:
        _create_inception_rows(assessment, plan)
    record_event(
        actor=actor,
        verb="assessment.started",
        obj=assessment,
        after=snapshot(assessment, ["kind", "plan", "commitment", "body", "version"]),
    )
    return assessment


def _create_inception_rows(assessment: Assessment, plan: ActionPlan) -> None:
    RequirementCheck.objects.bulk_create(
        RequirementCheck(assessment=assessment, requirement=requirement)
        for requirement in Requirement.values
    )
    PracticeAssessment.objects.bulk_create(
        PracticeAssessment(assessment=assessment, practice=practice) for practice in Practice.values
    )
    CommitmentRating.objects.bulk_create(
        CommitmentRating(assessment=assessment, commitment=commitment)
        for commitment in initial_commitments(plan)
    )


# --- filing the parts ---------------------------------------------------------------------------


def _locked(assessment: Assessment) -> Assessment:
    return (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("plan__member", "commitment")
        .get(pk=assessment.pk)
    )


def _require_editable(assessment: Assessment) -> None:
    if not assessment.is_editable:
        raise_if(
            [
                _violation(
                    "published_not_editable",
                    _("A published assessment is never changed: correct it with a new version."),
                )
            ]
        )


@transaction.atomic
def save_assessment_part(assessment: Assessment, part: str, values: Any, *, actor) -> Assessment:
    """Save one part of the form (a draft, or during the comment period to answer comments).

    `values` is a dict of fields for `results` and `learning`; for the inception parts it maps
    each row's key (requirement, practice, commitment id) to a dict of that row's fields."""
    assessment = _locked(assessment)
    _require_editable(assessment)
    if part not in PARTS[assessment.kind]:
        raise_if([_violation("part_unknown", _("This form has no such part."))])
    if part in PART_FIELDS:
        before = snapshot(assessment, PART_FIELDS[part])
        for name in PART_FIELDS[part]:
            setattr(assessment, name, values.get(name, getattr(assessment, name)))
        raise_all([], field_errors(assessment, PART_FIELDS[part]))
        assessment.save()
        after = snapshot(assessment, PART_FIELDS[part])
    else:
        before, after = _save_rows(assessment, part, values)
    record_event(
        actor=actor,
        verb="assessment.saved",
        obj=assessment,
        before=before,
        after=after,
        reason=part,
    )
    return assessment


def _rows(assessment: Assessment, part: str):
    if part == "requirements":
        return {row.requirement: row for row in assessment.requirement_checks.all()}, (
            "met",
            "evidence",
        )
    if part == "practices":
        return {row.practice: row for row in assessment.practice_ratings.all()}, (
            "rating",
            "comment",
        )
    return {
        str(row.commitment_id): row for row in assessment.commitment_ratings.all()
    }, COMMITMENT_RATING_FIELDS


def _save_rows(assessment: Assessment, part: str, values: dict) -> tuple[dict, dict]:
    rows, fields = _rows(assessment, part)
    errors: dict = {}
    before, after = {}, {}
    for key, row_values in values.items():
        row = rows.get(str(key))
        if row is None:
            raise_if([_violation("row_unknown", _("This form has no such row."))])
        before[str(key)] = snapshot(row, fields)
        for name in fields:
            if name in row_values:
                setattr(row, name, row_values[name])
        for name, entries in field_errors(row, fields).items():
            errors.setdefault(f"{key}-{name}", []).extend(entries)
        after[str(key)] = snapshot(row, fields)
    raise_all([], errors)
    for key in values:
        rows[str(key)].save()
    return before, after


# --- completeness (checked when the comment period opens, and again on publication) -------------


def missing_answers(assessment: Assessment) -> list[RuleViolation]:
    """What the form still lacks: every answer the Handbook asks for, with a justification."""
    handbook = HANDBOOK[assessment.kind]
    violations = []
    if assessment.kind == AssessmentKind.INCEPTION:
        for row in assessment.requirement_checks.all():
            if row.met is None or not row.evidence.strip():
                violations.append(
                    _violation(
                        "requirement_incomplete",
                        _("%(requirement)s: say whether it is met and give the evidence.")
                        % {"requirement": row.get_requirement_display()},
                        "LH §3.3.1",
                    )
                )
        for row in assessment.practice_ratings.all():
            if not row.rating or not row.comment.strip():
                violations.append(
                    _violation(
                        "practice_incomplete",
                        _("%(practice)s: rate the practice and comment on it.")
                        % {"practice": row.get_practice_display()},
                        "LH §3.3.2",
                    )
                )
        for row in assessment.commitment_ratings.all():
            if not all(
                getattr(row, name) and str(getattr(row, name)).strip()
                for name in COMMITMENT_RATING_FIELDS
            ):
                violations.append(
                    _violation(
                        "commitment_incomplete",
                        _(
                            "Commitment %(number)s: rate its relevance, verifiability and "
                            "potential impact, each with a justification."
                        )
                        % {"number": row.commitment.number},
                        handbook,
                    )
                )
    else:
        fields = (
            END_OF_COMMITMENT_FIELDS
            if assessment.kind == AssessmentKind.END_OF_COMMITMENT
            else FINAL_LEARNING_FIELDS
        )
        for name in fields:
            if not str(getattr(assessment, name)).strip():
                violations.append(
                    _violation(
                        "field_missing",
                        _("%(field)s: this answer is required.")
                        % {"field": capfirst(Assessment._meta.get_field(name).verbose_name)},
                        handbook,
                        field=name,
                    )
                )
    return violations


# --- comment period (LH §3.5) -------------------------------------------------------------------


def invitees(assessment: Assessment, *, as_of: date) -> dict[str, list[dict]]:
    """Who is invited when the period opens: the member's government through its current points
    of contact (of each coalition member for a joint plan), and the non-governmental stakeholders
    who endorsed the plan. A stakeholder without an e-mail address is invited too: the reviewer
    hands them their invitation's link."""
    plan = assessment.plan
    government = [
        {"name": poc.user.full_name or poc.user.email, "email": poc.user.email, "user": poc.user}
        for poc in PointOfContact.objects.current(as_of=as_of)
        .filter(member_id__in=plan.owner_member_ids())
        .select_related("user")
        .order_by("pk")
    ]
    non_governmental = [
        {"name": stakeholder.organization_name, "email": stakeholder.contact_email, "user": None}
        for stakeholder in plan.endorsements.order_by("pk")
    ]
    return {CommentGroup.GOVERNMENT: government, CommentGroup.NON_GOVERNMENTAL: non_governmental}


@transaction.atomic
def open_comment_period(
    assessment: Assessment, *, ends_on: date | None, actor, as_of: date
) -> Assessment:
    """Invite the government and the non-governmental stakeholders (both, LH §3.5) and open the
    period until `ends_on` (at least MIN_COMMENT_DAYS days)."""
    assessment = _locked(assessment)
    violations: list[RuleViolation | None] = []
    if assessment.state != AssessmentState.DRAFT:
        violations.append(_violation("not_a_draft", _("Only a draft is opened for comments.")))
    earliest = as_of + timedelta(days=MIN_COMMENT_DAYS)
    if ends_on is None or ends_on < earliest:
        violations.append(
            _violation(
                "comment_period_too_short",
                _("The comment period lasts at least %(days)s days: until %(day)s or later.")
                % {"days": MIN_COMMENT_DAYS, "day": earliest.isoformat()},
                field="ends_on",
            )
        )
    groups = invitees(assessment, as_of=as_of)
    if not groups[CommentGroup.GOVERNMENT]:
        violations.append(
            _violation(
                "no_government_invitee",
                _("The member has no current point of contact to invite for the government."),
            )
        )
    if not groups[CommentGroup.NON_GOVERNMENTAL]:
        violations.append(
            _violation(
                "no_non_governmental_invitee",
                _(
                    "The plan names no endorsing non-governmental stakeholder to invite: both "
                    "groups must be invited (LH §3.5)."
                ),
            )
        )
    violations.extend(missing_answers(assessment))
    raise_if(violations)
    CommentInvitation.objects.bulk_create(
        CommentInvitation(assessment=assessment, group=group, invited_on=as_of, **person)
        for group, people in groups.items()
        for person in people
    )
    assessment.comment_period_opened_on = as_of
    assessment.comment_period_ends_on = ends_on
    assessment = transition(assessment, AssessmentState.COMMENT_PERIOD, actor=actor)
    queue_invitation_emails(assessment)
    return assessment


def invitation_key(invitation: CommentInvitation) -> str:
    """The outbox key of an invitation's e-mail: one message per invitation, ever."""
    return f"comment-invitation:{invitation.pk}"


def queue_invitation_emails(assessment: Assessment) -> int:
    """Put one e-mail per invitation with an address into the outbox (LH §3.5: both groups are
    invited), each with its invitation's link. The outbox key makes a second call a no-op, so an
    invitation is e-mailed exactly once; the outbox delivers after the commit, with retries.
    Invitees without an address get their link from the reviewer (the assessment's page)."""
    from tracker.letters import language_of  # tracker imports monitoring: import late

    plan = assessment.plan
    queued = 0
    for invitation in assessment.invitations.select_related("user").order_by("pk"):
        if not invitation.email:
            continue
        language = language_of(invitation.user) if invitation.user else settings.LANGUAGE_CODE
        with translation.override(language):
            subject, body = _invitation_text(assessment, plan, invitation)
        _message, created = queue_message(
            key=invitation_key(invitation),
            kind=OutboxKind.COMMENT_INVITATION,
            to=invitation.email,
            recipient=invitation.user,
            member=plan.member,
            language=language,
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
            body=body,
        )
        queued += int(created)
    return queued


def _invitation_text(assessment: Assessment, plan: ActionPlan, invitation: CommentInvitation):
    link = settings.SITE_URL.rstrip("/") + reverse(
        "monitoring:invitation_comment", args=[invitation.token]
    )
    values = {
        "kind": AssessmentKind(assessment.kind).label,
        "plan": str(plan),
        "body": assessment.body.name,
        "name": invitation.name,
        "last_day": assessment.comment_period_ends_on.isoformat(),
        "link": link,
    }
    subject = _("Invitation to comment: %(kind)s of %(plan)s") % values
    body = (
        _(
            "Dear %(name)s,\n\n"
            "%(body)s, the monitoring body of %(plan)s, invites the government and the "
            "non-governmental stakeholders to comment on its draft (OGP Local Handbook §3.5): "
            "%(kind)s.\n\n"
            "Read the draft and send your comment until %(last_day)s at:\n%(link)s\n\n"
            "This link is yours: anyone who has it can comment in your name. The monitoring "
            "body reads every comment before publishing the assessment."
        )
        % values
    )
    return subject, body


def _check_comment(assessment: Assessment, body: str, as_of: date) -> None:
    violations = []
    if assessment.state != AssessmentState.COMMENT_PERIOD or assessment.comment_period_closed(
        as_of
    ):
        violations.append(_violation("comment_period_closed", _("The comment period is not open.")))
    if not (body or "").strip():
        violations.append(_violation("comment_empty", _("Write your comment."), field="body"))
    raise_if(violations)


@transaction.atomic
def add_comment(
    assessment: Assessment,
    *,
    body: str,
    actor=None,
    invitation: CommentInvitation | None = None,
    as_of: date,
) -> AssessmentComment:
    """A comment from a point of contact (signed in: the government) or an invitee (by the link
    of their invitation)."""
    assessment = _locked(assessment)
    _check_comment(assessment, body, as_of)
    if invitation is not None:
        group, name, author = invitation.group, invitation.name, invitation.user
    else:
        group, name, author = CommentGroup.GOVERNMENT, actor.full_name or actor.email, actor
        invitation = assessment.invitations.filter(user=actor).first()
    comment = AssessmentComment(
        assessment=assessment,
        invitation=invitation,
        group=group,
        author_name=name,
        author=author,
        body=body.strip(),
        submitted_on=as_of,
    )
    raise_all([], field_errors(comment, ["body"]))
    comment.save()
    record_event(
        actor=actor,
        verb="assessment.commented",
        obj=assessment,
        after={"group": group, "author": name},
    )
    return comment


@transaction.atomic
def publish_assessment(assessment: Assessment, *, actor, as_of: date) -> Assessment:
    """Publish once the comment period has closed (never before its last day has passed)."""
    assessment = _locked(assessment)
    violations: list[RuleViolation | None] = []
    if assessment.state == AssessmentState.COMMENT_PERIOD and not assessment.comment_period_closed(
        as_of
    ):
        violations.append(
            _violation(
                "comment_period_open",
                _("The comment period is open until %(day)s: publish from the next day.")
                % {"day": assessment.comment_period_ends_on.isoformat()},
            )
        )
    if assessment.state == AssessmentState.COMMENT_PERIOD:
        violations.extend(missing_answers(assessment))
    raise_if(violations)
    assessment.published_on = as_of
    assessment.published_by = actor
    return transition(assessment, AssessmentState.PUBLISHED, actor=actor)


@transaction.atomic
def start_correction(assessment: Assessment, *, reason: str, actor, as_of: date) -> Assessment:
    """A new draft version of a published assessment, with the reason for correcting it; the
    published version stays as it is. The correction goes through a comment period again."""
    assessment = _locked(assessment)
    violations = []
    if assessment.state != AssessmentState.PUBLISHED:
        violations.append(
            _violation("correct_published_only", _("Only a published assessment is corrected."))
        )
    elif Assessment.objects.filter(corrects=assessment).exists():
        violations.append(
            _violation(
                "already_corrected",
                _("This version already has a correction: continue or correct that one."),
            )
        )
    if not (reason or "").strip():
        violations.append(
            _violation(
                "correction_reason", _("Give the reason for the correction."), field="reason"
            )
        )
    raise_if(violations)
    fields = [
        "plan_id",
        "commitment_id",
        "body_id",
        "kind",
        "co_creation_meeting_count",
        "implementation_meeting_count",
        "contribution_count",
        "endorsing_stakeholder_count",
        *END_OF_COMMITMENT_FIELDS,
        *FINAL_LEARNING_FIELDS,
    ]
    correction = Assessment(
        **{name: getattr(assessment, name) for name in fields},
        version=assessment.version + 1,
        corrects=assessment,
        correction_reason=reason.strip(),
        created_by=actor,
    )
    correction.save()
    RequirementCheck.objects.bulk_create(
        RequirementCheck(
            assessment=correction, requirement=row.requirement, met=row.met, evidence=row.evidence
        )
        for row in assessment.requirement_checks.all()
    )
    PracticeAssessment.objects.bulk_create(
        PracticeAssessment(
            assessment=correction, practice=row.practice, rating=row.rating, comment=row.comment
        )
        for row in assessment.practice_ratings.all()
    )
    CommitmentRating.objects.bulk_create(
        CommitmentRating(
            assessment=correction,
            commitment_id=row.commitment_id,
            **{name: getattr(row, name) for name in COMMITMENT_RATING_FIELDS},
        )
        for row in assessment.commitment_ratings.all()
    )
    AssessmentEvidence.objects.bulk_create(
        AssessmentEvidence(
            assessment=correction,
            title=piece.title,
            file=piece.file.name,
            original_name=piece.original_name,
            link=piece.link,
            carried_from=piece,
            filed_by=piece.filed_by,
        )
        for piece in assessment.evidence_items.filter(withdrawn_at__isnull=True)
    )
    record_event(
        actor=actor,
        verb="assessment.correction_started",
        obj=correction,
        after={"version": correction.version, "corrects": assessment.pk},
        reason=correction.correction_reason,
    )
    return correction


# --- requirement findings (LH §3.3.1, §4.2) ------------------------------------------------------


@transaction.atomic
def record_finding(
    member: Member,
    *,
    met: bool | None,
    reasons: str,
    actor,
    as_of: date,
    assessment: Assessment | None = None,
    evidence: str = "",
) -> RequirementFinding:
    """The Support Unit's finding on the four minimum requirements, recorded on `as_of` (the day
    it is recorded: never backdated). It relies on a published assessment of one of the member's
    plans, or on new evidence described."""
    violations = []
    if met is None:
        violations.append(
            RuleViolation(
                "finding.met_required",
                _("Say whether the four requirements are met."),
                "LH §3.3.1",
                field="met",
            )
        )
    if not (reasons or "").strip():
        violations.append(
            RuleViolation(
                "finding.reasons_required",
                _("Give the reasons for the finding."),
                "LH §3.3.1",
                field="reasons",
            )
        )
    plan = None
    if assessment is not None:
        plan = assessment.plan
        if not assessment.is_published or member.pk not in plan.owner_member_ids():
            violations.append(
                RuleViolation(
                    "finding.assessment_not_published",
                    _("A finding relies on a published assessment of one of the member's plans."),
                    "LH §3.3.1",
                    field="assessment",
                )
            )
    elif not (evidence or "").strip():
        violations.append(
            RuleViolation(
                "finding.source_required",
                _("Choose the assessment the finding relies on, or describe the new evidence."),
                "LH §3.3.1",
                field="evidence",
            )
        )
    finding = RequirementFinding(
        member=member,
        plan=plan,
        assessment=assessment,
        met=bool(met),
        reasons=(reasons or "").strip(),
        evidence=(evidence or "").strip(),
        recorded_on=as_of,
        recorded_by=actor,
    )
    errors = field_errors(finding, ["reasons", "evidence"])
    for violation in violations:
        if violation.field:
            errors.pop(violation.field, None)
    raise_all(violations, errors)
    finding.save()
    record_event(
        actor=actor,
        verb="finding.recorded",
        obj=finding,
        member=member,
        after=snapshot(finding, ["met", "reasons", "evidence", "assessment", "recorded_on"]),
    )
    return finding


# --- the plan's monitoring body (LH §3.5) ---------------------------------------------------------


@transaction.atomic
def record_body_endorsement(
    plan: ActionPlan, *, stakeholder: EndorsingStakeholder | None, actor, as_of: date
) -> BodyEndorsement:
    """A non-governmental stakeholder of the plan endorses the plan's monitoring body."""
    violations = []
    if plan.monitoring_body_id is None:
        violations.append(
            _violation("no_body", _("The plan names no monitoring body yet."), field=None)
        )
    if stakeholder is None or stakeholder.plan_id != plan.pk:
        violations.append(
            _violation(
                "endorser_not_stakeholder",
                _("Choose one of the plan's endorsing non-governmental stakeholders."),
                field="stakeholder",
            )
        )
    elif BodyEndorsement.objects.filter(
        plan=plan, body_id=plan.monitoring_body_id, stakeholder=stakeholder
    ).exists():
        violations.append(
            _violation(
                "already_endorsed",
                _("This stakeholder's endorsement is already recorded."),
                field="stakeholder",
            )
        )
    raise_if(violations)
    endorsement = BodyEndorsement.objects.create(
        plan=plan,
        body_id=plan.monitoring_body_id,
        stakeholder=stakeholder,
        endorsed_on=as_of,
        recorded_by=actor,
    )
    record_event(
        actor=actor,
        verb="monitoring.body_endorsed",
        obj=plan,
        after={"body": plan.monitoring_body_id, "stakeholder": stakeholder.organization_name},
    )
    return endorsement


@transaction.atomic
def review_body_assignment(
    plan: ActionPlan, *, decision: str, reasons: str, actor, as_of: date
) -> BodyAssignmentReview:
    """The Support Unit confirms or questions the plan's choice of monitoring body."""
    violations = []
    if decision not in BodyAssignmentDecision.values:
        violations.append(
            _violation("decision_required", _("Confirm or question the choice."), field="decision")
        )
    if not (reasons or "").strip():
        violations.append(_violation("review_reasons", _("Give the reasons."), field="reasons"))
    if plan.monitoring_body_id is None:
        violations.append(_violation("no_body", _("The plan names no monitoring body yet.")))
    raise_if(violations)
    review = BodyAssignmentReview.objects.create(
        plan=plan,
        body_id=plan.monitoring_body_id,
        decision=decision,
        reasons=reasons.strip(),
        decided_on=as_of,
        decided_by=actor,
    )
    record_event(
        actor=actor,
        verb=f"monitoring.body_{decision}",
        obj=plan,
        after={"body": plan.monitoring_body_id},
        reason=review.reasons,
    )
    return review


# --- evidence of an assessment (files through ogplocal.documents, links) -------------------------

EVIDENCE_VALIDATOR = DocumentValidator(
    max_size=AssessmentEvidence._meta.get_field("file").validators[0].max_size,
    name=_("The evidence file"),
)


@transaction.atomic
def add_evidence(
    assessment: Assessment, *, title: str, file=None, link: str = "", actor
) -> AssessmentEvidence:
    """Add a file or a link the assessment relies on, while it is not yet published. The file's
    type is decided by its content and its size limited (`ogplocal.documents`); it is stored
    under a fresh name, so nothing filed before is ever overwritten."""
    assessment = _locked(assessment)
    _require_editable(assessment)
    violations: list[RuleViolation] = []
    link = (link or "").strip()
    if not (title or "").strip():
        violations.append(
            _violation("evidence_title_required", _("Say what the evidence shows."), field="title")
        )
    if bool(file) == bool(link):
        violations.append(
            _violation(
                "evidence_file_or_link",
                _("Give either a file or a link."),
                field="file" if not link else "link",
            )
        )
    else:
        try:
            if file and getattr(file, "document_kind", None) is None:
                prepare_upload(file, EVIDENCE_VALIDATOR)
            if link:
                validate_link(link)
        except ValidationError as error:
            # The upload module's own codes (`document.too_large`, `link.scheme`…).
            violations.append(
                RuleViolation(
                    error.code or "document.invalid",
                    " ".join(error.messages),
                    "LH §3.5",
                    field="file" if file else "link",
                )
            )
    piece = AssessmentEvidence(
        assessment=assessment, title=(title or "").strip(), link=link, filed_by=actor
    )
    errors = field_errors(piece, ["title"])
    for violation in violations:
        errors.pop(violation.field or "", None)
    raise_all(violations, errors)
    if file:
        piece.original_name = (getattr(file, "original_name", "") or "")[:255]
        piece.file.save(file.name, file, save=False)
    piece.save()
    record_event(
        actor=actor,
        verb="assessment.evidence_added",
        obj=assessment,
        after={
            "evidence": piece.pk,
            "title": piece.title,
            "file": piece.original_name,
            "link": piece.link,
        },
    )
    return piece


@transaction.atomic
def withdraw_evidence(evidence: AssessmentEvidence, *, reason: str, actor) -> AssessmentEvidence:
    """Withdraw a piece of evidence from a version not yet published, with the reason. The row
    and its file stay (history kept); the page lists it as withdrawn."""
    evidence = AssessmentEvidence.objects.select_for_update().get(pk=evidence.pk)
    _require_editable(evidence.assessment)
    violations = []
    if evidence.is_withdrawn:
        violations.append(
            _violation("evidence_already_withdrawn", _("This evidence is already withdrawn."))
        )
    if not (reason or "").strip():
        violations.append(
            _violation(
                "evidence_withdrawal_reason",
                _("Give the reason for withdrawing it."),
                field="reason",
            )
        )
    raise_if(violations)
    evidence.withdrawn_at = timezone.now()
    evidence.withdrawn_by = actor
    evidence.withdrawn_reason = reason.strip()
    raise_all([], field_errors(evidence, ["withdrawn_reason"]))
    evidence.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    record_event(
        actor=actor,
        verb="assessment.evidence_withdrawn",
        obj=evidence.assessment,
        after={"evidence": evidence.pk, "title": evidence.title},
        reason=evidence.withdrawn_reason,
    )
    return evidence


# --- the pool of trained reviewers -------------------------------------------------------------


@transaction.atomic
def introduce_reviewers(
    member: Member,
    *,
    reviewers: Sequence[TrainedReviewer],
    note: str = "",
    actor,
    as_of: date,
) -> ReviewerIntroduction:
    """Staff introduce available reviewers of the pool to a member (LH §3.5: the member names
    its monitoring body; the Support Unit can help it find trained reviewers). Shown to the
    member's points of contact on the member's page; audited with the member."""
    violations = []
    reviewers = list(reviewers)
    if not reviewers:
        violations.append(
            _violation(
                "introduction_no_reviewer",
                _("Choose at least one trained reviewer."),
                field="reviewers",
            )
        )
    unavailable = [reviewer.name for reviewer in reviewers if not reviewer.is_available]
    if unavailable:
        violations.append(
            _violation(
                "introduction_reviewer_unavailable",
                _("Not available at present: %(names)s.") % {"names": ", ".join(unavailable)},
                field="reviewers",
            )
        )
    introduction = ReviewerIntroduction(
        member=member, note=(note or "").strip(), introduced_on=as_of, introduced_by=actor
    )
    errors = field_errors(introduction, ["note"])
    raise_all(violations, errors)
    introduction.save()
    introduction.reviewers.set(reviewers)
    record_event(
        actor=actor,
        verb="monitoring.reviewers_introduced",
        obj=introduction,
        member=member,
        after={
            "reviewers": sorted(reviewer.name for reviewer in reviewers),
            "note": introduction.note,
        },
    )
    queue_introduction_emails(introduction)
    return introduction


def introduction_key(introduction: ReviewerIntroduction, user) -> str:
    """The outbox key of an introduction's e-mail to one person: one message per introduction
    and recipient, ever."""
    return f"reviewer-introduction:{introduction.pk}:{user.pk}"


def queue_introduction_emails(introduction: ReviewerIntroduction) -> int:
    """Put one e-mail per point of contact of the member on the day of the introduction into
    the outbox, in the recipient's language: who is introduced (name, organization, training,
    languages, region; never the reviewer's own address: the roster holds no consent to share
    it), why (LH §3.5: the member names its monitoring body; a suggestion, not an assignment),
    and the link to the member's page. The outbox key makes a second call a no-op."""
    from tracker.letters import language_of  # tracker imports monitoring: import late

    member = introduction.member
    reviewers = list(introduction.reviewers.order_by("name", "pk"))
    link = settings.SITE_URL.rstrip("/") + reverse("members:detail", args=[member.slug])
    users = {
        poc.user.pk: poc.user
        for poc in PointOfContact.objects.current(as_of=introduction.introduced_on)
        .filter(member=member)
        .select_related("user")
        .order_by("pk")
        if poc.user.email
    }
    queued = 0
    for user in users.values():
        language = language_of(user)
        with translation.override(language):
            subject = _("Trained reviewers introduced to %(member)s") % {"member": str(member)}
            body = render_to_string(
                "monitoring/email/reviewer_introduction.txt",
                {
                    "name": user.full_name or user.email,
                    "member": str(member),
                    "reviewers": reviewers,
                    "note": introduction.note,
                    "support_email": settings.SUPPORT_UNIT_EMAIL,
                    "link": link,
                },
            ).strip()
        _message, created = queue_message(
            key=introduction_key(introduction, user),
            kind=OutboxKind.REVIEWER_INTRODUCTION,
            to=user.email,
            recipient=user,
            member=member,
            language=language,
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
            body=body + "\n",
        )
        queued += int(created)
    return queued
