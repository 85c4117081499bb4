"""Benchmark: p50 / p95 response times and SQL query counts of the engagement pages.

    .venv/bin/python bench/engagements.py --size large [--requests 50] [--database-url URL]

Uses its own SQLite copy, var/bench-engagements-<size>.sqlite3: copied (with SQLite's backup
API) from bench/impacts.py's or bench/pages.py's database when one exists, built with
`heard demo` when none does, then migrated and — if the demo predates them — topped up with
initiatives and impacts (`heard.demo.impacts`) and engagements (`heard.demo.engagements`:
tens of thousands at --size large). Pages are requested in process with Django's test client
as owner@acme.example after a warm-up (bench/pages.py's `measure`). Results are printed and
written to var/bench-engagements-<size>.json, with the query counts of other sizes beside
this run's: a page's query count must not grow with the data.

Target (issue 4): engagement list and detail p95 ≤ 50 ms at --size large. Besides wall-clock
times the table shows the CPU time per request (time.process_time), which a busy shared
machine inflates far less.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import warnings
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages as bench_pages  # noqa: E402 - bench/pages.py, next to this file

VAR = bench_pages.VAR
SIZES = bench_pages.SIZES
TARGET_P95_MS = 50.0


def database_path(size: str) -> Path:
    return VAR / f"bench-engagements-{size}.sqlite3"


def copy_existing_database(size: str) -> None:
    """Start from another benchmark's database (building 100,000 stakeholders takes minutes)."""
    target = database_path(size)
    if target.exists():
        return
    for name in (f"bench-impacts-{size}.sqlite3", f"bench-{size}.sqlite3"):
        source = VAR / name
        if source.exists() and source.stat().st_size > 100_000:
            print(f"Copying {source.name} to {target.name} (once)…")
            with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
                src.backup(dst)
            return


def _context(workspace, label: str):
    from django.utils import timezone

    from heard.core.models import Membership
    from heard.demo.generate import DemoContext, ProgressHook
    from heard.stakeholders.models import Stakeholder

    members = {
        m.role: m.user
        for m in Membership.objects.filter(workspace=workspace).select_related("user")
    }
    return DemoContext(
        workspace=workspace,
        rng=random.Random(f"heard-demo:2026:{workspace.slug}:{label}"),
        now=timezone.now(),
        progress=ProgressHook(),
        members=members,
        counts={"stakeholders": Stakeholder.objects.for_workspace(workspace).count()},
    )


def ensure_engagements() -> dict[str, int]:
    """Add what a demo built before this issue lacks; returns acme's counts."""
    from django.db import transaction

    from heard.core.models import Workspace
    from heard.demo.engagements import create_engagements
    from heard.demo.impacts import create_impacts
    from heard.engagements.models import Engagement, Participation, Session
    from heard.impacts.models import Initiative

    for workspace in Workspace.objects.filter(slug__in=("acme", "globex")):
        if not Initiative.objects.for_workspace(workspace).exists():
            print(f"Adding initiatives and impacts to {workspace.slug} (once)…")
            with transaction.atomic():
                create_impacts(_context(workspace, "impacts"))
        if not Engagement.objects.for_workspace(workspace).exists():
            print(f"Adding engagements to {workspace.slug} (once)…")
            with transaction.atomic():
                create_engagements(_context(workspace, "engagements"))
    acme = Workspace.objects.get(slug="acme")
    return {
        "engagements": Engagement.objects.for_workspace(acme).count(),
        "sessions": Session.objects.for_workspace(acme).count(),
        "participations": Participation.objects.for_workspace(acme).count(),
    }


def pages_to_measure() -> list[bench_pages.Page]:
    """The engagement list (plain, filtered, searched, sorted, deep page) and details."""
    from django.db.models import Count
    from django.urls import reverse

    from heard.core.models import Workspace
    from heard.engagements.models import Engagement, HrddStep

    acme = Workspace.objects.get(slug="acme")
    engagements = Engagement.objects.for_workspace(acme)

    def url(name: str, query: str = "", **kwargs) -> str:
        return (
            reverse(f"engagements:{name}", kwargs={"workspace_slug": acme.slug, **kwargs}) + query
        )

    ids = list(engagements.order_by("pk").values_list("pk", flat=True))
    sample = [ids[int(i * (len(ids) - 1) / 7)] for i in range(8)]
    biggest = (
        engagements.annotate(n=Count("participations")).order_by("-n", "pk").values("pk").first()
    )
    sample.append(biggest["pk"])
    step = HrddStep.objects.for_workspace(acme).order_by("position").first()
    Page = bench_pages.Page
    return [
        Page("engagement list", "engagement list", [url("engagement_list")]),
        Page("engagement list, page 100", "engagement list", [url("engagement_list", "?page=100")]),
        Page(
            "engagement list filtered",
            "engagement list",
            [
                url(
                    "engagement_list",
                    f"?status=loop_closed&format=roundtable&hrdd_step={step.pk}",
                )
            ],
        ),
        Page(
            "engagement list by title",
            "engagement list",
            [url("engagement_list", "?sort=title&mode=remote")],
        ),
        Page("engagement search", "engagement list", [url("engagement_list", "?q=age+assurance")]),
        Page(
            "engagement detail",
            "engagement detail",
            [url("engagement_detail", pk=pk) for pk in sample],
        ),
    ]


