"""Monitoring bodies and their reviewers (LH §2.3), their assessments (LH §3.5) and the Support
Unit's requirement findings (LH §3.3.1, RULES.md §2 `probation.co_creation`).

A monitoring body independently assesses a member's co-creation and results. Each action plan
names exactly one (`ActionPlan.monitoring_body`, also for a joint plan, LH §3.4); the plan's
non-governmental stakeholders endorse it (`BodyEndorsement`) and staff confirm or question the
choice (`BodyAssignmentReview`).

An `Assessment` is one version of one of the three forms (inception, end of commitment, final
learning). Its state lives in `AssessmentState` and moves only through
`monitoring.services.transition`, which checks `ASSESSMENT_TRANSITIONS`. A published version is
never edited in place: a correction is a new version (`corrects`) with a reason (STYLE.md rule 5).
"""

import uuid
from datetime import date

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules import always_allow, always_deny
from rules.contrib.models import RulesModel

from members.models.core import OgpRegion
from monitoring.rules import (
    can_edit_assessment,
    can_edit_body_profile,
    can_file_evidence,
    can_view_assessment,
    can_view_evidence,
    is_point_of_contact_of_introduced_member,
    is_reviewer_of_same_body,
)
from ogplocal.accounts.rules import is_support_unit
from ogplocal.documents.links import LINK_MAX_LENGTH, validate_link
from ogplocal.documents.storage import DocumentPath
from ogplocal.documents.validators import DocumentValidator


class MonitoringBody(RulesModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    organization = models.ForeignKey(
        "members.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="monitoring_bodies",
        help_text=_("The organization that hosts the body, if any."),
    )
    country = models.ForeignKey(
        "members.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="monitoring_bodies",
    )
    website = models.URLField(_("website"), blank=True)
    about = models.TextField(_("about"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("monitoring body")
        verbose_name_plural = _("monitoring bodies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"], name="monitoring_body_unique_name_in_country"
            ),
        ]
        rules_permissions = {
            "view": always_allow,
            "add": is_support_unit,
            "change": can_edit_body_profile,
            "delete": is_support_unit,
        }

    def __str__(self) -> str:
        return self.name


class ReviewerRole(models.TextChoices):
    LEAD = "lead", _("Lead reviewer")
    REVIEWER = "reviewer", _("Reviewer")


class MonitoringBodyReviewerQuerySet(models.QuerySet):
    def current(self, *, as_of: date) -> "MonitoringBodyReviewerQuerySet":
        """Records in force on `as_of` (`ends_on` is the last day in the role)."""
        return self.filter(Q(starts_on__lte=as_of), Q(ends_on__isnull=True) | Q(ends_on__gte=as_of))


class MonitoringBodyReviewer(RulesModel):
    """A person who writes assessments for a monitoring body, for a period (as PointOfContact).

    A former reviewer keeps their record (assessments they wrote will point at it) with `ends_on`
    set; they hold the role only from `starts_on` through `ends_on`.
    """

    body = models.ForeignKey(
        MonitoringBody,
        verbose_name=_("monitoring body"),
        on_delete=models.PROTECT,
        related_name="reviewers",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="monitoring_reviews",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=ReviewerRole.choices, default=ReviewerRole.REVIEWER
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(
        _("ends on"), null=True, blank=True, help_text=_("The last day in the role.")
    )

    objects = MonitoringBodyReviewerQuerySet.as_manager()

    class Meta:
        verbose_name = _("monitoring body reviewer")
        verbose_name_plural = _("monitoring body reviewers")
        ordering = ["body__name", "role", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "user"],
                condition=Q(ends_on__isnull=True),
                name="reviewer_unique_open_per_body",
            ),
            models.UniqueConstraint(
                fields=["body"],
                condition=Q(role="lead", ends_on__isnull=True),
                name="reviewer_one_open_lead_per_body",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="reviewer_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(role__in=ReviewerRole.values), name="reviewer_role_valid"
            ),
        ]
        rules_permissions = {
            "view": is_support_unit | is_reviewer_of_same_body,
            "add": is_support_unit,
            "change": is_support_unit,
            "delete": is_support_unit,
        }

    def __str__(self) -> str:
        return f"{self.user} · {self.body}"


