"""Error reports: "report an error" on any public page files one into the Support Unit's queue,
where staff close it with what they did."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from rules.predicates import always_allow, always_deny

from ogplocal.accounts.rules import is_support_unit


class CorrectionState(models.TextChoices):
    OPEN = "open", _("Open")
    CORRECTED = "corrected", _("Corrected")
    NO_CHANGE = "no_change", _("Closed without a change")


class CorrectionRequest(RulesModel):
    page = models.CharField(_("page"), max_length=500, help_text=_("The address of the page."))
    description = models.TextField(_("what is wrong"), max_length=3000)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reporter_email = models.EmailField(
        _("e-mail address"), blank=True, help_text=_("Optional; never shown to the public.")
    )
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=20, choices=CorrectionState.choices, default=CorrectionState.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolution = models.TextField(_("what was done"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(description=""), name="correction_has_text"),
            models.CheckConstraint(
                condition=Q(state__in=CorrectionState.values), name="correction_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(state=CorrectionState.OPEN)
                | (Q(closed_by__isnull=False) & ~Q(resolution="")),
                name="correction_closed_with_resolution",
            ),
        ]
        rules_permissions = {
            "view": is_support_unit,
            "add": always_allow,
            "change": is_support_unit,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return f"{self.page}: {self.description[:60]}"

    @property
    def is_open(self) -> bool:
        return self.state == CorrectionState.OPEN
