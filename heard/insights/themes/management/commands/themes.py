"""`heard themes recluster --workspace SLUG`: group a workspace's inputs into themes now."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from heard.core.models import Workspace
from heard.insights.themes import services
from heard.insights.themes.backends import BACKENDS


class Command(BaseCommand):
    help = (
        "Themes. recluster: regroup a workspace's inputs now (curated themes and inputs "
        "placed by hand stay), or queue it for `heard worker` with --queue."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        recluster = sub.add_parser("recluster", help="Regroup a workspace's inputs.")
        recluster.add_argument("--workspace", required=True, help="The workspace's slug.")
        recluster.add_argument(
            "--backend",
            choices=BACKENDS,
            help="tfidf (default) or embeddings (needs the optional extra installed).",
        )
        recluster.add_argument("--themes", type=int, help="Number of new themes (default: chosen).")
        recluster.add_argument(
            "--queue", action="store_true", help="Queue for the background worker instead."
        )

    def handle(self, *args, action, **options):
        workspace = Workspace.objects.filter(slug=options["workspace"]).first()
        if workspace is None:
            raise CommandError(f"No workspace {options['workspace']!r}.")
        if options["queue"]:
            run = services.request_recluster(
                workspace=workspace, actor=None, backend=options["backend"]
            )
            self.stdout.write(f"Queued run {run.pk}; `heard worker` runs it.")
            return
        started = time.perf_counter()
        run = services.recluster(
            workspace=workspace, actor=None, backend=options["backend"], k=options["themes"]
        )
        if run.message:
            self.stderr.write(run.message)
        self.stdout.write(
            f"{run.input_count} inputs in {run.theme_count} themes ({run.backend}) "
            f"in {time.perf_counter() - started:.1f} s."
        )
