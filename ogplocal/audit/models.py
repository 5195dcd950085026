"""One table for the audit trail (STYLE.md rule 10): who did what to which object, and why.

Rows are written by services (`ogplocal.audit.services.record_event`) and by the admin
(`ogplocal.audit.admin.AuditedModelAdmin`); nothing edits or deletes them afterwards. Which
member's history an event belongs to, and how verbs read, is in `ogplocal.audit.registry`.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rules import always_deny
from rules.contrib.models import RulesModel

from ogplocal.accounts.rules import is_support_unit
from ogplocal.audit.registry import verb_label


class AuditEvent(RulesModel):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
        help_text=_("Empty when the portal itself acted (a scheduled job, a migration)."),
    )
    verb = models.CharField(
        _("verb"),
        max_length=100,
        help_text=_('What happened, as a short slug such as "member.profile_updated".'),
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.PROTECT
    )
    # A CharField so that the table can point at models whose keys are not integers.
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    target = GenericForeignKey("content_type", "object_id")
    # Whose history this is: a member's page lists its events with one indexed query, whatever
    # the object (the member, its jurisdiction, later its plans and commitments). PROTECT: a
    # member with a recorded history cannot be deleted, so the history is never lost.
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
        db_index=False,  # audit_event_member_at_idx starts with the member
        help_text=_("The member whose history the event belongs to, if any."),
    )
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "at"], name="audit_event_object_at_idx"
            ),
            models.Index(fields=["actor", "at"], name="audit_event_actor_at_idx"),
            models.Index(fields=["member", "-at", "-id"], name="audit_event_member_at_idx"),
        ]
        # The trail is read by the Support Unit only and is never changed by anyone.
        rules_permissions = {
            "view": is_support_unit,
            "add": always_deny,
            "change": always_deny,
            "delete": always_deny,
        }

    def __str__(self) -> str:
        return f"{self.label} · {self.object_repr}"

    @property
    def label(self) -> str:
        """The verb in words ("Profile updated"), as registered in `ogplocal.audit.registry`."""
        return verb_label(self.verb)

    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field named in either snapshot, in a stable order."""
        before = self.before or {}
        after = self.after or {}
        names = list(dict.fromkeys([*before, *after]))
        return [(name, before.get(name), after.get(name)) for name in names]
