from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from ogplocal.opendata.build import build_open_data


class Command(BaseCommand):
    help = "Build the open-data files (CSV, JSON, datapackage.json and the dated ZIP)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of", type=date.fromisoformat, default=None, help="The build's date (YYYY-MM-DD)."
        )

    def handle(self, *args, as_of=None, **options):
        files = build_open_data(as_of=as_of or timezone.localdate())
        for file in files:
            rows = "" if file.rows is None else f", {file.rows} rows"
            self.stdout.write(f"{file.name}: {file.size} bytes{rows}")
