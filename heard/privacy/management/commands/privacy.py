"""`heard privacy retention --workspace SLUG [--dry-run]`: apply the retention rule now."""

from django.core.management.base import BaseCommand, CommandError

from heard.core.models import Workspace
from heard.privacy.services import apply_retention, policy_for


class Command(BaseCommand):
    help = (
        "Data protection tools. retention: pseudonymise the workspace's stakeholders not "
        "contacted within its retention period (erasure with the reason 'retention')."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["retention"])
        parser.add_argument("--workspace", required=True, help="The workspace (slug).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count who would be pseudonymised."
        )

    def handle(self, *args, action, workspace, dry_run=False, **options):
        found = Workspace.objects.filter(slug=workspace).first()
        if found is None:
            raise CommandError(f"No workspace {workspace!r}.")
        years = policy_for(found).pseudonymise_after_years
        if not years:
            self.stdout.write(f"{found.slug}: no retention rule set; nothing to do.")
            return
        result = apply_retention(workspace=found, dry_run=dry_run)
        cutoff = result.cutoff.date().isoformat()
        if dry_run:
            # Pseudonyms only: the command's output may end up in logs.
            self.stdout.write(
                f"{found.slug}: {len(result.due)} stakeholder(s) without contact since {cutoff} "
                "would be pseudonymised (dry run)."
            )
            for stakeholder in result.due:
                self.stdout.write(f"  {stakeholder.pseudonym}")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{found.slug}: {result.erased} stakeholder(s) without contact since {cutoff} "
                "pseudonymised."
            )
        )
