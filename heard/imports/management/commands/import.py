"""`heard import stakeholders|organisations FILE --workspace SLUG`: the same import as the pages."""

from __future__ import annotations

from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from heard.core.errors import DomainError
from heard.core.models import Membership, User, Workspace
from heard.imports import queries, services
from heard.imports.models import ImportKind, MatchMode


class Command(BaseCommand):
    help = "Import stakeholders or organisations from a CSV or XLSX file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=ImportKind.values)
        parser.add_argument("file", type=Path)
        parser.add_argument("--workspace", required=True, help="the workspace's slug")
        parser.add_argument("--mapping", default="", help="name of a saved column mapping")
        parser.add_argument(
            "--match",
            choices=MatchMode.values,
            default=MatchMode.SKIP,
            help="what to do with rows matching an existing record (default: skip)",
        )
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
        parser.add_argument("--actor", default="", help="email of the member recorded as importer")

    def handle(self, *args, **options):
        console = Console(file=self.stdout, stderr=False, highlight=False)
        workspace = Workspace.objects.filter(slug=options["workspace"]).first()
        if workspace is None:
            raise CommandError(f"No workspace with the slug {options['workspace']!r}.")
        actor = self._actor(workspace, options["actor"])
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        try:
            job = self._prepare(workspace, actor, path, options)
        except DomainError as error:
            raise CommandError(error.message) from error
        preview = job.summary["preview"]
        console.print(
            f"{job.total_rows} rows: {preview['new']} new, {preview['matching']} matching "
            f"existing records, {job.error_count} problems."
        )
        if job.error_count:
            for problem in job.problems:
                column = f", column {problem['column']}" if problem["column"] else ""
                console.print(
                    f"row {problem['row']}{column}: {problem['message']}",
                    markup=False,
                    soft_wrap=True,
                )
            if job.error_count > len(job.problems):
                console.print(f"… and {job.error_count - len(job.problems)} more.")
            services.cancel_import(workspace=workspace, actor=actor, job=job)
            raise CommandError("Nothing was imported: fix the problems and run again.")
        if options["dry_run"]:
            services.cancel_import(workspace=workspace, actor=actor, job=job)
            console.print("Dry run: nothing was written.")
            return
        self._apply(console, workspace, actor, job, options["match"])
        result = job.summary["result"]
        console.print(
            f"Done: {result['created']} created, {result['updated']} updated, "
            f"{result['unchanged']} unchanged, {result['skipped']} skipped."
        )

    def _actor(self, workspace: Workspace, email: str):
        if not email:
            return None
        user = User.objects.filter(email__iexact=email).first()
        if user is None or not Membership.objects.filter(workspace=workspace, user=user).exists():
            raise CommandError(f"{email} is not a member of {workspace.slug}.")
        return user

    def _prepare(self, workspace, actor, path: Path, options):
        with path.open("rb") as handle:
            upload = File(handle, name=path.name)
            upload.size = path.stat().st_size
            job = services.create_import(
                workspace=workspace, actor=actor, upload=upload, kind=options["kind"]
            )
        if options["mapping"]:
            saved = queries.saved_mapping(workspace, job.kind, name=options["mapping"])
            if saved is None:
                services.cancel_import(workspace=workspace, actor=actor, job=job)
                raise DomainError(f"No saved {job.kind} mapping named {options['mapping']!r}.")
            mapping = services.apply_saved_mapping(job, saved)
        else:
            mapping = job.mapping
        services.set_mapping(workspace=workspace, actor=actor, job=job, mapping=mapping)
        return services.preview(workspace=workspace, actor=actor, job=job)

    def _apply(self, console, workspace, actor, job, match_mode):
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=console, transient=False) as bar:
            tasks = {
                "checking": bar.add_task("Checking", total=job.total_rows),
                "writing": bar.add_task("Writing", total=job.total_rows),
            }

            def report(phase: str, done: int, total: int) -> None:
                if phase in tasks:
                    bar.update(tasks[phase], completed=done, total=total)

            try:
                services.apply(
                    workspace=workspace,
                    actor=actor,
                    job=job,
                    match_mode=match_mode,
                    progress=report,
                )
            except DomainError as error:
                raise CommandError(error.message) from error
            for task_id in tasks.values():
                bar.update(task_id, completed=bar.tasks[task_id].total)
