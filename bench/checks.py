"""Benchmark: p50 / p95 and SQL query counts of the checks — the coverage matrix (workspace and
per initiative), the fatigue check of an engagement (with alternatives), the engagement
page's checks, and the workspace fatigue and inclusivity pages.

    .venv/bin/python bench/checks.py --size large [--requests 50] [--database-url URL]

Uses its own database (default: SQLite at var/bench-checks-<size>.sqlite3), built once with
`heard demo --size <size>`. When the demo holds fewer than `--engagements` engagements in
acme (default 30,000 at --size large), the rest are bulk-inserted first: engagements over two
years with HRDD steps, lifecycle stages, impacts and 4–12 participants each, a busy few
invited far more often than the rest (so the fatigue check has people to warn about).
Targets (issue 4): p95 ≤ 50 ms each; query counts independent of size.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import statistics
import sys
import time
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages  # noqa: E402 - bench/pages.py, next to this file

VAR = pages.VAR
TARGET_P95_MS = pages.TARGET_P95_MS
ENGAGEMENTS = {"small": 300, "medium": 5_000, "large": 30_000}


@dataclass
class Result:
    """Timings and query count of one measured thing."""

    name: str
    requests: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    queries: int
    queries_each: list[int] = field(default_factory=list)


# --- data


def fill_engagements(target: int, seed: int = 4) -> int:
    """Bulk-insert engagements (with steps, impacts and participants) up to `target` in
    acme; returns how many acme has."""
    from django.db import transaction
    from django.utils import timezone

    from heard.core.models import Workspace
    from heard.engagements.models import Engagement, HrddStep, Participation
    from heard.impacts.models import Impact, Initiative, LifecycleStage

    acme = Workspace.objects.get(slug="acme")
    have = Engagement.objects.for_workspace(acme).count()
    if have >= target:
        return have
    print(f"Adding {target - have:,} engagements to acme (once)…")
    rng = random.Random(seed)
    today = timezone.localdate()
    from heard.stakeholders.models import Stakeholder

    people = list(Stakeholder.objects.for_workspace(acme).active().values_list("pk", flat=True))
    busy = rng.sample(people, max(50, len(people) // 500))
    steps = list(HrddStep.objects.for_workspace(acme).values_list("pk", flat=True))
    impacts = list(Impact.objects.for_workspace(acme).values_list("pk", flat=True))
    initiatives = list(Initiative.objects.for_workspace(acme).values_list("pk", flat=True))
    stages = list(LifecycleStage.values)
    step_link, impact_link = Engagement.hrdd_steps.through, Engagement.impacts.through
    batch = 2000
    for start in range(have, target, batch):
        count = min(batch, target - start)
        with transaction.atomic():
            rows = Engagement.objects.bulk_create(
                Engagement(
                    workspace=acme,
                    title=f"Bench consultation {start + i}",
                    format=rng.choice(("roundtable", "interview", "workshop", "survey")),
                    lifecycle_stage=rng.choice(stages) if rng.random() < 0.9 else "",
                    initiative_id=rng.choice(initiatives) if initiatives else None,
                    languages=["en"],
                    starts_on=today + datetime.timedelta(days=rng.randint(-700, 60)),
                    search_text=f"bench consultation {start + i}",
                )
                for i in range(count)
            )
            links, impact_links, participations = [], [], []
            for e in rows:
                for step in rng.sample(steps, rng.randint(0, min(2, len(steps)))):
                    links.append(step_link(engagement_id=e.pk, hrddstep_id=step))
                for impact in rng.sample(impacts, min(len(impacts), rng.randint(0, 2))):
                    impact_links.append(impact_link(engagement_id=e.pk, impact_id=impact))
                invited = set(rng.sample(people, rng.randint(4, 12)))
                invited |= set(rng.sample(busy, rng.randint(0, 2)))
                for pk in invited:
                    past = e.starts_on < today
                    participations.append(
                        Participation(
                            workspace=acme,
                            engagement=e,
                            stakeholder_id=pk,
                            invitation_state=rng.choice(("accepted", "accepted", "declined"))
                            if past
                            else "sent",
                            attended=(rng.random() < 0.8) if past else None,
                            engaged_on=e.starts_on,
                        )
                    )
            step_link.objects.bulk_create(links)
            impact_link.objects.bulk_create(impact_links)
            Participation.objects.bulk_create(participations, batch_size=5000)
    from heard.demo.generate import refresh_planner_statistics

    refresh_planner_statistics()
    return Engagement.objects.for_workspace(acme).count()


# --- measuring


def _stats(name: str, timings: list[float], counts: list[int]) -> Result:
    timings.sort()
    return Result(
        name=name,
        requests=len(timings),
        p50_ms=round(statistics.median(timings), 1),
        p95_ms=round(timings[max(0, int(len(timings) * 0.95 + 0.5) - 1)], 1),
        max_ms=round(timings[-1], 1),
        queries=max(counts),
        queries_each=counts,
    )


def measure_call(name: str, calls: list, requests: int, warmup: int) -> Result:
    """Time a function call (cycling through `calls`), counting each one's queries once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(warmup):
        calls[i % len(calls)]()
    timings = []
    for i in range(requests):
        started = time.perf_counter()
        calls[i % len(calls)]()
        timings.append((time.perf_counter() - started) * 1000)
    counts = []
    for call in calls:
        with CaptureQueriesContext(connection) as captured:
            call()
        counts.append(len(captured.captured_queries))
    return _stats(name, timings, counts)


