"""Quarterly tracker updates (LH §3.5.4) and voluntary inactivity (LH §4.1).

A point of contact files, each quarter, one `TrackerUpdate` per open commitment. What was filed is
public and never edited in place: the update holds its versions (`TrackerUpdateVersion`), the
first filed with the update and each later one a correction with its reason. Whether a version
records *progress* (RULES.md §2) is derived by `tracker.services_updates` from the levels and
milestones filed, never typed (`tracker.progress`).

A `VoluntaryInactivity` is requested by a point of contact and granted or refused once by the
Support Unit (`tracker.services_inactivity`); its `granted_on` is the day the daily job learns it
(RULES.md §6).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from ogplocal.accounts.rules import is_support_unit
from ogplocal.documents.links import LINK_MAX_LENGTH, validate_link
from ogplocal.documents.storage import DocumentPath
from ogplocal.documents.validators import DocumentValidator
from tracker import engine
from tracker.rules import (
    can_decide_voluntary_inactivity,
    can_end_voluntary_inactivity,
    can_file_update,
    can_request_voluntary_inactivity,
    can_view_update,
    can_view_voluntary_inactivity,
)


class CompletionLevel(models.TextChoices):
    """The completion levels of a commitment, in order (LH §3.5.4)."""

    NOT_STARTED = "not_started", _("Not started")
    LIMITED = "limited", _("Limited")
    SUBSTANTIAL = "substantial", _("Substantial")
    COMPLETE = "complete", _("Complete")

    @classmethod
    def rank(cls, value: str) -> int:
        return cls.values.index(value)


class MilestoneState(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETE = "complete", _("Complete")
    DELAYED = "delayed", _("Delayed")


class TrackerUpdate(RulesModel):
    """The update of one commitment for one calendar quarter: the quarter of the day it was first
    filed (RULES.md §2, Decisions). Its content is in its versions."""

    commitment = models.ForeignKey(
        "commitments.Commitment",
        verbose_name=_("commitment"),
        on_delete=models.PROTECT,
        related_name="tracker_updates",
    )
    quarter_starts_on = models.DateField(_("quarter starts on"))
    submitted_on = models.DateField(_("submitted on"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tracker update")
        verbose_name_plural = _("tracker updates")
        ordering = ["commitment_id", "-quarter_starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "quarter_starts_on"], name="tracker_update_one_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter_starts_on__day=1, quarter_starts_on__month__in=(1, 4, 7, 10)),
                name="tracker_update_quarter_first_day",
            ),
            models.CheckConstraint(
                condition=Q(submitted_on__gte=models.F("quarter_starts_on")),
                name="tracker_update_submitted_in_quarter",
            ),
        ]
        rules_permissions = {"view": can_view_update, "add": can_file_update}

    def __str__(self) -> str:
        return f"{self.commitment} · {self.quarter_label}"

    @property
    def quarter_label(self) -> str:
        return engine.quarter_label(engine.quarter_of(self.quarter_starts_on))

    @property
    def plan(self):
        return self.commitment.plan

    @property
    def audit_member(self):
        return self.commitment.plan.member


class TrackerUpdateVersion(models.Model):
    """What was filed: version 1 with the update, each later version a correction with a reason."""

    update = models.ForeignKey(
        TrackerUpdate,
        verbose_name=_("tracker update"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveSmallIntegerField(_("version"))
    filed_on = models.DateField(_("filed on"))
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    completion_level = models.CharField(
        _("completion level"), max_length=20, choices=CompletionLevel.choices
    )
    narrative = models.TextField(
        _("narrative"), help_text=_("What was done this quarter and what came of it.")
    )
    next_steps = models.TextField(_("next steps"), help_text=_("What comes next, and by when."))
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    # Derived by the service (RULES.md §2): the level of the commitment's latest update of an
    # earlier quarter, and whether this version raised it or marked a milestone newly complete.
    previous_level = models.CharField(
        _("previous completion level"), max_length=20, choices=CompletionLevel.choices
    )
    progress = models.BooleanField(_("records progress"))

    class Meta:
        verbose_name = _("tracker update version")
        verbose_name_plural = _("tracker update versions")
        ordering = ["update_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["update", "number"], name="tracker_version_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="tracker_version_positive"),
            models.CheckConstraint(
                condition=Q(completion_level__in=CompletionLevel.values)
                & Q(previous_level__in=CompletionLevel.values),
                name="tracker_version_levels_valid",
            ),
            models.CheckConstraint(
                condition=Q(number=1) | ~Q(correction_reason=""),
                name="tracker_correction_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(narrative="") & ~Q(next_steps=""),
                name="tracker_version_has_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.update} v{self.number}"

    @property
    def is_correction(self) -> bool:
        return self.number > 1


class MilestoneReport(models.Model):
    """The state of one milestone in a version. Milestones are named by number (a change notice
    replaces a commitment's milestones, LH §3.2.1.3), with the output as it read when filed."""

    version = models.ForeignKey(
        TrackerUpdateVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="milestones",
    )
    number = models.PositiveSmallIntegerField(_("milestone number"))
    output = models.TextField(_("output"))
    state = models.CharField(_("state"), max_length=20, choices=MilestoneState.choices)
    delay_reason = models.TextField(_("reason for the delay"), blank=True)

    class Meta:
        verbose_name = _("milestone state")
        verbose_name_plural = _("milestone states")
        ordering = ["version_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "number"], name="tracker_milestone_once_per_version"
            ),
            models.CheckConstraint(
                condition=Q(state__in=MilestoneState.values), name="tracker_milestone_state_valid"
            ),
            models.CheckConstraint(
                condition=~Q(state=MilestoneState.DELAYED) | ~Q(delay_reason=""),
                name="tracker_delay_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.get_state_display()}"


class Evidence(models.Model):
    """A file or a link supporting a version of an update (LH §3.5.4): added with the version,
    kept with it. Files pass the one upload module (`ogplocal.documents`): the kind decided by
    content, a size limit, an unguessable stored name; they are served only to who may see the
    update, as attachments."""

    version = models.ForeignKey(
        TrackerUpdateVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="evidence",
    )
    title = models.CharField(_("what it shows"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=DocumentPath("tracker-evidence", extension=None),
        validators=[DocumentValidator(name=_("The evidence"))],
        blank=True,
        max_length=200,
    )
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    link = models.URLField(
        _("link"), max_length=LINK_MAX_LENGTH, validators=[validate_link], blank=True
    )

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["version_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(link="")) | (~Q(file="") & Q(link="")),
                name="tracker_evidence_file_or_link",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="tracker_evidence_has_title"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def download_name(self) -> str:
        return self.original_name or self.title

    @property
    def plan(self):
        return self.version.update.commitment.plan


class VoluntaryState(models.TextChoices):
    PENDING = "pending", _("Pending")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class VoluntaryInactivity(RulesModel):
    """A request for voluntary inactivity (LH §4.1) and the Support Unit's decision on it.

    Written twice and never edited: when requested, and once when granted or refused."""

    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="voluntary_inactivity",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Leave empty for an open-ended period.")
    )
    reason = models.TextField(_("reason"))
    requested_on = models.DateField(_("requested on"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=20, choices=VoluntaryState.choices, default=VoluntaryState.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    # The day the daily job learns the period (RULES.md §6): the decision day of a grant.
    granted_on = models.DateField(_("granted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("voluntary inactivity")
        verbose_name_plural = _("voluntary inactivity")
        ordering = ["member_id", "-requested_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="voluntary_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(state__in=VoluntaryState.values), name="voluntary_state_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        state=VoluntaryState.PENDING,
                        decided_on__isnull=True,
                        granted_on__isnull=True,
                    )
                    | Q(
                        state=VoluntaryState.GRANTED,
                        decided_on__isnull=False,
                        granted_on=models.F("decided_on"),
                    )
                    | Q(
                        state=VoluntaryState.REFUSED,
                        decided_on__isnull=False,
                        granted_on__isnull=True,
                    )
                ),
                name="voluntary_decision_consistent",
            ),
            models.CheckConstraint(
                condition=Q(state=VoluntaryState.PENDING) | ~Q(decision_reason=""),
                name="voluntary_decision_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("requested_on")),
                name="voluntary_decided_after_request",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="voluntary_has_reason"),
        ]
        rules_permissions = {
            "view": can_view_voluntary_inactivity,
            "add": can_request_voluntary_inactivity,
            "change": can_decide_voluntary_inactivity,
        }

    def __str__(self) -> str:
        until = self.ends_on.isoformat() if self.ends_on else "…"
        return f"{self.member} · {self.starts_on.isoformat()} to {until}"

    @property
    def is_pending(self) -> bool:
        return self.state == VoluntaryState.PENDING

    @property
    def audit_member(self):
        return self.member

    # H2 (issue 21): a granted period is ended by a later record, never by editing `ends_on`.
    @property
    def latest_end(self) -> "VoluntaryInactivityEnd | None":
        """The latest end recorded (prefetch `ends` to read it without a query)."""
        ends = list(self.ends.all())
        return max(ends, key=lambda end: (end.recorded_on, end.pk)) if ends else None

    @property
    def effective_ends_on(self):
        """The period's last day as recorded now: the latest end's, else the one granted."""
        end = self.latest_end
        return end.ends_on if end is not None else self.ends_on


class VoluntaryInactivityEnd(RulesModel):
    """H2 (issue 21): a granted period of voluntary inactivity ended (or shortened) on a day,
    recorded by a point of contact of the member or the Support Unit (docs/engine-decisions.md).

    Append-only: the period keeps the `ends_on` it was granted with; each end is a new row, the
    latest recorded is in force, and the daily job knows it from its `recorded_on` (RULES.md §6)."""

    period = models.ForeignKey(
        VoluntaryInactivity,
        verbose_name=_("voluntary inactivity"),
        on_delete=models.PROTECT,
        related_name="ends",
    )
    ends_on = models.DateField(_("last day of the period"))
    reason = models.TextField(_("reason"))
    recorded_on = models.DateField(_("recorded on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("end of voluntary inactivity")
        verbose_name_plural = _("ends of voluntary inactivity")
        ordering = ["period_id", "recorded_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="voluntary_end_has_reason"),
        ]
        # `add` is checked with the period (`tracker.end_voluntary_inactivity`).
        rules_permissions = {"view": is_support_unit, "add": can_end_voluntary_inactivity}

    def __str__(self) -> str:
        return f"{self.period} · ended {self.ends_on.isoformat()}"

    @property
    def audit_member(self):
        return self.period.member
