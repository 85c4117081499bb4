"""Benchmark: input entry rate, and p50 / p95 + SQL query counts of the feedback pages.

    .venv/bin/python bench/feedback.py --size large [--inputs 1000000] [--requests 50]

Uses its own SQLite copy, var/bench-feedback-<size>.sqlite3, copied from bench/engagements.py's
(or bench/pages.py's) database when one exists, else built with `heard demo`; then migrated,
topped up with engagements (bench/engagements.py) and the demo feedback
(`heard.demo.feedback`), and — with --inputs — bulk-filled with more inputs (decided, closed,
open and overdue in realistic shares) until acme holds that many.

Measured, in process with Django's test client after a warm-up (bench/pages.py's `measure`):
- input entry: inputs recorded per second through the keyboard entry endpoint (HTMX POSTs,
  each a full request: validation, language detection, insert, audit entry, partial render);
- the input list (plain, filtered by overdue loop, searched, deep page) and an input's page;
- the workspace home with the "loops to close" to-do, as the member who leads the most
  engagements; the commitments list.

Results are printed and written to var/bench-feedback-<size>.json, with the query counts of
other sizes beside this run's. Target (issue 5): p95 ≤ 50 ms for entry and the to-do list.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sqlite3
import statistics
import sys
import time
import warnings
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import engagements as bench_engagements  # noqa: E402 - bench/engagements.py, next to this file
import pages as bench_pages  # noqa: E402 - bench/pages.py, next to this file

VAR = bench_pages.VAR
SIZES = bench_pages.SIZES
TARGET_P95_MS = 50.0
DEFAULT_INPUTS = {"small": 0, "medium": 0, "large": 1_000_000}


def database_path(size: str) -> Path:
    return VAR / f"bench-feedback-{size}.sqlite3"


def copy_existing_database(size: str) -> None:
    """Start from another benchmark's database (building the large demo takes minutes)."""
    target = database_path(size)
    if target.exists():
        return
    for name in (f"bench-engagements-{size}.sqlite3", f"bench-{size}.sqlite3"):
        source = VAR / name
        if source.exists() and source.stat().st_size > 100_000:
            print(f"Copying {source.name} to {target.name} (once)…")
            with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
                src.backup(dst)
            return


def ensure_feedback(target: int) -> dict[str, int]:
    """Demo feedback once, then bulk inputs up to `target` in acme; returns acme's counts."""
    from django.db import transaction

    from heard.core.models import Workspace
    from heard.demo.feedback import create_feedback
    from heard.feedback.models import Input

    for workspace in Workspace.objects.filter(slug__in=("acme", "globex")):
        if not Input.objects.for_workspace(workspace).exists():
            print(f"Adding demo feedback to {workspace.slug} (once)…")
            with transaction.atomic():
                create_feedback(bench_engagements._context(workspace, "feedback"))
    acme = Workspace.objects.get(slug="acme")
    have = Input.objects.for_workspace(acme).count()
    if target > have:
        fill_inputs(acme, target - have)
    # Fresh planner statistics, as `heard demo` leaves them (the bulk fill and new indexes
    # would otherwise leave SQLite guessing).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    inputs = Input.objects.for_workspace(acme)
    today = datetime.date.today()
    return {
        "inputs": inputs.count(),
        "open loops": inputs.filter(loop_closed_at__isnull=True).count(),
        "overdue loops": inputs.filter(loop_closed_at__isnull=True, loop_due_on__lt=today).count(),
    }


