"""The evidence repository of a plan (LH Annexes 4 and 5; National Handbook §5): files and links
about the plan's process (co-creation, the forum) or one of its commitments, each with its type,
date and description; public once the plan is submitted.

A filed item is never edited in place. Replacing it files a new version (`replaces` points at
the one before, which gets `superseded_at`); withdrawing it keeps the record with its reason.
The current items are those neither superseded nor withdrawn. Files go through the one upload
module (`ogplocal.documents`: type by content, size limit, stored under a fresh name).
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules import always_deny
from rules.contrib.models import RulesModel

from actionplans.rules import (
    can_file_evidence,
    can_file_evidence_of_plan,
    is_plan_of_commitment_visible,
)
from members.models.core import EARLIEST_DATE, not_before_1990
from ogplocal.documents.links import LINK_MAX_LENGTH, validate_link
from ogplocal.documents.storage import DocumentPath
from ogplocal.documents.validators import DocumentValidator

EVIDENCE_MAX_SIZE = 20 * 1024 * 1024  # 20 MB: scans and photos of events


class EvidenceType(models.TextChoices):
    """The kinds of evidence LH Annex 5 lists, grouped as it groups them."""

    CONSULTATION_PLAN = "consultation_plan", _("Consultation plan, timeline or invitation")
    PARTICIPATION_SPACE = (
        "participation_space",
        _("Terms of reference or composition of the participation space"),
    )
    MEETING_RECORD = "meeting_record", _("Meeting agenda, minutes or list of participants")
    PUBLIC_INPUT = "public_input", _("Proposals from the public and feedback on them")
    BASELINE = "baseline", _("Document establishing the baseline")
    DECISION = "decision", _("Law, regulation, decision or administrative order")
    PROCUREMENT = "procurement", _("Research, procurement or terms of reference")
    TECHNICAL = "technical", _("Technical document (database, information technology)")
    STRATEGY = "strategy", _("Strategy, concept paper or work plan")
    MONITORING = "monitoring", _("Monitoring, evaluation or audit report")
    BUDGET = "budget", _("Budget or resource decision")
    THIRD_PARTY = "third_party", _("Third-party analysis (shadow report, independent tracking)")
    MEDIA = "media", _("Photos, videos or multimedia")
    STATISTICS = "statistics", _("User statistics")
    OTHER = "other", _("Other evidence")


class Evidence(RulesModel):
    plan = models.ForeignKey(
        "actionplans.ActionPlan",
        verbose_name=_("action plan"),
        on_delete=models.PROTECT,
        related_name="evidence",
    )
    commitment = models.ForeignKey(
        "commitments.Commitment",
        verbose_name=_("commitment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence",
        help_text=_("Empty for evidence of the plan's process (co-creation, the forum)."),
    )
    evidence_type = models.CharField(_("type"), max_length=30, choices=EvidenceType.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"),
        max_length=2000,
        blank=True,
        validators=[MaxLengthValidator(2000)],
        help_text=_("What it shows, as a primary source (LH Annex 5)."),
    )
    dated_on = models.DateField(
        _("date"),
        validators=[not_before_1990()],
        help_text=_("The date of the document, event or publication."),
    )
    file = models.FileField(
        _("file"),
        upload_to=DocumentPath("evidence", extension=None),
        blank=True,
        max_length=200,
        validators=[DocumentValidator(max_size=EVIDENCE_MAX_SIZE, name=_("The evidence file"))],
    )
    original_name = models.CharField(
        _("file name"),
        max_length=255,
        blank=True,
        help_text=_("The name the file was uploaded under; shown, never used to store it."),
    )
    url = models.URLField(
        _("link"), max_length=LINK_MAX_LENGTH, blank=True, validators=[validate_link]
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    reason = models.TextField(
        _("reason for the new version"),
        max_length=2000,
        blank=True,
        validators=[MaxLengthValidator(2000)],
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    superseded_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["plan_id", "-dated_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(evidence_type__in=EvidenceType.values), name="evidence_type_valid"
            ),
            models.CheckConstraint(
                condition=(~Q(file="") & Q(url="")) | (Q(file="") & ~Q(url="")),
                name="evidence_file_or_link",
                violation_error_code="evidence.file_or_link",
                violation_error_message=_("Evidence is a file or a link, not both."),
            ),
            models.CheckConstraint(condition=~Q(title=""), name="evidence_has_title"),
            models.CheckConstraint(
                condition=Q(dated_on__gte=EARLIEST_DATE), name="evidence_date_plausible"
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawn_reason=""),
                name="evidence_withdrawn_with_reason",
            ),
            models.CheckConstraint(
                condition=(Q(replaces__isnull=True) & Q(version=1))
                | (Q(replaces__isnull=False) & Q(version__gt=1) & ~Q(reason="")),
                name="evidence_version_chain",
            ),
        ]
        indexes = [models.Index(fields=["plan", "commitment"], name="evidence_plan_commitment")]
        rules_permissions = {
            "view": is_plan_of_commitment_visible,
            "add": can_file_evidence,  # checked with the plan
            "change": can_file_evidence_of_plan,  # a new version or a withdrawal, never in place
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return self.title

    @property
    def is_link(self) -> bool:
        return bool(self.url)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_superseded(self) -> bool:
        return self.superseded_at is not None

    @property
    def is_current(self) -> bool:
        return not (self.is_withdrawn or self.is_superseded)

    @property
    def last_updated_at(self):
        """When this record last changed: filed, replaced or withdrawn (LH Annex 4 timestamps)."""
        return max(t for t in (self.filed_at, self.superseded_at, self.withdrawn_at) if t)

    @property
    def file_kind(self):
        from ogplocal.documents.kinds import kind_of_stored_name

        return kind_of_stored_name(self.file.name) if self.file else None

    @property
    def audit_member(self):
        return self.plan.member
