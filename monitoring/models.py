"""Monitoring bodies and their reviewers (LH §2.3).

A monitoring body independently assesses a member's co-creation and results. Its assignment to an
action plan (with the member's endorsement, one body per plan — also for a joint plan, LH §3.4)
arrives with action plans in a later issue: it will be a model of its own, in this app, pointing
at `actionplans.ActionPlan` and `MonitoringBody`. Nothing here assumes it yet.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules import always_allow
from rules.contrib.models import RulesModel

from monitoring.rules import can_edit_body_profile, is_reviewer_of_same_body
from ogplocal.accounts.rules import is_support_unit


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
