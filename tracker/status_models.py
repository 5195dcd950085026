"""What the daily job records (RULES.md §6): StatusChange, StatusLetter, and the job's own
bookkeeping per member (MemberEvaluation). Imported by `tracker/models.py`.

Nothing here is edited after it is written: an announced change stays in the record; a fact
learned late is answered by a new `correction`, never by rewriting the past.
"""

from __future__ import annotations

import rules
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules import always_deny
from rules.contrib.models import RulesModel

from members.models import Member, MemberStatus
from members.rules import is_point_of_contact_of_member
from ogplocal.accounts.rules import is_support_unit
from ogplocal.documents.storage import DocumentPath
from tracker import engine


@rules.predicate
def is_point_of_contact_of_its_member(user, record) -> bool:
    """A current point of contact of the member a status change or letter is about."""
    return record is not None and is_point_of_contact_of_member(user, record.member)


# A member's status history and letters: its points of contact and the Support Unit (LH §4).
can_view_status_record = is_support_unit | is_point_of_contact_of_its_member
# The admin shows the tracker app to the Support Unit only (django-rules: a permission named
# after the app).
rules.set_perm("tracker", is_support_unit)
# Checked with the member, on its page.
rules.set_perm(
    "tracker.view_member_status_letters", is_support_unit | is_point_of_contact_of_member
)


class ChangeKind(models.TextChoices):
    """RULES.md §6: the first run records the timeline as `baseline`; later runs record what
    changed (`change`), or, when a fact learned late rewrote the past, the state at the run's
    day (`correction`)."""

    BASELINE = "baseline", _("Baseline")
    CHANGE = "change", _("Change")
    CORRECTION = "correction", _("Correction")


class StatusChange(RulesModel):
    """One status the portal announced for a member, effective from `effective_on`."""

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="status_changes"
    )
    effective_on = models.DateField(_("effective on"))
    status = models.CharField(_("status"), max_length=20, choices=MemberStatus.choices)
    voluntary = models.BooleanField(_("voluntary"), default=False)
    # The rule ids in force (sorted, as in the engine's timeline) and the reasons at
    # `effective_on` (rule, since, handbook and the rule's structured facts; see tracker.status).
    rules = models.JSONField(_("rules"), default=list, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ChangeKind.choices)
    # The day of the run that recorded it (the job's as_of), and when.
    recorded_on = models.DateField(_("recorded on"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["member_id", "effective_on"]
        constraints = [
            # RULES.md §6: a change is unique per member and effective date, so a re-run, a
            # concurrent run or a run after a crash can never record one twice.
            models.UniqueConstraint(
                fields=["member", "effective_on"], name="status_change_unique_per_member_and_day"
            ),
            models.CheckConstraint(
                condition=Q(status__in=engine.STATUSES), name="status_change_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(voluntary=False) | Q(status=engine.INACTIVE),
                name="status_change_voluntary_only_when_inactive",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ChangeKind.values), name="status_change_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(recorded_on__gte=models.F("effective_on")),
                name="status_change_not_recorded_before_effective",
            ),
        ]
        indexes = [models.Index(fields=["member", "-effective_on"], name="status_change_latest")]
        rules_permissions = {
            "view": can_view_status_record,
            "add": always_deny,
            "change": always_deny,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return f"{self.member_id} {self.effective_on} {self.status}"

    @property
    def state(self) -> tuple[str, bool, tuple[str, ...]]:
        return (self.status, self.voluntary, tuple(self.rules))


class StatusLetter(RulesModel):
    """The letter of one status change (RULES.md §6), as a stored PDF. Its e-mails are outbox
    rows (ogplocal.notifications), one per recipient."""

    change = models.OneToOneField(
        StatusChange,
        verbose_name=_("status change"),
        on_delete=models.PROTECT,
        related_name="letter",
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="status_letters"
    )
    dated_on = models.DateField(_("date"))
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    # Probation: the day it turns into revocation unless rectified (LH §4.2).
    revocation_on = models.DateField(_("revocation on"), null=True, blank=True)
    pdf = models.FileField(_("letter (PDF)"), upload_to=DocumentPath("status-letters"))
    language = models.CharField(_("language"), max_length=8, default="en")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status letter")
        verbose_name_plural = _("status letters")
        ordering = ["-dated_on", "-pk"]
        rules_permissions = {
            "view": can_view_status_record,
            "add": always_deny,
            "change": always_deny,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return self.reference


class MemberEvaluation(models.Model):
    """The daily job's bookkeeping for one member: when it was last evaluated, when it must be
    evaluated again without new facts (the engine's `next_change_on`, or the day a fact already
    recorded becomes known), and the last error its data caused."""

    member = models.OneToOneField(
        Member,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="evaluation",
        primary_key=True,
    )
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    evaluated_at = models.DateTimeField(_("evaluated at"), null=True, blank=True)
    next_evaluation_on = models.DateField(_("next evaluation on"), null=True, blank=True)
    error = models.TextField(_("last error"), blank=True)
    error_on = models.DateField(_("error on"), null=True, blank=True)

    class Meta:
        verbose_name = _("member evaluation")
        verbose_name_plural = _("member evaluations")
        indexes = [models.Index(fields=["next_evaluation_on"], name="member_eval_next")]

    def __str__(self) -> str:
        return f"{self.member_id} {self.evaluated_on}"
