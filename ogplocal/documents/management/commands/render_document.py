"""Render a document template to a PDF file, to look at it: the samples or a real letter."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template import TemplateDoesNotExist

from ogplocal.documents.render import render_pdf


class Command(BaseCommand):
    help = (
        "Render a template under templates/documents/ to a PDF file, e.g. "
        "`render_document documents/letters/sample.html /tmp/letter.pdf`."
    )

    def add_arguments(self, parser):
        parser.add_argument("template", help="e.g. documents/letters/sample.html")
        parser.add_argument("output", type=Path, help="where to write the PDF")
        parser.add_argument(
            "--date",
            type=date.fromisoformat,
            default=None,
            help="the letter's date, YYYY-MM-DD (default: today)",
        )

    def handle(self, *args, template, output, date, **options):
        context = {"date": date or date_today()}
        try:
            pdf = render_pdf(template, context)
        except TemplateDoesNotExist as error:
            raise CommandError(f"No template {error}") from error
        output.write_bytes(pdf)
        self.stdout.write(f"Wrote {output} ({len(pdf):,} bytes)")


def date_today():
    # The command is the top of the call: the one place that may ask for today.
    return date.today()
