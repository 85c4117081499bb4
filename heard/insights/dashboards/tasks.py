"""Background work of the dashboards, run by `heard worker`."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_dashboard(snapshot_id: int) -> bool:
    """Recompute one kept dashboard whose figures went stale."""
    from heard.insights.dashboards.snapshots import refresh

    return refresh(snapshot_id)


@task()
def refresh_dashboards() -> int:
    """Nightly: every workspace's dashboard for the selector's preset periods."""
    from heard.insights.dashboards.snapshots import refresh_nightly

    return refresh_nightly()
