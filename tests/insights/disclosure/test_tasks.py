"""Generation by the real database worker, as in production."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings

from heard.insights.disclosure import services
from heard.insights.disclosure.models import DisclosureReport, ReportStatus
from tests.insights.disclosure.conftest import YEAR

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_request_queues_and_the_database_worker_generates(workspace, dataset, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with override_settings(TASKS=DB_TASKS):
        from django_tasks_db.models import DBTaskResult

        report = services.request_report(
            workspace=workspace, actor=None, starts_on=YEAR.starts_on, ends_on=YEAR.ends_on
        )
        assert DBTaskResult.objects.count() == 1
        report.refresh_from_db()
        assert report.status == ReportStatus.QUEUED and report.progress == 0
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        result = DBTaskResult.objects.get()
        assert result.status == "SUCCESSFUL", result.traceback
        assert result.return_value == ReportStatus.DONE
    report = DisclosureReport.objects.get(pk=report.pk)
    assert report.status == ReportStatus.DONE and report.progress == 100
    assert report.started_at <= report.finished_at
    assert report.pdf_file.read().startswith(b"%PDF")
    assert "Wrongful account suspension" in report.body_html
