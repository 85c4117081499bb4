"""`heard demo`: load two demo workspaces with realistic, deterministic (seeded) data."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from heard.core.models import User, Workspace
from heard.demo.generate import (
    DEMO_PASSWORD,
    SIZES,
    WORKSPACES,
    ProgressHook,
    demo_logins,
    load_demo,
)

__all__ = ["DEMO_PASSWORD", "Command"]


class RichProgress(ProgressHook):
    """Shows the demo's progress as rich progress bars."""

    def __init__(self, progress: Progress):
        self.progress = progress

    def start(self, label: str, total: int):
        return self.progress.add_task(label, total=total)

    def advance(self, task, amount: int) -> None:
        self.progress.advance(task, amount)


class Command(BaseCommand):
    help = "Create two demo workspaces (acme, globex) with realistic, deterministic data."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=list(SIZES), default="small")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when any workspace exists."
        )
        parser.add_argument("--seed", type=int, default=2026, help="Same seed, same data.")

    def handle(self, *args, size, if_empty, seed, **options):
        console = Console(file=getattr(self.stdout, "_out", self.stdout), highlight=False)
        quiet = options.get("verbosity", 1) == 0
        if if_empty and Workspace.objects.exists():
            if not quiet:
                console.print("Workspaces exist already: demo data not loaded.")
                self._print_logins(console)
            return
        slugs = [slug for slug, *_rest in WORKSPACES]
        if (
            Workspace.objects.filter(slug__in=slugs).exists()
            or User.objects.filter(email__in=[email for email, *_rest in demo_logins()]).exists()
        ):
            raise CommandError("The demo workspaces exist already; use a fresh database.")
        started = time.perf_counter()
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=quiet,
        ) as progress:
            summary = load_demo(size=size, seed=seed, progress=RichProgress(progress))
        if not quiet:
            elapsed = time.perf_counter() - started
            for slug, counts in summary.items():
                listed = ", ".join(f"{count:,} {kind}" for kind, count in counts.items())
                console.print(f"[bold]{slug}[/bold]: {listed}")
            console.print(f"Demo data ({size}, seed {seed}) loaded in {elapsed:.1f} s.")
            self._print_logins(console)

    def _print_logins(self, console: Console) -> None:
        table = Table(title=f"Demo logins (password: {DEMO_PASSWORD})")
        for column in ("email", "workspace", "role"):
            table.add_column(column)
        for row in demo_logins():
            table.add_row(*row)
        console.print(table)