def cpu_times(client, page: bench_pages.Page, requests: int) -> tuple[float, float]:
    """p50 / p95 of the CPU time this process spent per request (time.process_time): on a
    busy shared machine wall-clock times include waiting for a core, CPU time does not."""
    import statistics
    import time

    spent = []
    for i in range(requests):
        started = time.process_time()
        bench_pages._get(client, page.urls[i % len(page.urls)])
        spent.append((time.process_time() - started) * 1000)
    spent.sort()
    p95 = spent[max(0, int(len(spent) * 0.95 + 0.5) - 1)]
    return round(statistics.median(spent), 1), round(p95, 1)


def report(results, *, size: str, counts: dict, vendor: str, cpu: dict) -> None:
    """Print the table, with other sizes' query counts when their JSON exists."""
    from rich.console import Console
    from rich.table import Table

    others = {}
    for other in SIZES:
        path = VAR / f"bench-engagements-{other}.json"
        if other != size and path.exists():
            data = json.loads(path.read_text())
            others[other] = {p["name"]: p["queries"] for p in data["pages"]}
    console = Console() if sys.stdout.isatty() else Console(width=120)
    table = Table(
        title=(
            f"Engagement pages at --size {size}: {counts['engagements']:,} engagements, "
            f"{counts['participations']:,} participations on {vendor}"
        ),
        caption=f"target: p95 ≤ {TARGET_P95_MS:.0f} ms",
    )
    columns = ("page", "p50 ms", "p95 ms", "max ms", "cpu p50", "cpu p95", f"queries ({size})")
    for column in columns:
        table.add_column(column, justify="left" if column == "page" else "right")
    for other in others:
        table.add_column(f"queries ({other})", justify="right")
    table.add_column("target", justify="center")
    for r in results:
        met = "[green]met[/green]" if r.p95_ms <= TARGET_P95_MS else "[red]MISSED[/red]"
        cpu50, cpu95 = cpu[r.name]
        row = [r.name, f"{r.p50_ms:.1f}", f"{r.p95_ms:.1f}", f"{r.max_ms:.1f}"]
        row += [f"{cpu50:.1f}", f"{cpu95:.1f}", str(r.queries)]
        row += [str(c.get(r.name, "–")) for c in others.values()]
        table.add_row(*row, met)
    console.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=SIZES, default="large")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per page first")
    parser.add_argument("--database-url", help="default: var/bench-engagements-<size>.sqlite3")
    parser.add_argument("--sql", action="store_true", help="show each page's slowest queries")
    parser.add_argument("--json", type=Path, help="default: var/bench-engagements-<size>.json")
    args = parser.parse_args()

    VAR.mkdir(exist_ok=True)
    warnings.filterwarnings("ignore", message="No directory at")
    if not args.database_url:
        copy_existing_database(args.size)
    bench_pages.setup_django(
        args.size, args.database_url or f"sqlite:///{database_path(args.size)}"
    )
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from heard.core.models import User

    bench_pages.ensure_demo(args.size)
    counts = ensure_engagements()
    client = Client()
    client.force_login(User.objects.get(email="owner@acme.example"))
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": plain,
        }
    ):
        measured = pages_to_measure()
        results = [
            bench_pages.measure(client, page, args.requests, args.warmup) for page in measured
        ]
        cpu = {page.name: cpu_times(client, page, args.requests) for page in measured}
    if args.sql:
        for result in results:
            print(f"--- {result.name}")
            for query in result.slowest_queries:
                print(f"{query['ms']:>7.1f} ms  {query['sql'][:300]}")
    report(results, size=args.size, counts=counts, vendor=connection.vendor, cpu=cpu)
    out = args.json or VAR / f"bench-engagements-{args.size}.json"
    payload = {
        "size": args.size,
        **counts,
        "database": connection.vendor,
        "requests": args.requests,
        "target_p95_ms": TARGET_P95_MS,
        "pages": [
            {**asdict(r), "cpu_p50_ms": cpu[r.name][0], "cpu_p95_ms": cpu[r.name][1]}
            for r in results
        ],
    }
    out.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    print(f"Wrote {out}")


if __name__ == "__main__":
    main()
