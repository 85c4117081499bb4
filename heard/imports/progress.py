"""Import progress, kept outside the database.

The apply phase writes in one transaction: progress saved in the database from inside it would
be invisible to the page polling it (and on SQLite would block it). So progress goes to the
"progress" cache (file-based, shared by web and worker processes).
"""

from __future__ import annotations

from django.core.cache import caches

from heard.imports.models import ImportJob

TIMEOUT = 60 * 60 * 6


def _key(job: ImportJob) -> str:
    # The stored file name is random and unique, unlike ids across databases (parallel tests).
    return f"heard-import:{job.pk}:{job.file.name}"


def report(job: ImportJob, *, phase: str, done: int, total: int) -> None:
    """Record how far an import has come."""
    caches["progress"].set(_key(job), {"phase": phase, "done": done, "total": total}, TIMEOUT)


def read(job: ImportJob) -> dict:
    """{phase, done, total, percent}; falls back to the job's stored counts."""
    data = caches["progress"].get(_key(job)) or {
        "phase": "",
        "done": job.processed_rows,
        "total": job.total_rows,
    }
    total = data["total"] or 0
    # Checking counts for the first half of the bar, writing for the second.
    share = data["done"] / total if total else 0
    if data["phase"] == "writing":
        share = 0.5 + share / 2
    elif data["phase"] == "checking":
        share = share / 2
    data["percent"] = min(100, round(100 * share)) if data["phase"] else job.progress_percent
    return data


def clear(job: ImportJob) -> None:
    """Forget an import's progress (it is finished)."""
    caches["progress"].delete(_key(job))
