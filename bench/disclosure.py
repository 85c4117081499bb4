"""Benchmark: a year's disclosure report (figures, page, PDF and workbook) on a large workspace.

    .venv/bin/python bench/disclosure.py --size large [--from 2025-12-03 --to 2026-12-02]

Works on a copy: var/bench-feedback-<size>.sqlite3 (built by bench/feedback.py) is copied once
to /tmp/bench-disclosure-<size>.sqlite3 with SQLite's backup API and migrated there; the
original is only read. Default period: the 12 months up to yesterday. Each stage is timed
separately and the SQL queries counted; results are printed and written to
var/bench-disclosure-<size>.json. Target (issue 6): the whole report in ≤ 60 s at --size large.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
TARGET_SECONDS = 60.0


def copy_database(size: str) -> Path:
    """A private copy of the feedback benchmark's database (never written to in place)."""
    target = Path("/tmp") / f"bench-disclosure-{size}.sqlite3"
    if target.exists():
        return target
    sources = [VAR / f"bench-feedback-{size}.sqlite3", VAR / f"bench-{size}.sqlite3"]
    source = next((s for s in sources if s.exists()), None)
    if source is None:
        sys.exit(f"{sources[0]} is missing: run bench/feedback.py --size {size} first.")
    print(f"Copying {source.name} to {target} (once)…", flush=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    return target


def setup_django(database: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("HEARD_VAR_DIR", "/tmp/bench-disclosure-var")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(results: dict, name: str, function):
    """Run `function`, record its seconds and SQL queries under `name`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        value = function()
    seconds = time.perf_counter() - started
    results[name] = {"seconds": round(seconds, 2), "queries": len(queries)}
    print(f"{name:<28} {seconds:8.2f} s  queries {len(queries):4d}", flush=True)
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=["small", "medium", "large"])
    parser.add_argument("--workspace", default="acme")
    parser.add_argument("--from", dest="starts_on", type=datetime.date.fromisoformat)
    parser.add_argument("--to", dest="ends_on", type=datetime.date.fromisoformat)
    args = parser.parse_args()
    setup_django(copy_database(args.size))

    from heard.core.models import Workspace
    from heard.feedback.models import Input
    from heard.insights.disclosure import services
    from heard.insights.disclosure.figures import Period
    from heard.insights.disclosure.models import Framework
    from heard.insights.disclosure.sections import build_report
    from heard.insights.disclosure.workbook import write_workbook
    from heard.insights.pdf import html_to_pdf

    today = datetime.date.today()
    ends_on = args.ends_on or today - datetime.timedelta(days=1)
    starts_on = args.starts_on or ends_on.replace(year=ends_on.year - 1) + datetime.timedelta(1)
    period = Period(starts_on, ends_on)
    workspace = Workspace.objects.get(slug=args.workspace)
    inputs = Input.objects.for_workspace(workspace).filter(
        created_at__gte=period.start, created_at__lt=period.end
    )
    count = inputs.count()
    print(f"{workspace.slug}: {count:,} inputs in {starts_on} – {ends_on}", flush=True)

    results: dict = {}
    started = time.perf_counter()
    content = timed(results, "figures", lambda: build_report(workspace, period, Framework.values))
    timed(results, "page (HTML body)", lambda: services.render_body(content))
    document = timed(results, "HTML document", lambda: services.render_document(content))
    pdf = timed(results, "PDF", lambda: html_to_pdf(document))
    workbook = timed(results, "XLSX", lambda: write_workbook(content))
    total = time.perf_counter() - started
    verdict = "met" if total <= TARGET_SECONDS else "MISSED"
    print(f"{'total':<28} {total:8.2f} s  (target ≤ {TARGET_SECONDS:.0f} s: {verdict})")
    print(f"PDF {len(pdf):,} bytes, XLSX {len(workbook):,} bytes")
    out = VAR / f"bench-disclosure-{args.size}.json"
    out.write_text(
        json.dumps(
            {
                "size": args.size,
                "period": [str(starts_on), str(ends_on)],
                "inputs_in_period": count,
                "stages": results,
                "total_seconds": round(total, 2),
                "target_seconds": TARGET_SECONDS,
                "met": total <= TARGET_SECONDS,
            },
            indent=2,
        )
    )
    print(f"Wrote {out}")


if __name__ == "__main__":
    main()
