"""`manage.py evaluate_member_statuses [--as-of DATE] [--full]`: the daily job of RULES.md §6 by
hand (Celery beat runs the same function every day)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tracker.job import evaluate_member_statuses


class Command(BaseCommand):
    help = "Record members' status changes and letters for a day (RULES.md §6)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--as-of", metavar="DATE", help="the day to run for (default: today)")
        parser.add_argument(
            "--full",
            action="store_true",
            help="evaluate every member, not only those whose facts changed or whose next "
            "change has come (same result, slower)",
        )

    def handle(self, *args, **options) -> None:
        if options["as_of"]:
            try:
                as_of = date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError(
                    f"--as-of: expected a date YYYY-MM-DD, got {options['as_of']!r}"
                ) from None
        else:
            as_of = timezone.localdate()
        result = evaluate_member_statuses(as_of, full=options["full"])
        self.stdout.write(
            f"{as_of}: {result.evaluated} members evaluated, {result.changes} changes recorded, "
            f"{result.letters} letters, {len(result.errors)} errors"
        )
        for member_id, error in sorted(result.errors.items()):
            self.stderr.write(f"member {member_id}: {error}")