def measure_page(client, name: str, urls: list[str], requests: int, warmup: int, **headers):
    """Time GET requests (cycling through `urls`)."""

    def get(url):
        def call():
            response = client.get(url, headers=headers)
            if response.status_code != 200:
                raise SystemExit(f"GET {url} answered {response.status_code}")

        return call

    return measure_call(name, [get(u) for u in urls], requests, warmup)


def things_to_measure(client, requests: int, warmup: int) -> list[Result]:
    """The checks at realistic inputs: the busiest engagements and initiatives."""
    from django.db.models import Count
    from django.urls import reverse

    from heard.core.models import Workspace
    from heard.engagements.checks.fatigue import engagement_fatigue
    from heard.engagements.checks.inclusivity import engagement_inclusivity
    from heard.engagements.models import Engagement
    from heard.impacts.models import Initiative

    acme = Workspace.objects.get(slug="acme")
    slug = acme.slug
    engagements = Engagement.objects.for_workspace(acme).select_related("workspace")
    busiest = list(
        engagements.annotate(n=Count("participations"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)[:4]
    )
    ids = list(engagements.order_by("pk").values_list("pk", flat=True))
    sample = busiest + [ids[int(i * (len(ids) - 1) / 3)] for i in range(4)]
    chosen = [
        Engagement.objects.select_related("workspace").prefetch_related("impacts").get(pk=pk)
        for pk in sample
    ]
    initiatives = list(
        Initiative.objects.for_workspace(acme).order_by("pk").values_list("pk", flat=True)[:5]
    )

    def url(name, *args):
        return reverse(f"checks:{name}", args=[slug, *args])

    def fatigue_of(e):
        return lambda: engagement_fatigue(e)

    def inclusivity_of(e):
        return lambda: engagement_inclusivity(e)

    return [
        measure_page(client, "coverage matrix, workspace", [url("coverage")], requests, warmup),
        measure_page(
            client,
            "coverage matrix, initiative",
            [url("initiative_coverage", pk) for pk in initiatives],
            requests,
            warmup,
        ),
        measure_call(
            "fatigue check (with alternatives)",
            [fatigue_of(e) for e in chosen],
            requests,
            warmup,
        ),
        measure_call("inclusivity check", [inclusivity_of(e) for e in chosen], requests, warmup),
        measure_page(
            client,
            "engagement checks partial",
            [url("engagement_checks", e.pk) for e in chosen],
            requests,
            warmup,
            HX_Request="true",
        ),
        measure_page(
            client,
            "engagement detail page",
            [reverse("engagements:engagement_detail", args=[slug, e.pk]) for e in chosen],
            requests,
            warmup,
        ),
        measure_page(client, "fatigue report page", [url("fatigue")], requests, warmup),
        measure_page(
            client, "inclusivity page (12 months)", [url("inclusivity")], requests, warmup
        ),
        measure_page(
            client,
            "council list",
            [reverse("councils:council_list", args=[slug])],
            requests,
            warmup,
        ),
    ]


# --- reporting


def report(results: list[Result], *, size: str, stakeholders: int, engagements: int, vendor: str):
    """Print the table."""
    from rich.console import Console
    from rich.table import Table

    console = Console() if sys.stdout.isatty() else Console(width=120)
    table = Table(
        title=f"Heard checks at --size {size}: {stakeholders:,} stakeholders, "
        f"{engagements:,} engagements on {vendor}",
        caption=f"target: p95 ≤ {TARGET_P95_MS:.0f} ms",
    )
    for column in ("measured", "p50 ms", "p95 ms", "max ms", "queries", "target"):
        table.add_column(column, justify="left" if column == "measured" else "right")
    for r in results:
        met = "[green]met[/green]" if r.p95_ms <= TARGET_P95_MS else "[red]MISSED[/red]"
        table.add_row(
            r.name, f"{r.p50_ms:.1f}", f"{r.p95_ms:.1f}", f"{r.max_ms:.1f}", str(r.queries), met
        )
    console.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=pages.SIZES, default="large")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--engagements", type=int, help="engagements in acme (default by size)")
    parser.add_argument("--database-url", help="default: SQLite at var/bench-checks-<size>.sqlite3")
    parser.add_argument("--json", type=Path, help="default: var/bench-checks-<size>.json")
    args = parser.parse_args()

    VAR.mkdir(exist_ok=True)
    warnings.filterwarnings("ignore", message="No directory at")
    url = args.database_url or f"sqlite:///{VAR / f'bench-checks-{args.size}.sqlite3'}"
    pages.setup_django(args.size, url)
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from heard.core.models import User

    stakeholders = pages.ensure_demo(args.size)
    engagements = fill_engagements(args.engagements or ENGAGEMENTS[args.size])
    client = Client()
    client.force_login(User.objects.get(email="owner@acme.example"))
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": plain,
        }
    ):
        results = things_to_measure(client, args.requests, args.warmup)
    report(
        results,
        size=args.size,
        stakeholders=stakeholders,
        engagements=engagements,
        vendor=connection.vendor,
    )
    out = args.json or VAR / f"bench-checks-{args.size}.json"
    payload = {
        "size": args.size,
        "stakeholders": stakeholders,
        "engagements": engagements,
        "database": connection.vendor,
        "target_p95_ms": TARGET_P95_MS,
        "results": [asdict(r) for r in results],
    }
    out.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    print(f"Wrote {out}")


if __name__ == "__main__":
    main()
