"""`heard backup [--output PATH]`: an online backup of the whole database."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from heard.core.errors import DomainError
from heard.ops import backup
from heard.ops.management.commands._describe import describe


class Command(BaseCommand):
    help = (
        "Back up the whole database while Heard runs: SQLite through its online backup API, "
        "PostgreSQL with pg_dump (custom format). Encryption keys are not in the backup: keep "
        "HEARD_FIELD_KEYS (or var/field.keys) safe separately."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            help="File or directory to write to (default: var/backups/heard-<UTC time>.sqlite3 "
            "or .pgdump).",
        )

    def handle(self, *args, output: str | None = None, **options) -> None:
        try:
            summary = backup.backup(output)
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(f"Backed up to {summary.path}")
        self.stdout.write(describe(summary))
