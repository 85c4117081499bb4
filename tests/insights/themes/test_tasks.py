"""Re-clustering in the background, as in production: the database worker runs the task."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings

from heard.insights.themes import services
from heard.insights.themes.models import RunStatus, Theme, ThemeRun
from tests.insights.themes.conftest import add_inputs

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_a_queued_recluster(workspace, corpus):
    add_inputs(workspace, [r["text"] for r in corpus[:120]])
    with override_settings(TASKS=DB_TASKS):
        from django_tasks_db.models import DBTaskResult

        run = services.request_recluster(workspace=workspace, actor=None)
        assert DBTaskResult.objects.count() == 1
        assert ThemeRun.objects.get(pk=run.pk).status == RunStatus.QUEUED  # queued, not run
        call_command(
            "worker", batch=True, startup_delay=False, reload=False, verbosity=0, no_schedule=True
        )
        result = DBTaskResult.objects.get()
        assert result.status == "SUCCESSFUL", result.traceback
        assert result.return_value == RunStatus.DONE
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.input_count == 120
    assert run.started_at and run.finished_at and run.progress_percent == 100
    assert Theme.objects.for_workspace(workspace).active().count() == run.theme_count > 1


@pytest.mark.django_db(transaction=True)
def test_command_queues_for_the_worker(workspace, corpus, capsys):
    add_inputs(workspace, [r["text"] for r in corpus[:30]])
    with override_settings(TASKS=DB_TASKS):
        call_command("themes", "recluster", "--workspace", workspace.slug, "--queue")
        assert "Queued run" in capsys.readouterr().out
        assert ThemeRun.objects.get().status == RunStatus.QUEUED
