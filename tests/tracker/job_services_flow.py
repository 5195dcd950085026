"""The daily job on the real services (issue 21, "Proof"): a Celery worker and beat against the
broker and the database, an SMTP sink (aiosmtpd), the evaluation date moved day by day across a
year of quarters; then the same with a worker killed between rendering and sending.

Used by test_job_services.py (PostgreSQL and Redis, under CI=true). Everything here talks to the
database the caller's `env` names, which must be the one this process uses too.
"""

from __future__ import annotations

import email
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))
SCENARIO = ROOT.parent / "shared" / "scenarios" / "jobs" / "01-inactive-probation-revoked.json"


class Sink:
    """An SMTP server keeping every message it receives."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[email.message.Message] = []
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                message = email.message_from_bytes(envelope.content)
                message["X-Envelope-To"] = ",".join(envelope.rcpt_tos)
                sink.messages.append(message)
                return "250 OK"

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()

    def keys(self) -> Counter:
        return Counter(message["X-OGP-Local-Key"] for message in self.messages)


def start(env: dict, *args: str, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [CELERY, *args],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def worker(env: dict, log: Path, app: str = "ogplocal") -> subprocess.Popen:
    return start(
        env,
        "-A",
        app,
        "worker",
        "-P",
        "solo",
        "--without-mingle",
        "--without-gossip",
        "--without-heartbeat",
        "-l",
        "info",
        log=log,
    )


def beat(env: dict, log: Path, schedule: Path) -> subprocess.Popen:
    return start(
        env,
        "-A",
        "ogplocal",
        "beat",
        "-S",
        "django_celery_beat.schedulers:DatabaseScheduler",
        "--max-interval",
        "1",
        "-l",
        "info",
        "-s",
        str(schedule),
        log=log,
    )


def stop(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def sweep_every_two_seconds() -> None:
    """Beat sends the outbox sweep every two seconds (the data migration's is every minute)."""
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    every, _ = IntervalSchedule.objects.get_or_create(every=2, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.update_or_create(
        name="CI: outbox sweep",
        defaults={"task": "notifications.deliver_pending", "interval": every, "enabled": True},
    )


def seeded_member(poc_email: str):
    from members.models import PointOfContact
    from ogplocal.accounts.models import User
    from tracker.status_simulation import load_scenario

    member = load_scenario(json.loads(SCENARIO.read_text())).member
    user = User.objects.create_user(
        email=poc_email.replace("@", f".{uuid.uuid4().hex[:8]}@"),
        password=None,
        full_name="Point Of Contact",
    )
    PointOfContact.objects.create(member=member, user=user, starts_on=date(2024, 1, 1))
    return member


# The broker's database this flow uses, apart from the one other tests' workers listen on: a task
# sent here is run only by the worker started here, against the database the caller named.
BROKER_DB = 13
_client = None


def isolated(broker_url: str) -> str:
    parts = urlsplit(broker_url)
    return urlunsplit(parts._replace(path=f"/{BROKER_DB}"))


def client(env: dict):
    """A Celery app of our own that sends to the isolated broker and reads results there."""
    global _client
    if _client is None:
        from celery import Celery

        _client = Celery(
            "ci-client", broker=env["CELERY_BROKER_URL"], backend=env["CELERY_BROKER_URL"]
        )
        with _client.connection_for_write(env["CELERY_BROKER_URL"]) as connection:
            _client.control.purge(connection=connection)
    return _client


def run_job(env: dict, day: date, timeout: float = 120) -> dict:
    app = client(env)
    # The connection named explicitly: Celery lets CELERY_BROKER_URL in the environment override
    # the broker an app is given.
    with app.connection_for_write(env["CELERY_BROKER_URL"]) as connection:
        result = app.send_task(
            "tracker.evaluate_member_statuses",
            kwargs={"as_of": day.isoformat()},
            connection=connection,
        )
    return result.get(timeout=timeout)


def pdf_text(letter) -> str:
    from pypdf import PdfReader

    with letter.pdf.open("rb") as pdf:
        text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf.read())).pages)
    return " ".join(text.split())


def year_of_quarters(env: dict, logs: Path, sink: Sink) -> None:
    """Baseline on joining, then every day from 2025-09-01 to 2026-08-31 through the worker:
    inactive (2025-10-01), probation (2026-04-01), revoked (2026-08-01), a letter each, one
    e-mail per letter and recipient."""
    from tracker.status_models import StatusLetter

    member = seeded_member("poc.year@example.org")
    user = member.points_of_contact.get().user
    sweep_every_two_seconds()
    processes = [worker(env, logs / "worker.log"), beat(env, logs / "beat.log", logs / "beat")]
    try:
        run_job(env, date(2024, 2, 1))
        day = date(2025, 9, 1)
        while day <= date(2026, 8, 31):
            run_job(env, day)
            day += timedelta(days=1)
        letters = list(StatusLetter.objects.filter(member=member).order_by("dated_on"))
        assert [letter.change.status for letter in letters] == [
            "inactive",
            "probation",
            "revoked",
        ], letters
        # One e-mail per letter and recipient: the point of contact and the Support Unit.
        expected = {
            key
            for letter in letters
            for key in (
                f"status-letter:{letter.pk}:user:{user.pk}",
                f"status-letter:{letter.pk}:support-unit",
            )
        }
        wait_until(lambda: expected <= set(sink.keys()), 120, f"{len(expected)} e-mails")
        time.sleep(5)  # anything more would be a duplicate
        assert set(sink.keys().values()) == {1}, sink.keys()
        probation = pdf_text(letters[1])
        assert "LH §4.2" in probation and "1 August 2026" in probation
    finally:
        for process in processes:
            stop(process)


def killed_between_rendering_and_sending(env: dict, logs: Path, sink: Sink) -> None:
    """A worker that dies after rendering an e-mail and before sending it: another worker and the
    beat sweep send each one exactly once."""
    from ogplocal.notifications.models import OutboxMessage, OutboxState

    before = len(sink.messages)
    member = seeded_member("poc.killed@example.org")
    sweep_every_two_seconds()
    killer = worker(env, logs / "killer.log", app="tests.notifications.killer_celery")
    processes = [killer]
    try:
        run_job(env, date(2024, 2, 1))
        run_job(env, date(2025, 10, 1))  # the inactivity letter: two e-mails to deliver
        wait_until(lambda: killer.poll() is not None, 60, "the worker to die before sending")
        rows = OutboxMessage.objects.filter(member=member)
        assert rows.count() == 2
        assert set(rows.values_list("state", flat=True)) == {OutboxState.PENDING}
        assert len(sink.messages) == before
        processes += [worker(env, logs / "worker2.log"), beat(env, logs / "beat2.log", logs / "b2")]
        wait_until(
            lambda: rows.filter(state=OutboxState.SENT).count() == 2, 120, "the sweep to send"
        )
        time.sleep(5)
        assert len(sink.messages) == before + 2
        assert set(sink.keys().values()) == {1}, sink.keys()
    finally:
        for process in processes:
            stop(process)


def environment(database_url: str, sink: Sink, media_root: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        CELERY_BROKER_URL=isolated(os.environ.get("CELERY_BROKER_URL", "")),
        CELERY_RESULT_BACKEND=isolated(os.environ.get("CELERY_BROKER_URL", "")),
        EMAIL_URL=f"smtp://127.0.0.1:{sink.port}",
        MEDIA_ROOT=media_root,
        DJANGO_SETTINGS_MODULE="ogplocal.settings",
        DEBUG="false",
        PYTHONPATH=str(ROOT),
    )
    return env
