"""The outbox (STYLE.md rule 8): one row per message and recipient, each e-mailed exactly once,
through SMTP failures, re-runs and a worker that dies before sending; staff resend failed rows,
never sent ones."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ogplocal.notifications import services
from ogplocal.notifications.models import OutboxKind, OutboxMessage, OutboxState
from tests.factories import UserFactory
from tests.notifications.backends import FlakyBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakyBackend"
    FlakyBackend.failures = 0
    yield FlakyBackend
    FlakyBackend.failures = 0


def queue(key="letter:1:user:1", **kwargs):
    values = {
        "key": key,
        "kind": OutboxKind.STATUS_LETTER,
        "to": "poc@example.org",
        "subject": "Status",
        "body": "Your status changed.",
    }
    values.update(kwargs)
    return services.queue_message(**values)


def test_a_key_is_queued_once():
    first, created = queue()
    second, created_again = queue(subject="Another subject")

    assert (created, created_again) == (True, False)
    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1


def test_a_queued_message_is_sent_once_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        queue(attachment=b"%PDF-1.4\n", attachment_name="letter.pdf")
        assert mail.outbox == []

    (sent,) = mail.outbox
    assert sent.to == ["poc@example.org"]
    assert sent.attachments[0][0] == "letter.pdf"
    assert OutboxMessage.objects.get().state == OutboxState.SENT


def test_delivering_twice_sends_once():
    message, _ = queue()

    services.deliver(message.pk)
    services.deliver(message.pk)
    services.deliver_pending()

    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert (message.state, message.attempts) == (OutboxState.SENT, 1)


def test_a_refused_message_is_retried_after_back_off_and_sent_exactly_once(flaky):
    flaky.failures = 2
    message, _ = queue()
    now = timezone.now()

    assert services.deliver(message.pk, now=now) == OutboxState.PENDING
    message.refresh_from_db()
    assert message.attempts == 1
    assert "SMTPServerDisconnected" in message.last_error
    assert message.next_attempt_at == now + services.retry_after(1)

    services.deliver_pending(now=now + timedelta(seconds=30))  # not due yet
    assert message.attempts == 1 and mail.outbox == []

    services.deliver_pending(now=now + timedelta(minutes=1))  # fails again
    services.deliver_pending(now=now + timedelta(minutes=4))  # due after 2 more minutes: sent
    services.deliver_pending(now=now + timedelta(hours=1))

    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert (message.state, message.attempts, message.last_error) == (OutboxState.SENT, 3, "")


def test_a_message_refused_every_time_ends_failed(flaky):
    flaky.failures = 100
    message, _ = queue()
    now = timezone.now()

    for attempt in range(services.MAX_ATTEMPTS + 2):
        services.deliver_pending(now=now + timedelta(days=attempt))

    message.refresh_from_db()
    assert (message.state, message.attempts) == (OutboxState.FAILED, services.MAX_ATTEMPTS)
    assert mail.outbox == []


def test_a_worker_killed_between_rendering_and_sending_leaves_it_for_another_to_send_once(
    monkeypatch,
):
    message, _ = queue()
    real_build = services.build_email

    def build_then_die(row):
        real_build(row)
        raise SystemExit("worker killed")

    monkeypatch.setattr(services, "build_email", build_then_die)
    with pytest.raises(SystemExit):
        services.deliver(message.pk)
    monkeypatch.setattr(services, "build_email", real_build)

    message.refresh_from_db()
    assert message.state == OutboxState.PENDING
    services.deliver_pending()
    services.deliver_pending()
    assert len(mail.outbox) == 1


def test_a_row_left_sending_by_a_dead_worker_turns_failed_and_is_not_sent_again():
    message, _ = queue()
    long_ago = timezone.now() - timedelta(hours=1)
    OutboxMessage.objects.filter(pk=message.pk).update(
        state=OutboxState.SENDING, sending_since=long_ago, attempts=1
    )

    services.deliver_pending()

    message.refresh_from_db()
    assert message.state == OutboxState.FAILED
    assert "may or may not" in message.last_error
    assert mail.outbox == []


def test_staff_resend_a_failed_message_once():
    staff = UserFactory(staff=True)
    message, _ = queue()
    OutboxMessage.objects.filter(pk=message.pk).update(state=OutboxState.FAILED, attempts=8)
    message.refresh_from_db()

    services.resend(message, actor=staff)
    services.deliver_pending()

    message.refresh_from_db()
    assert message.state == OutboxState.SENT
    assert len(mail.outbox) == 1


def test_a_sent_message_is_never_resent():
    staff = UserFactory(staff=True)
    message, _ = queue()
    services.deliver(message.pk)
    message.refresh_from_db()

    with pytest.raises(ValidationError):
        services.resend(message, actor=staff)
    assert len(mail.outbox) == 1


def test_staff_see_deliveries_in_the_admin_and_resend_only_failed_ones(
    admin_client_staff, django_capture_on_commit_callbacks
):
    failed, _ = queue(key="a")
    sent, _ = queue(key="b")
    services.deliver(sent.pk)
    OutboxMessage.objects.filter(pk=failed.pk).update(state=OutboxState.FAILED)
    url = reverse("admin:notifications_outboxmessage_changelist")

    assert admin_client_staff.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_staff.post(
            url, {"action": "resend_failed", "_selected_action": [failed.pk, sent.pk]}, follow=True
        )

    assert response.status_code == 200
    assert len(mail.outbox) == 2  # the first delivery of `sent`, and `failed` now
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {OutboxState.SENT}


def test_the_public_cannot_see_the_outbox(client):
    url = reverse("admin:notifications_outboxmessage_changelist")
    assert client.get(url).status_code == 302


@pytest.fixture
def admin_client_staff(client, settings):
    settings.STAFF_MFA_REQUIRED = False
    user = UserFactory(staff=True)
    client.force_login(user)
    return client
