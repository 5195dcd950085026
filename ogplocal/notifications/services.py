"""Queueing and delivering outbox rows (see `models.py` for why it is built this way).

    queue_message(key="status-letter:12:user:7", kind=OutboxKind.STATUS_LETTER, to=..., ...)

writes the row (or finds the one with that key) and, once the transaction commits, asks a
worker to deliver it. `deliver` is safe to call any number of times, from any number of workers.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ogplocal.audit.services import record_event
from ogplocal.notifications.models import OutboxMessage, OutboxState

logger = logging.getLogger(__name__)

# Attempts before a row is given up as failed (staff may resend it), and the back-off between
# them: one minute, doubling, at most six hours.
MAX_ATTEMPTS = 8
FIRST_RETRY_AFTER = timedelta(minutes=1)
LONGEST_RETRY_AFTER = timedelta(hours=6)
# A row still `sending` after this long belongs to a worker that died while sending.
STALE_SENDING_AFTER = timedelta(minutes=15)


def retry_after(attempts: int) -> timedelta:
    return min(FIRST_RETRY_AFTER * (2 ** max(attempts - 1, 0)), LONGEST_RETRY_AFTER)


def queue_message(
    *,
    key: str,
    kind: str,
    to: str,
    subject: str,
    body: str,
    cc: Iterable[str] = (),
    recipient=None,
    member=None,
    language: str = "",
    attachment: bytes | None = None,
    attachment_stored_name: str = "",
    attachment_name: str = "",
    deliver_now: bool = False,
) -> tuple[OutboxMessage, bool]:
    """The row for `key`, created if it did not exist (then delivered after the commit, or at
    once with `deliver_now` for a caller that itself runs after its commit).

    An attachment is given as bytes (stored with the row) or as the name of a file already in
    the default storage (a letter's PDF: not copied)."""
    existing = OutboxMessage.objects.filter(key=key).first()
    if existing is not None:
        return existing, False
    message = OutboxMessage(
        key=key,
        kind=kind,
        to=to,
        cc=list(cc),
        recipient=recipient,
        member=member,
        language=language,
        subject=subject[:300],
        body=body,
        attachment_name=attachment_name,
    )
    if attachment_stored_name:
        message.attachment.name = attachment_stored_name
    try:
        # A savepoint: a concurrent writer of the same key makes this one a no-op, not an error
        # that would break the caller's transaction.
        with transaction.atomic():
            if attachment is not None:
                message.attachment.save("attachment", ContentFile(attachment), save=False)
            message.save()
    except IntegrityError:
        return OutboxMessage.objects.get(key=key), False
    message_id = message.pk
    if deliver_now:
        _enqueue_delivery(message_id)
    else:
        transaction.on_commit(lambda: _enqueue_delivery(message_id), robust=True)
    return message, True


def _enqueue_delivery(message_id: int) -> None:
    from ogplocal.notifications.tasks import deliver_message

    deliver_message.delay(message_id)


def build_email(message: OutboxMessage) -> EmailMessage:
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        to=[message.to],
        cc=list(message.cc),
        headers={"X-OGP-Local-Key": message.key},
    )
    if message.attachment:
        with message.attachment.open("rb") as attachment:
            email.attach(message.attachment_name or "attachment.pdf", attachment.read(), None)
    return email


def deliver(message_id: int, *, now: datetime | None = None) -> str:
    """Send the row `message_id` if it is pending and due; return its state afterwards.

    The row is rendered first, then claimed with one conditional UPDATE (only one worker can
    move it from pending to sending), then sent, then marked sent. A worker that dies before the
    claim leaves it pending (another sends it once); one that dies after leaves it `sending`,
    which is never sent again automatically (`fail_stale_sending`)."""
    now = now or timezone.now()
    message = OutboxMessage.objects.filter(pk=message_id).first()
    if message is None:
        return "missing"
    if message.state != OutboxState.PENDING:
        return message.state
    if message.next_attempt_at is not None and message.next_attempt_at > now:
        return message.state
    email = build_email(message)
    claimed = OutboxMessage.objects.filter(pk=message_id, state=OutboxState.PENDING).update(
        state=OutboxState.SENDING, attempts=F("attempts") + 1, sending_since=now
    )
    if not claimed:
        return OutboxMessage.objects.get(pk=message_id).state
    attempts = message.attempts + 1
    try:
        email.send(fail_silently=False)
    except Exception as error:
        gave_up = attempts >= MAX_ATTEMPTS
        state = OutboxState.FAILED if gave_up else OutboxState.PENDING
        logger.warning("outbox %s: attempt %s failed: %s", message.key, attempts, error)
        OutboxMessage.objects.filter(pk=message_id, state=OutboxState.SENDING).update(
            state=state,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            next_attempt_at=None if gave_up else now + retry_after(attempts),
            sending_since=None,
        )
        return state
    OutboxMessage.objects.filter(pk=message_id, state=OutboxState.SENDING).update(
        state=OutboxState.SENT, sent_at=timezone.now(), sending_since=None, last_error=""
    )
    return OutboxState.SENT


def due_message_ids(*, now: datetime) -> list[int]:
    return list(
        OutboxMessage.objects.filter(state=OutboxState.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def fail_stale_sending(*, now: datetime) -> int:
    """Rows a worker claimed long ago and never finished: it died while sending, so the message
    may or may not have left. They turn failed, for staff to check and resend."""
    return OutboxMessage.objects.filter(
        state=OutboxState.SENDING, sending_since__lt=now - STALE_SENDING_AFTER
    ).update(
        state=OutboxState.FAILED,
        sending_since=None,
        last_error=_(
            "The worker stopped while sending: the message may or may not have been delivered. "
            "Check with the recipient before resending."
        ),
    )


def deliver_pending(*, now: datetime | None = None) -> dict[str, int]:
    """Send every pending row that is due (the periodic sweep: retries after back-off, rows
    whose on-commit task was lost). Returns how many ended in each state."""
    now = now or timezone.now()
    fail_stale_sending(now=now)
    counts: dict[str, int] = {}
    for message_id in due_message_ids(now=now):
        state = deliver(message_id, now=now)
        counts[state] = counts.get(state, 0) + 1
    return counts


def resend(message: OutboxMessage, *, actor) -> None:
    """Staff send a failed row again. A sent row is never resent (nor a pending or sending one,
    which is on its way)."""
    if message.state != OutboxState.FAILED:
        raise ValidationError(_("Only a failed e-mail can be sent again."))
    with transaction.atomic():
        updated = OutboxMessage.objects.filter(pk=message.pk, state=OutboxState.FAILED).update(
            state=OutboxState.PENDING, attempts=0, next_attempt_at=None
        )
        if not updated:
            raise ValidationError(_("Only a failed e-mail can be sent again."))
        record_event(
            actor=actor,
            verb="outbox.resent",
            obj=message,
            before={"state": OutboxState.FAILED, "last_error": message.last_error},
            after={"state": OutboxState.PENDING},
            member=message.member_id,
        )
        message_id = message.pk
        transaction.on_commit(lambda: _enqueue_delivery(message_id), robust=True)


def support_unit_address() -> str:
    return settings.SUPPORT_UNIT_EMAIL
