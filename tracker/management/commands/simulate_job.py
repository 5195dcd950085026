"""`manage.py simulate_job --scenario FILE.json --from D1 --to D2` (RULES.md §6).

Loads the scenario into a throw-away database (a fresh in-memory SQLite database, or on
PostgreSQL a database of its own, dropped afterwards; uploaded and generated files go to a
temporary directory, e-mail nowhere), runs the real daily job for every day from D1 to D2 and
prints {"changes": [...]}. The portal's own database is never touched. A malformed scenario
exits with status 2 and one line naming the offending key.
"""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import override_settings

from tracker.scenario import ScenarioError, _object_pairs, parse

MALFORMED = 2


@contextmanager
def throwaway_database(prefix: str = "ogplocal_simulation"):
    """The default database replaced, for the block, by a new empty one with every table. On
    PostgreSQL it is named `<prefix>_<pid>`: never `test_…`, so it cannot collide with (or be
    clobbered by, or clobber) a pytest run's test databases on the same server."""
    from ogplocal.celery import app

    connection = connections[DEFAULT_DB_ALIAS]
    old_name = connection.settings_dict["NAME"]
    test_settings = connection.settings_dict.setdefault("TEST", {})
    saved_test_settings = dict(test_settings)
    # Tables straight from the models: quicker than running every migration.
    test_settings["MIGRATE"] = False
    if connection.vendor != "sqlite":
        test_settings["NAME"] = f"{prefix}_{os.getpid()}"
    eager = app.conf.task_always_eager
    with (
        tempfile.TemporaryDirectory(prefix="simulate-job-") as media,
        override_settings(
            MEDIA_ROOT=media,
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            CELERY_TASK_ALWAYS_EAGER=True,
        ),
    ):
        app.conf.task_always_eager = True
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            yield
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            test_settings.clear()
            test_settings.update(saved_test_settings)
            app.conf.task_always_eager = eager


def _day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"{option}: expected a date YYYY-MM-DD, got {value!r}", returncode=MALFORMED
        ) from None


class Command(BaseCommand):
    help = "Run the daily status job on a scenario, day by day, in a throw-away database."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scenario", required=True, metavar="FILE.json")
        parser.add_argument("--from", dest="start", required=True, metavar="D1")
        parser.add_argument("--to", dest="end", required=True, metavar="D2")
        parser.add_argument(
            "--full", action="store_true", help="run the job in full every day (same result)"
        )

    def handle(self, *args, **options) -> None:
        start = _day(options["start"], "--from")
        end = _day(options["end"], "--to")
        if end < start:
            raise CommandError("--to: before --from", returncode=MALFORMED)
        path = options["scenario"]
        try:
            text = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(
                f"--scenario: cannot read {path}: {error.strerror}", returncode=MALFORMED
            ) from None
        try:
            document = json.loads(text, object_pairs_hook=_object_pairs)
            facts, _as_of = parse(document)
        except json.JSONDecodeError as error:
            raise CommandError(f"scenario: invalid JSON: {error}", returncode=MALFORMED) from None
        except ScenarioError as error:
            raise CommandError(str(error), returncode=MALFORMED) from None
        if start < facts.member.joined_on:
            start = facts.member.joined_on  # no run can evaluate a member before it joined

        from tracker.status_simulation import simulate

        with throwaway_database():
            result = simulate(document, start, end, full=options["full"])
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))
