"""The Celery application. Without CELERY_BROKER_URL, settings make tasks run in-process."""

import os

from celery import Celery
from celery.signals import beat_init, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogplocal.settings")

app = Celery("ogplocal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@beat_init.connect
def _refuse_without_secret_key(**kwargs) -> None:
    """A worker or beat with DEBUG off and no real SECRET_KEY stops (ogplocal/settings.py).

    Celery logs and swallows a receiver's exceptions, so the refusal leaves as SystemExit.
    """
    from django.core.exceptions import ImproperlyConfigured

    from ogplocal.checks import refuse_without_secret_key

    try:
        refuse_without_secret_key()
    except ImproperlyConfigured as error:
        raise SystemExit(f"ImproperlyConfigured: {error}") from error


@app.task(name="ogplocal.ping")
def ping() -> str:
    """A trivial task used by the health check and the broker integration test."""
    return "pong"
