"""Celery tasks of the outbox: deliver one row (enqueued on commit), and the periodic sweep."""

from celery import shared_task

from ogplocal.notifications import services


@shared_task(name="notifications.deliver_message", acks_late=True)
def deliver_message(message_id: int) -> str:
    return services.deliver(message_id)


@shared_task(name="notifications.deliver_pending")
def deliver_pending() -> dict[str, int]:
    return services.deliver_pending()
