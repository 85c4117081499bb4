"""Background work of themes, run by `heard worker`."""

from __future__ import annotations

from django_tasks import task


@task()
def recluster_workspace(run_id: int, backend: str | None = None) -> str:
    """Regroup a workspace's inputs for a queued run; returns the run's final status."""
    from heard.insights.themes import services
    from heard.insights.themes.models import RunStatus, ThemeRun

    run = ThemeRun.objects.select_related("workspace", "requested_by").filter(pk=run_id).first()
    if run is None or run.status != RunStatus.QUEUED:
        return "skipped"
    # A failure marks the run failed with its message, then reaches the worker's own log.
    services.recluster(workspace=run.workspace, actor=run.requested_by, run=run, backend=backend)
    return RunStatus.DONE
