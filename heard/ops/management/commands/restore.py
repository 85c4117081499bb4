"""`heard restore PATH [--yes]`: replace the database with a backup."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from heard.core.errors import DomainError
from heard.ops import backup
from heard.ops.management.commands._describe import describe


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup made by `heard backup` (all or nothing). "
        "Refuses to overwrite a database that holds workspaces or users unless --yes is given."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="The backup file.")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Overwrite the database even though it holds data.",
        )

    def handle(self, *args, path: str, yes: bool = False, **options) -> None:
        try:
            kind = backup.check_restorable(Path(path))
            if not yes and backup.has_data():
                found = backup.counts()
                raise CommandError(
                    f"The database holds {found['workspaces']} workspace(s) and "
                    f"{found['users']} user(s); restoring replaces all of it. Back it up first "
                    "(heard backup), then run again with --yes."
                )
            summary = backup.restore(Path(path))
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(f"Restored {backup.KIND_NAMES[kind]} backup {summary.path}")
        self.stdout.write(describe(summary))
        if summary.unknown_migrations:
            self.stderr.write(
                f"The backup comes from a newer Heard ({summary.unknown_migrations} migration(s) "
                "this version does not know): run the version it was taken with."
            )
        elif summary.migrations_to_apply:
            self.stdout.write(
                f"The backup is from an older Heard: run `heard migrate` "
                f"({summary.migrations_to_apply} migration(s) to apply)."
            )
