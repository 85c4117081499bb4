"""`heard report disclosure --workspace SLUG --from YYYY-MM-DD --to YYYY-MM-DD
--format pdf|xlsx|html [--output PATH] [--framework esrs ...] [--language ar]`: the disclosure
report, generated at once (no worker), written to a file."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from heard.core.errors import DomainError
from heard.core.models import Workspace
from heard.insights.disclosure import services
from heard.insights.disclosure.figures import Period
from heard.insights.disclosure.forms import report_languages
from heard.insights.disclosure.models import Framework


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{value!r} is not a date (YYYY-MM-DD).") from error


class Command(BaseCommand):
    help = "Generate a report (disclosure: ESRS, CSDDD, UNGP Reporting Framework, GRI)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="kind", required=True)
        disclosure = sub.add_parser("disclosure", help="Stakeholder-engagement disclosure report.")
        disclosure.add_argument("--workspace", required=True, help="Workspace slug.")
        disclosure.add_argument("--from", dest="starts_on", required=True, type=_date)
        disclosure.add_argument("--to", dest="ends_on", required=True, type=_date)
        disclosure.add_argument("--format", choices=["pdf", "xlsx", "html"], default="pdf")
        disclosure.add_argument("--output", help="File to write (default: disclosure-FROM-TO.EXT).")
        disclosure.add_argument(
            "--framework",
            action="append",
            choices=list(Framework.values),
            help="A framework to include (repeatable; default: all).",
        )
        disclosure.add_argument(
            "--language",
            default="en",
            choices=[code for code, _name in report_languages()],
            help="Language of the report.",
        )

    def handle(self, *args, kind, workspace, starts_on, ends_on, format, output, **options):
        ws = Workspace.objects.filter(slug=workspace).first()
        if ws is None:
            raise CommandError(f"No workspace {workspace!r}.")
        try:
            services.validate_period(starts_on, ends_on)
        except DomainError as error:
            raise CommandError(error.message) from error
        with translation.override(options["language"]):
            files = services.write_files(
                ws,
                Period(starts_on, ends_on),
                formats=[format],
                frameworks=options["framework"] or Framework.values,
            )
        path = output or f"disclosure-{starts_on:%Y%m%d}-{ends_on:%Y%m%d}.{format}"
        with open(path, "wb") as handle:
            handle.write(files[format])
        self.stderr.write(self.style.SUCCESS(f"Wrote {path} ({len(files[format]):,} bytes)."))
