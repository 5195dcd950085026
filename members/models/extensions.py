"""The history of the first-plan deadline's extensions (RULES.md §2, §6): one row per grant,
never edited or deleted. `Member.extension_until`, `extension_granted_on` and `extension_reason`
mirror the latest grant (the engine's facts and the pages read them); the history keeps every
earlier one with who granted it, when and why."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules import always_deny
from rules.contrib.models import RulesModel

from members.models.core import REASON_MAX_LENGTH, Member, not_before_1990
from ogplocal.accounts.rules import is_support_unit


class ExtensionGrant(RulesModel):
    """One extension of a member's first action plan deadline, as the Support Unit granted it."""

    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="extension_grants",
    )
    until = models.DateField(_("extended until"), validators=[not_before_1990()])
    # The day the daily job learns it (RULES.md §6); empty only for an extension recorded before
    # this date was kept (known from the start).
    granted_on = models.DateField(
        _("granted on"), null=True, blank=True, validators=[not_before_1990()]
    )
    reason = models.TextField(
        _("reason"),
        max_length=REASON_MAX_LENGTH,
        validators=[MaxLengthValidator(REASON_MAX_LENGTH)],
    )
    # Empty for extensions carried over from the member's own fields (migration 0004).
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("extension of the first plan's deadline")
        verbose_name_plural = _("extensions of the first plan's deadline")
        ordering = ["member_id", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="extension_grant_has_reason"),
        ]
        rules_permissions = {
            "view": is_support_unit,
            "add": always_deny,
            "change": always_deny,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return f"{self.member} → {self.until.isoformat()}"