# --- Assessments (LH §3.5) ----------------------------------------------------------------------

TEXT_MAX_LENGTH = 10000


def _text(label, help_text="", max_length=TEXT_MAX_LENGTH):
    return models.TextField(
        label,
        blank=True,
        max_length=max_length,
        validators=[MaxLengthValidator(max_length)],
        help_text=help_text,
    )


class AssessmentKind(models.TextChoices):
    """The engine's `assessments[].kind` (RULES.md §5)."""

    INCEPTION = "inception", _("Inception assessment")
    END_OF_COMMITMENT = "end_of_commitment", _("End-of-commitment assessment")
    FINAL_LEARNING = "final_learning", _("Final learning exercise")


class AssessmentState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COMMENT_PERIOD = "comment_period", _("Open for comments")
    PUBLISHED = "published", _("Published")


# The one transition table (STYLE.md rule 4), enforced by `monitoring.services.transition`: a draft
# is opened for comments by the government and the non-governmental stakeholders (LH §3.5), then
# published once the period has closed. A published version never moves again.
ASSESSMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    AssessmentState.DRAFT: frozenset({AssessmentState.COMMENT_PERIOD}),
    AssessmentState.COMMENT_PERIOD: frozenset({AssessmentState.PUBLISHED}),
    AssessmentState.PUBLISHED: frozenset(),
}


class CompletionLevel(models.TextChoices):
    """LH §3.5.2: the level of completion of a commitment."""

    NOT_STARTED = "not_started", _("Not started")
    LIMITED = "limited", _("Limited")
    SUBSTANTIAL = "substantial", _("Substantial")
    COMPLETE = "complete", _("Complete")


