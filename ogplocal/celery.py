"""The Celery application. Without CELERY_BROKER_URL, settings make tasks run in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogplocal.settings")

app = Celery("ogplocal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="ogplocal.ping")
def ping() -> str:
    """A trivial task used by the health check and the broker integration test."""
    return "pong"
