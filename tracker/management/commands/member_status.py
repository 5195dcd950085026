"""`manage.py member_status --scenario FILE.json`: the status engine on a scenario (RULES.md §5);
`manage.py member_status --member SLUG [--as-of DATE]`: the same for a member in the database,
each reason and deadline in plain words with its Handbook section.

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
        # One source of facts: a scenario file, or a member in the database (tracker/facts.py,
        # the facts the portal had learned by --as-of).
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument(
            "--scenario",
            metavar="FILE.json",
            help="a scenario file in the format of RULES.md §5",
        )
        source.add_argument(
            "--member",
            metavar="SLUG",
            help="a member in the database, by its page's slug (its jurisdiction's)",
        )
        parser.add_argument(
            "--as-of",
            metavar="DATE",
            help="with --member: the day to evaluate (default: today)",
        )

    def handle(self, *args, **options) -> None:
        if options["member"]:
            self.stdout.write(
                json.dumps(
                    self.member_status(options["member"], options["as_of"]),
                    indent=2,
                    ensure_ascii=False,
                )
            )
            return
        if options["as_of"]:
            raise CommandError(
                "--as-of: only with --member (a scenario has its own)", returncode=MALFORMED
            )
        facts, as_of = self.load_scenario(options["scenario"])
        evaluation = evaluate(facts, as_of)
        self.stdout.write(json.dumps(to_json(evaluation), indent=2, ensure_ascii=False))

    def member_status(self, slug: str, as_of_text: str | None) -> dict:
        """The same evaluation for a member in the database, from tracker.facts, with each
        reason and deadline in plain words naming its plans (tracker.explain)."""
        from django.utils import timezone

        from members.models import Member
        from tracker.explain import explain_deadline, explain_reason
        from tracker.facts import facts_for_member
        from tracker.selectors_status import plan_labels

        try:
            as_of = date.fromisoformat(as_of_text) if as_of_text else timezone.localdate()
        except ValueError:
            raise CommandError(
                f"--as-of: expected a date YYYY-MM-DD, got {as_of_text!r}", returncode=MALFORMED
            ) from None
        member = Member.objects.page_of(slug).select_related("jurisdiction").first()
        if member is None:
            raise CommandError(f"--member: no member {slug!r}", returncode=MALFORMED)
        if as_of < member.joined_on:
            raise CommandError(
                f"--as-of: {as_of} is before the member joined ({member.joined_on})",
                returncode=MALFORMED,
            )
        evaluation = evaluate(facts_for_member(member, as_of=as_of), as_of)
        plans = plan_labels(member)
        result = to_json(evaluation)
        result = {"member": member.slug, "name": member.name, **result}
        for reason, shown in zip(evaluation.reasons, result["reasons"], strict=True):
            shown["detail"] = explain_reason(reason, plans=plans)
        for deadline, shown in zip(evaluation.deadlines, result["deadlines"], strict=True):
            shown["detail"] = explain_deadline(deadline, plans=plans)
        return result

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