def fill_inputs(workspace, missing: int) -> None:
    """Copy the demo's inputs round-robin over held engagements: each copy keeps its
    engagement's due date; a share is decided and closed, the rest open (many overdue)."""
    import random

    from django.db import transaction
    from django.utils import timezone

    from heard.engagements.models import Engagement
    from heard.feedback.models import Input

    rng = random.Random(f"bench-feedback:{workspace.slug}")
    templates = list(
        Input.objects.for_workspace(workspace)
        .filter(merged_into__isnull=True)
        .values("text", "kind", "language", "search_text", "stakeholder_id")[:500]
    )
    engagements = list(
        Engagement.objects.for_workspace(workspace)
        .filter(held_at__isnull=False)
        .values_list("pk", "held_at", "attribution_rule")
    )
    days = datetime.timedelta(days=workspace.loop_closure_days)
    now = timezone.now()
    print(f"Adding {missing:,} inputs to {workspace.slug} (once)…")
    done, batch_size = 0, 20_000
    while done < missing:
        rows = []
        for _ in range(min(batch_size, missing - done)):
            template = rng.choice(templates)
            engagement_id, held_at, rule = rng.choice(engagements)
            created = held_at + datetime.timedelta(hours=rng.randint(1, 48))
            closed = rng.random() < 0.6 and created + datetime.timedelta(days=20) < now
            rows.append(
                Input(
                    workspace=workspace,
                    text=template["text"],
                    kind=template["kind"],
                    language=template["language"],
                    search_text=template["search_text"],
                    stakeholder_id=None if rule == "anonymous" else template["stakeholder_id"],
                    is_anonymous=rule == "anonymous",
                    engagement_id=engagement_id,
                    created_at=created,
                    loop_due_on=held_at.date() + days,
                    outcome="adopted" if closed else "",
                    loop_closed_at=created + datetime.timedelta(days=20) if closed else None,
                )
            )
        with transaction.atomic():
            Input.objects.bulk_create(rows, batch_size=2000)
        done += len(rows)
        print(f"  {done:,} / {missing:,}")


def lead_of_most_overdue(workspace):
    """The member who leads the engagements with the most overdue loops."""
    from django.db.models import Count

    from heard.core.models import User
    from heard.feedback import queries

    row = (
        queries.overdue_loops(workspace)
        .exclude(engagement__owner__isnull=True)
        .order_by()
        .values("engagement__owner")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    if row is None:
        return User.objects.get(email="owner@acme.example")
    return User.objects.get(pk=row["engagement__owner"])


def measure_entry(client, workspace, count: int) -> dict:
    """POST `count` inputs through the entry endpoint as htmx does; rate and latencies."""
    from django.urls import reverse

    from heard.engagements.models import Engagement
    from heard.feedback import queries

    engagement = (
        Engagement.objects.for_workspace(workspace)
        .filter(held_at__isnull=False)
        .order_by("-pk")
        .first()
    )
    speakers = [p.stakeholder_id for p in queries.entry_participants(engagement)] or [""]
    url = reverse("feedback:entry", args=[workspace.slug, engagement.pk])
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "entry-form-slot"}
    texts = [
        "Automated removals hit activists first; appeals go unanswered.",
        "Ajoutez une vérification humaine avant toute suspension.",
        "Añadan una revisión humana antes de suspender cuentas.",
    ]
    timings = []
    start = time.perf_counter()
    for n in range(count):
        data = {
            "text": f"{texts[n % 3]} ({n})",
            "kind": "concern",
            "stakeholder": speakers[n % len(speakers)],
        }
        t0 = time.perf_counter()
        response = client.post(url, data, **headers)
        timings.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200 and b"entry-list" in response.content, response.content[
            :500
        ]
    elapsed = time.perf_counter() - start
    timings.sort()
    return {
        "inputs": count,
        "seconds": round(elapsed, 2),
        "inputs_per_second": round(count / elapsed, 1),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
    }


def pages_to_measure(workspace) -> list:
    from django.urls import reverse

    from heard.feedback.models import Input

    def url(name: str, query: str = "", **kwargs) -> str:
        return (
            reverse(f"feedback:{name}", kwargs={"workspace_slug": workspace.slug, **kwargs}) + query
        )

    ids = list(
        Input.objects.for_workspace(workspace)
        .order_by("pk")
        .values_list("pk", flat=True)[::5000][:8]
    )
    engagement_id = (
        Input.objects.for_workspace(workspace).values_list("engagement_id", flat=True).first()
    )
    Page = bench_pages.Page
    return [
        Page("input list", "input list", [url("input_list")]),
        Page("input list, page 100", "input list", [url("input_list", "?page=100")]),
        Page(
            "input list, overdue loops", "input list", [url("input_list", "?loop=overdue&sort=due")]
        ),
        Page(
            "input list, one engagement",
            "input list",
            [url("input_list", f"?engagement={engagement_id}")],
        ),
        Page("input search", "input list", [url("input_list", "?q=appeals")]),
        Page("input detail", "input detail", [url("input_detail", pk=pk) for pk in ids]),
        Page("commitment list", "commitments", [url("commitment_list")]),
    ]


