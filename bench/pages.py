"""Benchmark: p50 / p95 response times and SQL query counts of the main registry pages.

    .venv/bin/python bench/pages.py --size large [--requests 50] [--database-url URL]

Builds a database once per size (default: SQLite at var/bench-<size>.sqlite3, migrated and
loaded with `heard demo --size <size>`) and reuses it on later runs. Pages are requested in
process with Django's test client, logged in as owner@acme.example, after a warm-up; timings
cover the whole request (middleware, view, template). Results are printed as a table and
written to var/bench-pages-<size>.json; when the JSON of another size exists, its query counts
are shown beside this run's, since a page's query count must not grow with the data.

Targets (issue 3): stakeholder list, search and detail p95 ≤ 50 ms at 100,000 stakeholders
on SQLite; query counts independent of size.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
SIZES = ("small", "medium", "large")
TARGET_P95_MS = 50.0
# Pages the target applies to (the rest are reported for information).
TARGET_GROUPS = {"stakeholder list", "stakeholder search", "stakeholder detail"}


@dataclass
class PageResult:
    """Timings and query count of one page."""

    name: str
    group: str
    urls: list[str]
    requests: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    queries: int
    queries_per_url: list[int] = field(default_factory=list)
    slowest_queries: list[dict] = field(default_factory=list)


# --- set-up


def setup_django(size: str, database_url: str | None) -> None:
    """Point Heard at the benchmark database (before django.setup())."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("HEARD_VAR_DIR", str(VAR))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{VAR / f'bench-{size}.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    allowed = os.environ.get("HEARD_ALLOWED_HOSTS", "127.0.0.1,localhost")
    os.environ["HEARD_ALLOWED_HOSTS"] = f"{allowed},testserver"
    import django

    django.setup()


def ensure_demo(size: str) -> int:
    """Migrate and load the demo of `size` unless it is there already; returns acme's count."""
    from django.core.management import call_command

    from heard.core.models import Workspace
    from heard.demo.generate import SIZES as DEMO_SIZES
    from heard.stakeholders.models import Stakeholder

    call_command("migrate", verbosity=0)
    expected = DEMO_SIZES[size]["acme"]
    acme = Workspace.objects.filter(slug="acme").first()
    if acme is None:
        print(f"Building the {size} demo database (once)…")
        call_command("demo", size=size)
        acme = Workspace.objects.get(slug="acme")
    count = Stakeholder.objects.for_workspace(acme).count()
    if count != expected:
        sys.exit(
            f"This database holds {count:,} acme stakeholders, not the {expected:,} of "
            f"--size {size}: delete it (or point --database-url at an empty database)."
        )
    return count


# --- what to request


@dataclass
class Page:
    """A page to measure: one or several URLs requested in turn."""

    name: str
    group: str
    urls: list[str]


