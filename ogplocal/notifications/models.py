"""The e-mail outbox (STYLE.md rule 8): every e-mail the portal sends is first a row.

One row per message and recipient, with a unique `key` that names what it is for (a letter and
its recipient, a reminder's kind, object, recipient and due date): writing the same message twice
is refused by the database, so a re-run job or a retried task cannot queue a second copy.
`ogplocal.notifications.services.deliver` sends a row: it claims it (pending → sending) with one
conditional UPDATE, sends, and marks it sent. A row left in `sending` by a worker that died is
never sent again automatically (it may have left): after a while it turns `failed` with that
explanation, and staff may resend it (admin). Sending twice is impossible by construction; losing
one is visible.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ogplocal.documents.storage import DocumentPath


class OutboxState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxKind(models.TextChoices):
    STATUS_LETTER = "status_letter", _("Status letter")
    DECISION_LETTER = "decision_letter", _("Decision letter")
    REMINDER = "reminder", _("Reminder")
    JOB_REPORT = "job_report", _("Daily job report")
    COMMENT_INVITATION = "comment_invitation", _("Invitation to comment on an assessment")
    REVIEWER_INTRODUCTION = "reviewer_introduction", _("Introduction of trained reviewers")


class OutboxMessage(models.Model):
    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OutboxKind.choices)
    to = models.EmailField(_("recipient address"))
    cc = models.JSONField(_("copy to"), default=list, blank=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outbox_messages",
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    attachment = models.FileField(
        _("attachment"), upload_to=DocumentPath("outbox"), blank=True, max_length=200
    )
    attachment_name = models.CharField(_("attachment name"), max_length=200, blank=True)

    state = models.CharField(
        _("state"), max_length=10, choices=OutboxState.choices, default=OutboxState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sending_since = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=OutboxState.values), name="outbox_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | Q(state=OutboxState.SENT),
                name="outbox_sent_at_only_when_sent",
            ),
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"
