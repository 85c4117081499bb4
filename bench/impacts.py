"""Benchmark: p50 / p95 response times and SQL query counts of the initiative, impact and
action pages.

    .venv/bin/python bench/impacts.py --size large [--requests 50] [--database-url URL]

Uses its own SQLite copy, var/bench-impacts-<size>.sqlite3: copied (with SQLite's backup API)
from bench/pages.py's var/bench-<size>.sqlite3 when that exists, built with `heard demo` when
it does not, then migrated and — if the demo predates initiatives — topped up with
`heard.demo.impacts.create_impacts`. Pages are requested in process with Django's test client
as owner@acme.example after a warm-up (bench/pages.py's `measure`). Results are printed and
written to var/bench-impacts-<size>.json, with query counts of other sizes beside this run's:
a page's query count must not grow with the data.
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
    return VAR / f"bench-impacts-{size}.sqlite3"


def copy_pages_database(size: str) -> None:
    """Start from bench/pages.py's database when it exists (building 100,000 stakeholders
    takes minutes); a consistent copy even if another process is reading it."""
    target, source = database_path(size), VAR / f"bench-{size}.sqlite3"
    if target.exists() or not source.exists():
        return
    print(f"Copying {source.name} to {target.name} (once)…")
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def ensure_impacts() -> dict[str, int]:
    """Add initiatives and impacts to a demo built before they existed; returns counts."""
    from django.db import transaction
    from django.utils import timezone

    from heard.core.models import Membership, Workspace
    from heard.demo.generate import DemoContext, ProgressHook
    from heard.demo.impacts import create_impacts
    from heard.impacts.models import Impact, Initiative
    from heard.stakeholders.models import Stakeholder

    for workspace in Workspace.objects.filter(slug__in=("acme", "globex")):
        if Initiative.objects.for_workspace(workspace).exists():
            continue
        print(f"Adding initiatives and impacts to {workspace.slug} (once)…")
        members = {
            m.role: m.user
            for m in Membership.objects.filter(workspace=workspace).select_related("user")
        }
        ctx = DemoContext(
            workspace=workspace,
            rng=random.Random(f"heard-demo:2026:{workspace.slug}:impacts"),
            now=timezone.now(),
            progress=ProgressHook(),
            members=members,
            counts={"stakeholders": Stakeholder.objects.for_workspace(workspace).count()},
        )
        with transaction.atomic():
            create_impacts(ctx)
    acme = Workspace.objects.get(slug="acme")
    return {
        "initiatives": Initiative.objects.for_workspace(acme).count(),
        "impacts": Impact.objects.for_workspace(acme).count(),
    }


def pages_to_measure() -> list[bench_pages.Page]:
    """The initiative and impact lists (plain, filtered, searched, sorted) and details."""
    from django.urls import reverse

    from heard.core.models import Workspace
    from heard.impacts.models import Impact, Initiative

    acme = Workspace.objects.get(slug="acme")

    def url(name: str, query: str = "", **kwargs) -> str:
        return reverse(f"impacts:{name}", kwargs={"workspace_slug": acme.slug, **kwargs}) + query

    def spread(queryset) -> list[int]:
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        return [ids[int(i * (len(ids) - 1) / 7)] for i in range(8)]

    initiatives = spread(Initiative.objects.for_workspace(acme))
    impacts = spread(Impact.objects.for_workspace(acme))
    busiest = Initiative.objects.for_workspace(acme).order_by("pk").first()
    Page = bench_pages.Page
    return [
        Page("initiative list", "initiative list", [url("initiative_list")]),
        Page(
            "initiative list filtered, by impacts",
            "initiative list",
            [url("initiative_list", "?stage=in_use&kind=feature&sort=-impacts")],
        ),
        Page("initiative search", "initiative list", [url("initiative_list", "?q=launch")]),
        Page(
            "initiative detail",
            "initiative detail",
            [url("initiative_detail", pk=pk) for pk in [*initiatives, busiest.pk]],
        ),
        Page("impact list (by salience)", "impact list", [url("impact_list")]),
        Page("impact list, page 20", "impact list", [url("impact_list", "?page=20")]),
        Page(
            "impact list filtered",
            "impact list",
            [url("impact_list", "?kind=potential&right=iccpr-17&risk_group=hrd&status=assessed")],
        ),
        Page(
            "impact list, open actions by severity",
            "impact list",
            [url("impact_list", "?actions=open&sort=-severity")],
        ),
        Page("impact search", "impact list", [url("impact_list", "?q=privacy+children")]),
        Page("impact detail", "impact detail", [url("impact_detail", pk=pk) for pk in impacts]),
        Page("action list, open", "action list", [url("action_list", "?state=open")]),
    ]


def report(results, *, size: str, counts: dict, vendor: str) -> None:
    """Print the table, with other sizes' query counts when their JSON exists."""
    from rich.console import Console
    from rich.table import Table

    others = {}
    for other in SIZES:
        path = VAR / f"bench-impacts-{other}.json"
        if other != size and path.exists():
            data = json.loads(path.read_text())
            others[other] = {p["name"]: p["queries"] for p in data["pages"]}
    console = Console() if sys.stdout.isatty() else Console(width=120)
    table = Table(
        title=(
            f"Impacts pages at --size {size}: {counts['initiatives']:,} initiatives, "
            f"{counts['impacts']:,} impacts on {vendor}"
        ),
        caption=f"target: p95 ≤ {TARGET_P95_MS:.0f} ms",
    )
    for column in ("page", "p50 ms", "p95 ms", "max ms", f"queries ({size})"):
        table.add_column(column, justify="left" if column == "page" else "right")
    for other in others:
        table.add_column(f"queries ({other})", justify="right")
    table.add_column("target", justify="center")
    for r in results:
        met = "[green]met[/green]" if r.p95_ms <= TARGET_P95_MS else "[red]MISSED[/red]"
        row = [r.name, f"{r.p50_ms:.1f}", f"{r.p95_ms:.1f}", f"{r.max_ms:.1f}", str(r.queries)]
        row += [str(c.get(r.name, "–")) for c in others.values()]
        table.add_row(*row, met)
    console.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=SIZES, default="large")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per page first")
    parser.add_argument("--database-url", help="default: var/bench-impacts-<size>.sqlite3")
    parser.add_argument("--json", type=Path, help="default: var/bench-impacts-<size>.json")
    args = parser.parse_args()

    VAR.mkdir(exist_ok=True)
    warnings.filterwarnings("ignore", message="No directory at")
    if not args.database_url:
        copy_pages_database(args.size)
    bench_pages.setup_django(
        args.size, args.database_url or f"sqlite:///{database_path(args.size)}"
    )
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from heard.core.models import User

    bench_pages.ensure_demo(args.size)
    counts = ensure_impacts()
    client = Client()
    client.force_login(User.objects.get(email="owner@acme.example"))
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": plain,
        }
    ):
        results = [
            bench_pages.measure(client, page, args.requests, args.warmup)
            for page in pages_to_measure()
        ]
    report(results, size=args.size, counts=counts, vendor=connection.vendor)
    out = args.json or VAR / f"bench-impacts-{args.size}.json"
    payload = {
        "size": args.size,
        **counts,
        "database": connection.vendor,
        "requests": args.requests,
        "target_p95_ms": TARGET_P95_MS,
        "pages": [asdict(r) for r in results],
    }
    out.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    print(f"Wrote {out}")


if __name__ == "__main__":
    main()
