"""`heard audit verify`: recompute the audit chain and report edited or deleted entries."""

from django.core.management.base import BaseCommand, CommandError

from heard.core.audit import verify_chain
from heard.core.models import Workspace


class Command(BaseCommand):
    help = "Audit log tools. verify: check every workspace's hash chain."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])
        parser.add_argument("--workspace", help="Only this workspace (slug).")

    def handle(self, *args, action, workspace=None, **options):
        workspaces = Workspace.objects.all()
        if workspace:
            workspaces = workspaces.filter(slug=workspace)
            if not workspaces.exists():
                raise CommandError(f"No workspace {workspace!r}.")
        problems = verify_chain(workspaces)
        if problems:
            for p in problems:
                self.stderr.write(f"{p.workspace_slug}: entry {p.sequence}: {p.reason}")
            raise CommandError(f"Audit chain broken: {len(problems)} problem(s).")
        self.stdout.write(
            self.style.SUCCESS(f"Audit chain intact ({workspaces.count()} workspaces).")
        )
