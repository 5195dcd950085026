"""Coalitions for joint action plans: 2 to 4 members of the same country with one coordinating
point of contact (LH §3.4). The size and the single country are checked by
`members.services_decisions.create_coalition` (a count across rows is no database constraint)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from rules import always_allow, always_deny
from rules.contrib.models import RulesModel

from members.models.core import Country, Member
from ogplocal.accounts.rules import is_support_unit

COALITION_MIN_MEMBERS = 2
COALITION_MAX_MEMBERS = 4


class Coalition(RulesModel):
    name = models.CharField(_("name"), max_length=200)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="coalitions"
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinating point of contact"),
        on_delete=models.PROTECT,
        related_name="coordinated_coalitions",
    )
    members = models.ManyToManyField(
        Member,
        verbose_name=_("members"),
        through="CoalitionMembership",
        related_name="coalitions",
    )
    formed_on = models.DateField(_("formed on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="coalition_unique_name")
        ]
        rules_permissions = {
            "view": always_allow,
            "add": is_support_unit,
            "change": is_support_unit,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return self.name


class CoalitionMembership(RulesModel):
    coalition = models.ForeignKey(
        Coalition,
        verbose_name=_("coalition"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="coalition_memberships",
    )

    class Meta:
        verbose_name = _("coalition membership")
        verbose_name_plural = _("coalition memberships")
        ordering = ["coalition", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["coalition", "member"], name="coalition_member_once")
        ]
        rules_permissions = {
            "view": always_allow,
            "add": is_support_unit,
            "change": always_deny,
            "delete": is_support_unit,
        }

    def __str__(self) -> str:
        return f"{self.coalition} · {self.member}"
