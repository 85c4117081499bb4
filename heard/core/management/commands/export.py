"""`heard export stakeholders|organisations --workspace SLUG [--format csv|xlsx] [--output FILE]`:
the same columns as the pages' exports, streamed to a file (or stdout for CSV), with filters
given as `--filter key=value` (the list page's query parameters)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from heard.core.models import Workspace
from heard.stakeholders import exports, queries, services


class Command(BaseCommand):
    help = "Export stakeholders or organisations of a workspace as CSV or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["stakeholders", "organisations"])
        parser.add_argument("--workspace", required=True, help="Workspace slug.")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", help="File to write (default: stdout, CSV only).")
        parser.add_argument(
            "--filter",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="A list filter, e.g. --filter country=KE --filter consent=valid (repeatable).",
        )
        parser.add_argument(
            "--with-identities",
            action="store_true",
            help="Include names and contacts of high-risk stakeholders (default: pseudonyms).",
        )

    def handle(self, *args, what, workspace, format, output, filter, with_identities, **options):
        ws = Workspace.objects.filter(slug=workspace).first()
        if ws is None:
            raise CommandError(f"No workspace {workspace!r}.")
        if format == "xlsx" and not output:
            raise CommandError("XLSX needs --output FILE.")
        params = {}
        for item in filter:
            key, sep, value = item.partition("=")
            if not sep:
                raise CommandError(f"--filter {item!r}: use KEY=VALUE.")
            params[key.strip()] = value.strip()
        with translation.override("en"):
            found, columns = self._list(ws, what, params, with_identities)
            for note in found.notes:
                self.stderr.write(str(note))
            rows = exports.rows(found.queryset, columns)
            count = self._write(rows, format, output, what)
        services.record_export(
            workspace=ws, actor=None, what=what, fmt=format, params={**params, "cli": "yes"}
        )
        if output:
            self.stderr.write(self.style.SUCCESS(f"Exported {count} {what} to {output}."))

    def _list(self, ws, what, params, with_identities):
        if what == "stakeholders":
            found = queries.stakeholder_list(ws, None, params)
            return found, exports.stakeholder_columns(None, with_identities=with_identities)
        return queries.organisation_list(ws, params), exports.organisation_columns()

    def _write(self, rows, format, output, what) -> int:
        if format == "xlsx":
            return exports.write_xlsx(rows, output, title=what)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                return exports.write_csv(rows, handle)
        return exports.write_csv(rows, sys.stdout)
