"""Background work of the insight cycle, run by `heard worker`."""

from __future__ import annotations

from django_tasks import task


@task()
def open_insight_cycles() -> int:
    """The daily job: open the current planning cycle where due and email contributors."""
    from heard.insights.briefs.services.cycles import open_due_cycles

    return open_due_cycles()