class Assessment(RulesModel):
    """One version of an assessment of a plan (or, at the end of a commitment, of a commitment)."""

    plan = models.ForeignKey(
        "actionplans.ActionPlan",
        verbose_name=_("action plan"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    commitment = models.ForeignKey(
        "commitments.Commitment",
        verbose_name=_("commitment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
        help_text=_("For an end-of-commitment assessment only."),
    )
    body = models.ForeignKey(
        MonitoringBody,
        verbose_name=_("monitoring body"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AssessmentKind.choices)
    state = models.CharField(
        _("state"), max_length=20, choices=AssessmentState.choices, default=AssessmentState.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
        help_text=_("The published version this one corrects."),
    )
    correction_reason = _text(_("reason for the correction"), max_length=2000)

    # Comment period (LH §3.5: both the government and non-governmental stakeholders invited).
    comment_period_opened_on = models.DateField(
        _("comment period opened on"), null=True, blank=True
    )
    comment_period_ends_on = models.DateField(_("last day for comments"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    # Inception (LH §3.5.1): what the portal counted when the draft was started.
    co_creation_meeting_count = models.PositiveIntegerField(
        _("co-creation meetings recorded"), null=True, blank=True
    )
    implementation_meeting_count = models.PositiveIntegerField(
        _("implementation meetings recorded"), null=True, blank=True
    )
    contribution_count = models.PositiveIntegerField(
        _("contributions with a reasoned response"), null=True, blank=True
    )
    endorsing_stakeholder_count = models.PositiveIntegerField(
        _("endorsing non-governmental stakeholders"), null=True, blank=True
    )

    # End of commitment (LH §3.5.2).
    completion_level = models.CharField(
        _("level of completion"), max_length=20, choices=CompletionLevel.choices, blank=True
    )
    early_results = _text(
        _("Early results"),
        _("The early results and outcomes of the commitment's implementation."),
    )
    evidence = _text(
        _("Evidence"),
        _("The evidence relied on: documents, links, meetings, interviews (LH Annex 5)."),
    )

    # Final learning exercise (LH §3.5.3).
    successes = _text(_("Successes"), _("From co-creation to final implementation."))
    improvements = _text(_("Areas for improvement"))
    lack_of_progress = _text(
        _("Reasons for lack of progress"),
        _("For reforms that have not proceeded as planned."),
    )
    way_forward = _text(_("The way forward"), _("How to overcome the challenges identified."))
    participants = _text(
        _("Stakeholders who took part"),
        _("Who took part in the learning exercise."),
        max_length=4000,
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["plan_id", "kind", "commitment_id", "version"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AssessmentKind.values), name="assessment_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=AssessmentState.values), name="assessment_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(completion_level="") | Q(completion_level__in=CompletionLevel.values),
                name="assessment_completion_level_valid",
            ),
            # A commitment for an end-of-commitment assessment, and only then.
            models.CheckConstraint(
                condition=(Q(kind=AssessmentKind.END_OF_COMMITMENT) & Q(commitment__isnull=False))
                | (~Q(kind=AssessmentKind.END_OF_COMMITMENT) & Q(commitment__isnull=True)),
                name="assessment_commitment_iff_end_of_commitment",
            ),
            models.UniqueConstraint(
                fields=["plan", "kind", "version"],
                condition=Q(commitment__isnull=True),
                name="assessment_version_unique_per_plan",
            ),
            models.UniqueConstraint(
                fields=["commitment", "version"],
                condition=Q(commitment__isnull=False),
                name="assessment_version_unique_per_commitment",
            ),
            # Version 1 corrects nothing; a later version corrects one, with a reason.
            models.CheckConstraint(
                condition=(Q(version=1) & Q(corrects__isnull=True))
                | (Q(version__gt=1) & Q(corrects__isnull=False) & ~Q(correction_reason="")),
                name="assessment_correction_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(state=AssessmentState.DRAFT)
                | (
                    Q(comment_period_opened_on__isnull=False)
                    & Q(comment_period_ends_on__gte=models.F("comment_period_opened_on"))
                ),
                name="assessment_comment_period_dated",
            ),
            models.CheckConstraint(
                condition=~Q(state=AssessmentState.PUBLISHED)
                | Q(published_on__gt=models.F("comment_period_ends_on")),
                name="assessment_published_after_comment_period",
            ),
        ]
        rules_permissions = {
            "view": can_view_assessment,
            "add": always_deny,  # through `monitoring.start_assessment`, checked with the plan
            "change": can_edit_assessment,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        subject = self.commitment.title if self.commitment_id else str(self.plan)
        return _("%(kind)s: %(subject)s (version %(version)s)") % {
            "kind": self.get_kind_display(),
            "subject": subject,
            "version": self.version,
        }

    @property
    def is_published(self) -> bool:
        return self.state == AssessmentState.PUBLISHED

    @property
    def is_editable(self) -> bool:
        return self.state != AssessmentState.PUBLISHED

    def comment_period_closed(self, as_of: date) -> bool:
        """The period closes at the end of its last day."""
        return self.comment_period_ends_on is not None and as_of > self.comment_period_ends_on

    @property
    def audit_member(self):
        return self.plan.member


class Requirement(models.TextChoices):
    """The four minimum co-creation requirements of LH §3.3.1."""

    FORUM = "forum", _("Forum")
    REGULARITY = "regularity", _("Regularity")
    MULTI_STAKEHOLDER = "multi_stakeholder", _("Multi-stakeholder")
    ENDORSEMENT = "endorsement", _("Endorsement")


REQUIREMENT_HELP = {
    Requirement.FORUM: _(
        "A space for participation in the development and the review of the action plan."
    ),
    Requirement.REGULARITY: _(
        "At least one meeting with non-governmental stakeholders during co-creation, and two "
        "meetings a year on implementation."
    ),
    Requirement.MULTI_STAKEHOLDER: _(
        "Both governmental and non-governmental representatives in the space for co-creation."
    ),
    Requirement.ENDORSEMENT: _(
        "Non-governmental stakeholders endorse the final action plan, and their names are "
        "submitted with it."
    ),
}


class Practice(models.TextChoices):
    """The recommended practices of LH §3.3.2."""

    PROCESS_TRANSPARENCY = "process_transparency", _("Process transparency")
    DOCUMENTATION_IN_ADVANCE = "documentation_in_advance", _("Documentation in advance")
    AWARENESS_RAISING = "awareness_raising", _("Awareness-raising")
    INCLUSIVENESS = "inclusiveness", _("Inclusiveness")
    COMMUNICATION_CHANNELS = "communication_channels", _("Communication channels")
    RECORD_KEEPING = "record_keeping", _("Record keeping")
    FEEDBACK = "feedback", _("Feedback")
    COLLABORATE = "collaborate", _("Collaborate")


class PracticeRating(models.TextChoices):
    NOT_APPLIED = "not_applied", _("Not applied")
    PARTLY_APPLIED = "partly_applied", _("Partly applied")
    APPLIED = "applied", _("Applied")


class RequirementCheck(models.Model):
    """Part 1 of an inception assessment: one minimum requirement, met or not, with the evidence
    relied on (LH §3.3.1, §3.5.1(1a))."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="requirement_checks"
    )
    requirement = models.CharField(_("requirement"), max_length=30, choices=Requirement.choices)
    met = models.BooleanField(_("met"), null=True, blank=True)
    evidence = _text(_("evidence relied on"), max_length=4000)

    class Meta:
        verbose_name = _("requirement check")
        verbose_name_plural = _("requirement checks")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "requirement"], name="requirement_check_once"
            ),
            models.CheckConstraint(
                condition=Q(requirement__in=Requirement.values), name="requirement_check_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.get_requirement_display()


class PracticeAssessment(models.Model):
    """Part 1 of an inception assessment: one recommended practice rated, with comments
    (LH §3.3.2, §3.5.1(1b))."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="practice_ratings"
    )
    practice = models.CharField(_("practice"), max_length=30, choices=Practice.choices)
    rating = models.CharField(
        _("rating"), max_length=20, choices=PracticeRating.choices, blank=True
    )
    comment = _text(_("comments"), max_length=4000)

    class Meta:
        verbose_name = _("recommended practice rating")
        verbose_name_plural = _("recommended practice ratings")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "practice"], name="practice_once"),
            models.CheckConstraint(
                condition=Q(practice__in=Practice.values), name="practice_valid"
            ),
            models.CheckConstraint(
                condition=Q(rating="") | Q(rating__in=PracticeRating.values),
                name="practice_rating_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.get_practice_display()


class Relevance(models.TextChoices):
    RELEVANT = "relevant", _("Relevant")
    UNCLEAR = "unclear", _("Unclear")
    NOT_RELEVANT = "not_relevant", _("Not relevant")


class Verifiability(models.TextChoices):
    VERIFIABLE = "verifiable", _("Verifiable")
    PARTLY_VERIFIABLE = "partly_verifiable", _("Partly verifiable")
    NOT_VERIFIABLE = "not_verifiable", _("Not verifiable")


class PotentialImpact(models.TextChoices):
    NONE = "none", _("None")
    MINOR = "minor", _("Minor")
    MODERATE = "moderate", _("Moderate")
    TRANSFORMATIVE = "transformative", _("Transformative")


class CommitmentRating(models.Model):
    """Part 2 of an inception assessment: one initial commitment rated on relevance to the OGP
    values, verifiability and potential impact, each with a justification (LH §3.5.1(2))."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="commitment_ratings"
    )
    commitment = models.ForeignKey(
        "commitments.Commitment", on_delete=models.PROTECT, related_name="+"
    )
    relevance = models.CharField(
        _("relevance to the OGP values"), max_length=20, choices=Relevance.choices, blank=True
    )
    relevance_justification = _text(_("justification of the relevance"), max_length=4000)
    verifiability = models.CharField(
        _("verifiability"), max_length=20, choices=Verifiability.choices, blank=True
    )
    verifiability_justification = _text(_("justification of the verifiability"), max_length=4000)
    potential_impact = models.CharField(
        _("potential impact"), max_length=20, choices=PotentialImpact.choices, blank=True
    )
    potential_impact_justification = _text(
        _("justification of the potential impact"), max_length=4000
    )

    class Meta:
        verbose_name = _("commitment rating")
        verbose_name_plural = _("commitment ratings")
        ordering = ["assessment_id", "commitment__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "commitment"], name="commitment_rating_once"
            ),
        ]

    def __str__(self) -> str:
        return str(self.commitment)


# --- Comment period ------------------------------------------------------------------------------


class CommentGroup(models.TextChoices):
    """LH §3.5: "invite both government and non-government actors to provide comments"."""

    GOVERNMENT = "government", _("Government")
    NON_GOVERNMENTAL = "non_governmental", _("Non-governmental stakeholders")


class CommentInvitation(models.Model):
    """An invitation to comment on an assessment during its comment period, recorded when the
    period opens. Each carries an unguessable token: its link lets an invitee without an account
    (a non-governmental stakeholder) comment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="invitations")
    group = models.CharField(_("group"), max_length=20, choices=CommentGroup.choices)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    invited_on = models.DateField(_("invited on"))

    class Meta:
        verbose_name = _("comment invitation")
        verbose_name_plural = _("comment invitations")
        ordering = ["assessment_id", "group", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(group__in=CommentGroup.values), name="comment_invitation_group_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_group_display()})"


class AssessmentComment(models.Model):
    """A comment received during the comment period. Append-only."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="comments")
    invitation = models.ForeignKey(
        CommentInvitation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
    )
    group = models.CharField(_("group"), max_length=20, choices=CommentGroup.choices)
    author_name = models.CharField(_("name"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    body = models.TextField(_("comment"), max_length=4000, validators=[MaxLengthValidator(4000)])
    submitted_on = models.DateField(_("submitted on"))
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment on an assessment")
        verbose_name_plural = _("comments on assessments")
        ordering = ["assessment_id", "submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="assessment_comment_has_body"),
            models.CheckConstraint(
                condition=Q(group__in=CommentGroup.values), name="assessment_comment_group_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author_name} · {self.submitted_on:%Y-%m-%d}"


# --- Requirement findings (LH §3.3.1, §4.2) ------------------------------------------------------


class RequirementFinding(RulesModel):
    """The Support Unit's finding whether the four minimum co-creation requirements of LH §3.3.1
    are met, from a published inception assessment or from new evidence. An unmet finding puts
    the member on probation until a later finding says they are met (RULES.md §2,
    `probation.co_creation`). `recorded_on` is the day it is recorded, never backdated: the
    service sets it. Of several on one day, the last recorded counts."""

    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="requirement_findings",
    )
    plan = models.ForeignKey(
        "actionplans.ActionPlan",
        verbose_name=_("action plan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requirement_findings",
    )
    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment relied on"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
    )
    met = models.BooleanField(_("the four requirements are met"))
    reasons = models.TextField(_("reasons"), max_length=4000, validators=[MaxLengthValidator(4000)])
    evidence = _text(
        _("new evidence"),
        _("When the finding relies on evidence other than an assessment."),
        max_length=4000,
    )
    recorded_on = models.DateField(_("recorded on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("requirement finding")
        verbose_name_plural = _("requirement findings")
        ordering = ["member_id", "recorded_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reasons=""), name="finding_has_reasons"),
            models.CheckConstraint(
                condition=Q(assessment__isnull=False) | ~Q(evidence=""),
                name="finding_has_a_source",
            ),
        ]
        rules_permissions = {
            "view": always_allow,
            "add": is_support_unit,
            "change": always_deny,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        verdict = _("met") if self.met else _("not met")
        return f"{self.member} · {self.recorded_on:%Y-%m-%d} · {verdict}"


# --- The plan's body: endorsement and the Support Unit's answer (LH §3.5) -----------------------


class BodyEndorsement(models.Model):
    """A non-governmental stakeholder of the plan endorses its monitoring body (LH §3.5: "The
    mechanism must be endorsed by the local non-governmental stakeholders")."""

    plan = models.ForeignKey(
        "actionplans.ActionPlan", on_delete=models.PROTECT, related_name="body_endorsements"
    )
    body = models.ForeignKey(MonitoringBody, on_delete=models.PROTECT, related_name="endorsements")
    stakeholder = models.ForeignKey(
        "actionplans.EndorsingStakeholder",
        verbose_name=_("stakeholder"),
        on_delete=models.PROTECT,
        related_name="body_endorsements",
    )
    endorsed_on = models.DateField(_("endorsed on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("endorsement of a monitoring body")
        verbose_name_plural = _("endorsements of monitoring bodies")
        ordering = ["plan_id", "endorsed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "body", "stakeholder"], name="body_endorsement_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stakeholder} → {self.body}"


class BodyAssignmentDecision(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    QUESTIONED = "questioned", _("Questioned")


class BodyAssignmentReview(models.Model):
    """The Support Unit confirms or questions a plan's choice of monitoring body. Append-only:
    the latest counts."""

    plan = models.ForeignKey(
        "actionplans.ActionPlan", on_delete=models.PROTECT, related_name="body_reviews"
    )
    body = models.ForeignKey(MonitoringBody, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(
        _("decision"), max_length=20, choices=BodyAssignmentDecision.choices
    )
    reasons = models.TextField(_("reasons"), max_length=4000, validators=[MaxLengthValidator(4000)])
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review of a monitoring body assignment")
        verbose_name_plural = _("reviews of monitoring body assignments")
        ordering = ["plan_id", "decided_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__in=BodyAssignmentDecision.values),
                name="body_review_decision_valid",
            ),
            models.CheckConstraint(condition=~Q(reasons=""), name="body_review_has_reasons"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.get_decision_display()}"


# --- Evidence of an assessment (LH §3.5, Annex 5) ------------------------------------------------

ASSESSMENT_EVIDENCE_MAX_SIZE = 20 * 1024 * 1024  # as the plan's evidence repository: scans, photos


class AssessmentEvidence(RulesModel):
    """A file or a link the monitoring body relies on in one version of an assessment.

    Added while the version is a draft or open for comments, never edited: a wrong piece is
    withdrawn with a reason and stays listed as withdrawn (history kept). Files go through the one
    upload module (`ogplocal.documents`: type by content, size limit, a fresh stored name that is
    never overwritten). Public with the assessment once it is published. A correction (a new
    version) starts with the current evidence of the version it corrects, as new rows pointing at
    the same stored files."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.PROTECT,
        related_name="evidence_items",
    )
    title = models.CharField(_("what it shows"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=DocumentPath("assessment-evidence", extension=None),
        validators=[
            DocumentValidator(max_size=ASSESSMENT_EVIDENCE_MAX_SIZE, name=_("The evidence file"))
        ],
        blank=True,
        max_length=200,
    )
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    link = models.URLField(
        _("link"), max_length=LINK_MAX_LENGTH, validators=[validate_link], blank=True
    )
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The same evidence in the version this one corrects."),
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_reason = models.TextField(
        _("reason for withdrawal"),
        max_length=2000,
        blank=True,
        validators=[MaxLengthValidator(2000)],
    )

    class Meta:
        verbose_name = _("evidence of an assessment")
        verbose_name_plural = _("evidence of assessments")
        ordering = ["assessment_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(link="")) | (~Q(file="") & Q(link="")),
                name="assessment_evidence_file_or_link",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="assessment_evidence_has_title"),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawn_reason=""),
                name="assessment_evidence_withdrawn_with_reason",
            ),
        ]
        rules_permissions = {
            "view": can_view_evidence,
            "add": can_edit_assessment,  # checked with the assessment
            "change": can_file_evidence,  # a withdrawal, never in place
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return self.title

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def download_name(self) -> str:
        return self.original_name or self.title

    @property
    def file_kind(self):
        from ogplocal.documents.kinds import kind_of_stored_name

        return kind_of_stored_name(self.file.name) if self.file else None

    @property
    def audit_member(self):
        return self.assessment.plan.member


# --- The Support Unit's pool of trained reviewers (LH §3.5) --------------------------------------


class TrainedReviewer(RulesModel):
    """A person the Support Unit (or a partner) has trained to review action plans, whom staff can
    introduce to a member looking for a monitoring body or for reviewers for its body (issue 20:
    "staff … can connect a member with a pool of trained reviewers"). The roster is kept by staff
    in the Support Unit admin, where every addition and change is audited. Not an account: a
    trained reviewer becomes a body's reviewer (`MonitoringBodyReviewer`) only when the body adds
    them."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(
        _("e-mail"),
        help_text=_(
            "Shown to the points of contact of each member this reviewer is introduced to, never "
            "to the public: record only an address the reviewer agreed to share that way."
        ),
    )
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    trained_on = models.DateField(_("trained on"))
    training = models.CharField(
        _("training"),
        max_length=200,
        blank=True,
        help_text=_("The course or workshop, such as “OGP Local reviewers, 2025”."),
    )
    languages = models.CharField(
        _("languages"),
        max_length=200,
        help_text=_("The languages they review in, for example “English, Spanish”."),
    )
    ogp_region = models.CharField(
        _("OGP region"),
        max_length=30,
        choices=OgpRegion.choices,
        blank=True,
        help_text=_("Empty: any region."),
    )
    is_available = models.BooleanField(_("available"), default=True)
    notes = models.TextField(
        _("notes"), max_length=2000, blank=True, validators=[MaxLengthValidator(2000)]
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("trained reviewer")
        verbose_name_plural = _("pool of trained reviewers")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["email"], name="trained_reviewer_unique_email"),
            models.CheckConstraint(condition=~Q(name=""), name="trained_reviewer_has_name"),
            models.CheckConstraint(
                condition=Q(ogp_region="") | Q(ogp_region__in=OgpRegion.values),
                name="trained_reviewer_region_valid",
            ),
        ]
        rules_permissions = {
            "view": is_support_unit,
            "add": is_support_unit,
            "change": is_support_unit,
            "delete": always_deny,  # introductions point at them; set "available" off instead
        }

    def __str__(self) -> str:
        return self.name


class ReviewerIntroduction(RulesModel):
    """Staff introduce reviewers of the pool to a member (its points of contact see it on the
    member's page). Append-only: what was suggested, to whom, when and by whom stays."""

    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="reviewer_introductions",
    )
    reviewers = models.ManyToManyField(
        TrainedReviewer, verbose_name=_("trained reviewers"), related_name="introductions"
    )
    note = models.TextField(
        _("note to the member"), max_length=2000, blank=True, validators=[MaxLengthValidator(2000)]
    )
    introduced_on = models.DateField(_("introduced on"))
    introduced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("introduced by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    introduced_at = models.DateTimeField(_("introduced at"), auto_now_add=True)

    class Meta:
        verbose_name = _("introduction of trained reviewers")
        verbose_name_plural = _("introductions of trained reviewers")
        ordering = ["member_id", "-introduced_at", "-pk"]
        rules_permissions = {
            "view": is_support_unit | is_point_of_contact_of_introduced_member,
            "add": is_support_unit,
            "change": always_deny,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return f"{self.member} · {self.introduced_on:%Y-%m-%d}"