def busiest_portal_stakeholder(workspace):
    """The stakeholder with the most inputs: the heaviest portal home there is."""
    from django.db.models import Count

    from heard.feedback.models import Input
    from heard.stakeholders.models import Stakeholder

    row = (
        Input.objects.for_workspace(workspace)
        .filter(stakeholder__isnull=False, merged_into__isnull=True, archived_at__isnull=True)
        .values("stakeholder")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return Stakeholder.objects.get(pk=row["stakeholder"]), row["n"]


def portal_client(stakeholder):
    """A test client signed in to the portal the way a stakeholder is: through a magic link."""
    from urllib.parse import urlsplit

    from django.test import Client

    from heard.feedback.portal import portal_link

    client = Client()
    path = urlsplit(portal_link(stakeholder)).path
    response = client.post(path)
    assert response.status_code == 302, response.status_code
    return client


def portal_pages(stakeholder) -> list:
    from django.urls import reverse

    from heard.engagements.models import Participation

    engagements = list(
        Participation.objects.filter(stakeholder=stakeholder)
        .order_by("-engagement_id")
        .values_list("engagement_id", flat=True)[:8]
    )
    Page = bench_pages.Page
    return [
        Page("portal home", "portal", [reverse("portal:home")]),
        Page(
            "portal engagement",
            "portal",
            [reverse("portal:engagement", args=[pk]) for pk in engagements],
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=SIZES, default="large")
    parser.add_argument("--inputs", type=int, help="fill acme up to this many inputs")
    parser.add_argument("--entries", type=int, default=300, help="inputs posted to the entry page")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per page first")
    parser.add_argument("--database-url", help="default: var/bench-feedback-<size>.sqlite3")
    parser.add_argument("--json", type=Path, help="default: var/bench-feedback-<size>.json")
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
    from django.urls import reverse

    from heard.core.models import User, Workspace

    bench_pages.ensure_demo(args.size)
    bench_engagements.ensure_engagements()
    target = args.inputs if args.inputs is not None else DEFAULT_INPUTS[args.size]
    counts = ensure_feedback(target)
    acme = Workspace.objects.get(slug="acme")
    owner = Client()
    owner.force_login(User.objects.get(email="owner@acme.example"))
    lead = Client()
    lead_user = lead_of_most_overdue(acme)
    lead.force_login(lead_user)
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": plain,
    }
    with override_settings(STORAGES=storages):
        home = bench_pages.Page(
            "home with the loops to-do", "to-do", [reverse("workspace_home", args=[acme.slug])]
        )
        results = [bench_pages.measure(lead, home, args.requests, args.warmup)]
        results += [
            bench_pages.measure(owner, p, args.requests, args.warmup)
            for p in pages_to_measure(acme)
        ]
        stakeholder, stakeholder_inputs = busiest_portal_stakeholder(acme)
        portal = portal_client(stakeholder)
        portal_results = [
            bench_pages.measure(portal, p, args.requests, args.warmup)
            for p in portal_pages(stakeholder)
        ]
        portal_bytes = {
            p.name: max(len(portal.get(url).content) for url in p.urls)
            for p in portal_pages(stakeholder)
        }
        results += portal_results
        entry = measure_entry(owner, acme, args.entries)
    for r in results:
        flag = "met" if r.p95_ms <= TARGET_P95_MS else "MISSED"
        print(
            f"{r.name:<32} p50 {r.p50_ms:7.1f} ms  p95 {r.p95_ms:7.1f} ms"
            f"  queries {r.queries:3d}  {flag}"
        )
    print(
        f"input entry: {entry['inputs_per_second']} inputs/s over {entry['inputs']} POSTs "
        f"(p50 {entry['p50_ms']} ms, p95 {entry['p95_ms']} ms)"
    )
    print(
        f"portal as a stakeholder with {stakeholder_inputs} inputs; largest page bytes "
        f"(target ≤ 50 KB): {portal_bytes}"
    )
    print(f"acme: {counts} on {connection.vendor}; to-do as {lead_user.email}")
    out = args.json or VAR / f"bench-feedback-{args.size}.json"
    payload = {
        "size": args.size,
        **counts,
        "database": connection.vendor,
        "requests": args.requests,
        "target_p95_ms": TARGET_P95_MS,
        "entry": entry,
        "portal_stakeholder_inputs": stakeholder_inputs,
        "portal_page_bytes": portal_bytes,
        "pages": [asdict(r) for r in results],
    }
    out.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    print(f"Wrote {out}")


if __name__ == "__main__":
    main()
