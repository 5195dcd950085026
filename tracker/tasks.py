"""Celery tasks of the tracker. The daily job runs from django-celery-beat's schedule
(tracker/migrations/0002_status_changes.py); the day is decided here, at the edge, never deeper."""

from datetime import date

from celery import shared_task
from django.utils import timezone


@shared_task(name="tracker.evaluate_member_statuses", acks_late=True)
def evaluate_member_statuses(as_of: str | None = None, full: bool = False) -> dict:
    from tracker.job import evaluate_member_statuses as run

    day = date.fromisoformat(as_of) if as_of else timezone.localdate()
    result = run(day, full=full)
    return {
        "as_of": day.isoformat(),
        "evaluated": result.evaluated,
        "changes": result.changes,
        "letters": result.letters,
        "errors": len(result.errors),
    }


@shared_task(name="tracker.send_reminders")
def send_reminders(as_of: str | None = None) -> int:
    from tracker.status_reminders import send_reminders as run

    return run(date.fromisoformat(as_of) if as_of else timezone.localdate())
