"""A Celery worker that dies between rendering an e-mail and sending it (the CI test of the
outbox): run as `celery -A tests.notifications.killer_celery worker -P solo`. Its first delivery
renders the message, then the process exits at once, before claiming the row."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogplocal.settings")

import django

django.setup()

from ogplocal.celery import app  # noqa: E402
from ogplocal.notifications import services  # noqa: E402

_build_email = services.build_email


def _build_then_die(message):
    _build_email(message)
    os._exit(17)  # killed: rendered, not claimed, not sent


services.build_email = _build_then_die

__all__ = ["app"]
