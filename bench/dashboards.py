"""Benchmark: p50 / p95 / max and SQL query counts of the dashboards (issue 6).

    .venv/bin/python bench/dashboards.py --size large [--requests 30] [--database-url URL]

Reads the feedback benchmark's database, var/bench-feedback-<size>.sqlite3 (run
bench/feedback.py first; at --size large acme then holds about a million inputs), or the
database `--database-url` names — a copy of it, say, so that this run writes nothing to the
original (logging in writes a session row). `--prepare` fills a database that lacks the
engagements and feedback the way bench/feedback.py does (for a copy of a plain demo database).

Measured in process with Django's test client as owner@acme.example (bench/pages.py's
`measure`, after a warm-up):
- the workspace dashboard for the default period (last 90 days) and for the last 12 months,
  and the dashboard of the initiative with most engagements, as members see them: the
  figures kept in a DashboardSnapshot row (refreshed in the background), one row read and
  the page rendered;
- what the worker pays to compute each of those dashboards' figures (every aggregate), timed
  `--compute-runs` times each.

Target (issue 6): dashboards at --size large p95 ≤ 200 ms; the query count of each page must
not grow with the data (compare the JSON of two sizes: var/bench-dashboards-<size>.json).
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages as bench_pages  # noqa: E402 - bench/pages.py, next to this file

VAR = bench_pages.VAR
SIZES = bench_pages.SIZES
TARGET_P95_MS = 200.0


def busiest_initiative(workspace) -> int:
    """The initiative with most engagements (its dashboard aggregates the most rows)."""
    from django.db.models import Count

    from heard.impacts.models import Initiative

    return (
        Initiative.objects.for_workspace(workspace)
        .annotate(n=Count("engagements"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )


def pages_to_measure(workspace) -> list:
    """The dashboards as members see them (from their kept figures)."""
    from django.urls import reverse

    home = reverse("dashboards:workspace", args=[workspace.slug])
    initiative = reverse(
        "dashboards:initiative", args=[workspace.slug, busiest_initiative(workspace)]
    )
    Page = bench_pages.Page
    return [
        Page("workspace, 90 days", "kept", [home]),
        Page("workspace, 12 months", "kept", [f"{home}?period=365"]),
        Page("initiative, 90 days", "kept", [initiative]),
    ]


def measure_compute(workspace, requests: int) -> list[dict]:
    """What the worker pays to (re)compute each dashboard's figures: every aggregate."""
    import statistics
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from heard.impacts.models import Initiative
    from heard.insights.dashboards import snapshots
    from heard.insights.dashboards.metrics import Period

    initiative = Initiative.objects.get(pk=busiest_initiative(workspace))
    found = []
    for name, days, scope in (
        ("workspace, 90 days", 90, None),
        ("workspace, 12 months", 365, None),
        ("initiative, 90 days", 90, initiative),
    ):
        timings, queries = [], 0
        for _ in range(requests):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                snapshots.compute(workspace, Period.last(days), scope)
            timings.append((time.perf_counter() - started) * 1000)
            queries = len(captured.captured_queries)
        found.append(
            {
                "name": name,
                "runs": requests,
                "median_ms": round(statistics.median(timings), 1),
                "max_ms": round(max(timings), 1),
                "queries": queries,
            }
        )
    return found


def counts(workspace) -> dict[str, int]:
    from heard.engagements.models import Engagement
    from heard.feedback.models import Input

    return {
        "inputs": Input.objects.for_workspace(workspace).count(),
        "engagements": Engagement.objects.for_workspace(workspace).count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=SIZES, default="large")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=2, help="untimed requests per page first")
    parser.add_argument(
        "--compute-runs",
        type=int,
        default=2,
        help="timed computations of each dashboard's figures (seconds each at --size large)",
    )
    parser.add_argument(
        "--database-url", help="default: SQLite at var/bench-feedback-<size>.sqlite3"
    )
    parser.add_argument("--prepare", action="store_true", help="add engagements and feedback")
    parser.add_argument("--sql", action="store_true", help="show each page's slowest queries")
    parser.add_argument("--json", type=Path, help="default: var/bench-dashboards-<size>.json")
    args = parser.parse_args()

    warnings.filterwarnings("ignore", message="No directory at")
    default = VAR / f"bench-feedback-{args.size}.sqlite3"
    if not args.database_url and not default.exists():
        sys.exit(f"{default} is missing: run bench/feedback.py --size {args.size} first.")
    bench_pages.setup_django(args.size, args.database_url or f"sqlite:///{default}")
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from heard.core.models import User, Workspace

    call_command("migrate", verbosity=0)  # the snapshots' table, on a database built before it
    if args.prepare:
        import engagements as bench_engagements  # noqa: PLC0415 - bench/engagements.py
        import feedback as bench_feedback  # noqa: PLC0415 - bench/feedback.py

        bench_pages.ensure_demo(args.size)
        bench_engagements.ensure_engagements()
        bench_feedback.ensure_feedback(0)
    acme = Workspace.objects.get(slug="acme")
    owner = Client()
    owner.force_login(User.objects.get(email="owner@acme.example"))
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": plain,
    }
    with override_settings(STORAGES=storages):
        # The warm-up computes missing figures in the request, whatever their size.
        from heard.insights.dashboards import snapshots

        snapshots.SYNC_INPUT_LIMIT = 10**12
        results = [
            bench_pages.measure(owner, page, args.requests, args.warmup)
            for page in pages_to_measure(acme)
        ]
        computed = measure_compute(acme, args.compute_runs)
    if args.sql:
        for r in results:
            print(f"--- {r.name}")
            for q in r.slowest_queries:
                print(f"{q['ms']:8.1f} ms  {q['sql'][:400]}")
    for r in results:
        flag = "met" if r.p95_ms <= TARGET_P95_MS else "MISSED"
        print(
            f"{r.name:<34} p50 {r.p50_ms:8.1f} ms  p95 {r.p95_ms:8.1f} ms"
            f"  max {r.max_ms:8.1f} ms  queries {r.queries:3d}  {flag}"
        )
    for c in computed:
        print(
            f"compute {c['name']:<26} median {c['median_ms']:9.1f} ms  max {c['max_ms']:9.1f} ms"
            f"  queries {c['queries']:3d}  (the worker's refresh, not a page)"
        )
    found = counts(acme)
    print(f"acme: {found} on {connection.vendor}")
    out = args.json or VAR / f"bench-dashboards-{args.size}.json"
    payload = {
        "size": args.size,
        **found,
        "database": connection.vendor,
        "requests": args.requests,
        "target_p95_ms": TARGET_P95_MS,
        "pages": [asdict(r) for r in results],
        "compute": computed,
    }
    out.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    print(f"Wrote {out}")


if __name__ == "__main__":
    main()
