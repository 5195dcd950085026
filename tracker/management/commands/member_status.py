"""`manage.py member_status --scenario FILE.json`: the status engine on a scenario (RULES.md §5).

Prints the evaluation as JSON. A malformed scenario exits with status 2 and one line on standard
error naming the offending key. Needs no database: it works before `migrate`.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tracker.engine import Facts, evaluate
from tracker.scenario import ScenarioError, loads, to_json

MALFORMED = 2


class Command(BaseCommand):
    help = "Evaluate a member's status, reasons, timeline and deadlines (RULES.md §5)."
    # No system checks: they are not needed to evaluate a scenario and keep it fast.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        # One source of facts. A later source, `--member SLUG [--as-of DATE]`, joins this group and
        # reads the facts from the database (tracker/facts.py); everything after loading is shared.
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument(
            "--scenario",
            metavar="FILE.json",
            help="a scenario file in the format of RULES.md §5",
        )

    def handle(self, *args, **options) -> None:
        facts, as_of = self.load_scenario(options["scenario"])
        evaluation = evaluate(facts, as_of)
        self.stdout.write(json.dumps(to_json(evaluation), indent=2, ensure_ascii=False))

    def load_scenario(self, path: str) -> tuple[Facts, date]:
        try:
            text = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(
                f"--scenario: cannot read {path}: {error.strerror}", returncode=MALFORMED
            ) from None
        try:
            return loads(text)
        except ScenarioError as error:
            raise CommandError(str(error), returncode=MALFORMED) from None