def pages_to_measure() -> list[Page]:
    """The main registry pages, with realistic filters, searches and objects."""
    from django.db.models import Count
    from django.urls import reverse

    from heard.core.models import Workspace
    from heard.stakeholders.models import Organisation, SafetyLevel, Stakeholder

    acme = Workspace.objects.get(slug="acme")
    kw = {"workspace_slug": acme.slug}
    stakeholders = Stakeholder.objects.for_workspace(acme)
    organisations = Organisation.objects.for_workspace(acme)

    def url(name: str, query: str = "", **kwargs) -> str:
        return reverse(f"stakeholders:{name}", kwargs={**kw, **kwargs}) + query

    total = stakeholders.count()
    # Spread over the table: early, middle and late rows, plus a high-risk person.
    ids = list(stakeholders.order_by("pk").values_list("pk", flat=True))
    sample = [ids[int(i * (len(ids) - 1) / 7)] for i in range(8)]
    high_risk = stakeholders.filter(safety_level=SafetyLevel.HIGH_RISK).values("pk").first()
    if high_risk:
        sample.append(high_risk["pk"])
    rare = stakeholders.filter(safety_level=SafetyLevel.STANDARD).order_by("pk")[total // 2]
    busiest = (
        organisations.annotate(n=Count("stakeholders")).order_by("-n", "pk").values("pk").first()
    )
    org_ids = list(organisations.order_by("pk").values_list("pk", flat=True))
    org_sample = [org_ids[int(i * (len(org_ids) - 1) / 4)] for i in range(5)]
    if busiest:
        org_sample.append(busiest["pk"])
    filtered = "?country=IN&category=cso_representative&global_majority=yes"
    return [
        Page("stakeholder list", "stakeholder list", [url("stakeholder_list")]),
        Page(
            "stakeholder list, page 40", "stakeholder list", [url("stakeholder_list", "?page=40")]
        ),
        Page("stakeholder list filtered", "stakeholder list", [url("stakeholder_list", filtered)]),
        Page(
            "stakeholder list by last engaged",
            "stakeholder list",
            [url("stakeholder_list", "?sort=-last_engaged")],
        ),
        Page(
            "stakeholder search, common term",
            "stakeholder search",
            [url("stakeholder_list", "?q=moderation")],
        ),
        Page(
            "stakeholder search, rare name",
            "stakeholder search",
            [url("stakeholder_list", "?" + _query(q=rare.name))],
        ),
        Page(
            "stakeholder detail",
            "stakeholder detail",
            [url("stakeholder_detail", pk=pk) for pk in sample],
        ),
        Page("organisation list", "organisation list", [url("organisation_list")]),
        Page(
            "organisation list by stakeholders",
            "organisation list",
            [url("organisation_list", "?sort=-stakeholders")],
        ),
        Page("organisation search", "organisation search", [url("organisation_list", "?q=rights")]),
        Page(
            "organisation detail",
            "organisation detail",
            [url("organisation_detail", pk=pk) for pk in org_sample],
        ),
    ]


def _query(**params) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


# --- measuring


def measure(client, page: Page, requests: int, warmup: int) -> PageResult:
    """Warm up, time `requests` requests (cycling through the page's URLs), count queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(warmup):
        _get(client, page.urls[i % len(page.urls)])
    timings = []
    for i in range(requests):
        started = time.perf_counter()
        _get(client, page.urls[i % len(page.urls)])
        timings.append((time.perf_counter() - started) * 1000)
    # Count each URL's queries once; the page's count is the largest (an organisation without
    # stakeholders, say, skips the prefetches that a busy one needs).
    counts, captured_queries = [], []
    for url in page.urls:
        with CaptureQueriesContext(connection) as captured:
            _get(client, url)
        counts.append(len(captured.captured_queries))
        captured_queries += captured.captured_queries
    slowest = sorted(captured_queries, key=lambda q: -float(q["time"]))[:3]
    timings.sort()
    return PageResult(
        name=page.name,
        group=page.group,
        urls=page.urls,
        requests=requests,
        p50_ms=round(statistics.median(timings), 1),
        p95_ms=round(timings[max(0, int(len(timings) * 0.95 + 0.5) - 1)], 1),
        max_ms=round(timings[-1], 1),
        queries=max(counts),
        queries_per_url=counts,
        slowest_queries=[
            {"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"][:500]} for q in slowest
        ],
    )


def _get(client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}; is the page built yet?")
    return response


# --- reporting


def other_sizes(size: str) -> dict[str, dict[str, int]]:
    """Query counts per page from earlier runs at other sizes: {size: {page: queries}}."""
    found = {}
    for other in SIZES:
        path = VAR / f"bench-pages-{other}.json"
        if other != size and path.exists():
            data = json.loads(path.read_text())
            found[other] = {p["name"]: p["queries"] for p in data["pages"]}
    return found


def report(results: list[PageResult], *, size: str, count: int, vendor: str, show_sql: bool):
    """Print the table (and the slowest queries when asked)."""
    from rich.console import Console
    from rich.table import Table

    console = Console() if sys.stdout.isatty() else Console(width=120)
    if show_sql:
        for result in results:
            console.rule(result.name)
            for query in result.slowest_queries:
                line = f"{query['ms']:>7.1f} ms  {query['sql'][:300]}"
                console.print(line, highlight=False, markup=False, soft_wrap=True)
    others = other_sizes(size)
    table = Table(
        title=f"Heard pages at --size {size}: {count:,} stakeholders on {vendor}",
        caption=f"target: stakeholder list, search and detail p95 ≤ {TARGET_P95_MS:.0f} ms",
    )
    for column in ("page", "p50 ms", "p95 ms", "max ms", f"queries ({size})"):
        table.add_column(column, justify="left" if column == "page" else "right")
    for other in others:
        table.add_column(f"queries ({other})", justify="right")
    table.add_column("target", justify="center")
    for result in results:
        met = ""
        if result.group in TARGET_GROUPS:
            met = "[green]met[/green]" if result.p95_ms <= TARGET_P95_MS else "[red]MISSED[/red]"
        row = [
            result.name,
            f"{result.p50_ms:.1f}",
            f"{result.p95_ms:.1f}",
            f"{result.max_ms:.1f}",
            str(result.queries),
        ]
        row += [str(counts.get(result.name, "–")) for counts in others.values()]
        table.add_row(*row, met)
    console.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=SIZES, default="large")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per page first")
    parser.add_argument("--database-url", help="default: SQLite at var/bench-<size>.sqlite3")
    parser.add_argument("--sql", action="store_true", help="show each page's slowest queries")
    parser.add_argument("--json", type=Path, help="default: var/bench-pages-<size>.json")
    args = parser.parse_args()

    VAR.mkdir(exist_ok=True)
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise, no collectstatic
    setup_django(args.size, args.database_url)
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from heard.core.models import User

    count = ensure_demo(args.size)
    client = Client()
    client.force_login(User.objects.get(email="owner@acme.example"))
    # Hashed static names need collectstatic's manifest; plain storage renders the same HTML.
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": plain,
        }
    ):
        results = [measure(client, page, args.requests, args.warmup) for page in pages_to_measure()]
    report(results, size=args.size, count=count, vendor=connection.vendor, show_sql=args.sql)
    out = args.json or VAR / f"bench-pages-{args.size}.json"
    payload = {
        "size": args.size,
        "stakeholders": count,
        "database": connection.vendor,
        "requests": args.requests,
        "target_p95_ms": TARGET_P95_MS,
        "pages": [asdict(r) for r in results],
    }
    out.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    print(f"Wrote {out}")


if __name__ == "__main__":
    main()
