"""The report pages: who may generate and read, progress, downloads, tenancy."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.core.models import Role
from heard.insights.disclosure.models import DisclosureReport, ReportStatus
from heard.insights.disclosure.tasks import generate_disclosure_report
from tests.conftest import member_client
from tests.factories import DisclosureReportFactory
from tests.insights.disclosure.conftest import NAMES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def url(name, workspace, *args):
    return reverse(f"disclosure:{name}", args=[workspace.slug, *args])


POST = {
    "preset": "custom",
    "starts_on": "2025-01-01",
    "ends_on": "2025-12-31",
    "frameworks": ["esrs", "ungp"],
    "language": "en",
}


def test_manager_generates_and_the_worker_fills_in_the_report(
    workspace, dataset, django_capture_on_commit_callbacks
):
    client = member_client(workspace, Role.MANAGER)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("report_new", workspace), POST)
    report = DisclosureReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("report_detail", workspace, report.pk)
    # the immediate backend ran the task on commit
    assert report.status == ReportStatus.DONE and report.progress == 100
    assert report.frameworks == ["esrs", "ungp"]
    assert report.requested_by == client.user
    assert report.pdf_file.name.startswith(f"{workspace.pk}/reports/{report.pk}/")
    page = client.get(url("report_detail", workspace, report.pk)).content.decode()
    assert "Wrongful account suspension" in page
    assert url("report_pdf", workspace, report.pk) in page
    assert "csddd_stages" not in page  # not chosen
    for name in NAMES:
        assert name not in page


def test_presets_fill_the_period(workspace, django_capture_on_commit_callbacks):
    client = member_client(workspace, Role.OWNER)
    client.post(url("report_new", workspace), {**POST, "preset": "last_year"})
    report = DisclosureReport.objects.get()
    year = datetime.date.today().year - 1
    assert (report.starts_on, report.ends_on) == (
        datetime.date(year, 1, 1),
        datetime.date(year, 12, 31),
    )


def test_custom_period_needs_both_dates_in_order(workspace):
    client = member_client(workspace, Role.OWNER)
    response = client.post(url("report_new", workspace), {**POST, "ends_on": ""})
    assert response.status_code == 200 and "Give both dates" in response.content.decode()
    response = client.post(
        url("report_new", workspace), {**POST, "starts_on": "2025-12-31", "ends_on": "2025-01-01"}
    )
    assert "must end after it starts" in response.content.decode()
    assert not DisclosureReport.objects.exists()


@pytest.mark.parametrize("role", [Role.EDITOR, Role.CONTRIBUTOR, Role.VIEWER, Role.AUDITOR])
def test_only_owners_and_managers_generate(workspace, role):
    client = member_client(workspace, role)
    assert client.post(url("report_new", workspace), POST).status_code == 403
    page = client.get(url("report_list", workspace)).content.decode()
    assert url("report_new", workspace) not in page
    assert not DisclosureReport.objects.exists()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.AUDITOR])
def test_readers_see_and_download_finished_reports(workspace, dataset, role):
    report = DisclosureReportFactory(workspace=workspace, starts_on=datetime.date(2025, 1, 1))
    generate_disclosure_report.enqueue(report_id=report.pk)
    client = member_client(workspace, role)
    assert client.get(url("report_list", workspace)).status_code == 200
    assert client.get(url("report_detail", workspace, report.pk)).status_code == 200
    pdf = client.get(url("report_pdf", workspace, report.pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert "attachment" in pdf["Content-Disposition"]
    xlsx = client.get(url("report_xlsx", workspace, report.pk))
    assert b"".join(xlsx.streaming_content).startswith(b"PK")
    html = client.get(url("report_html", workspace, report.pk))
    assert b"Wrongful account suspension" in b"".join(html.streaming_content)


def test_another_workspace_cannot_reach_a_report_or_its_files(workspace, other_workspace):
    report = DisclosureReportFactory(workspace=workspace)
    generate_disclosure_report.enqueue(report_id=report.pk)
    outsider = member_client(other_workspace, Role.OWNER)
    for name in ("report_detail", "report_pdf", "report_xlsx", "report_html"):
        assert outsider.get(url(name, other_workspace, report.pk)).status_code == 404


def test_download_before_the_file_exists_leads_to_the_progress_page(workspace):
    report = DisclosureReportFactory(workspace=workspace)
    client = member_client(workspace, Role.OWNER)
    response = client.get(url("report_pdf", workspace, report.pk))
    assert response.status_code == 302
    assert response["Location"] == url("report_detail", workspace, report.pk)


def test_progress_polls_until_done_then_redirects(workspace):
    report = DisclosureReportFactory(
        workspace=workspace, status=ReportStatus.RUNNING, progress=40, current_step="Computing"
    )
    client = member_client(workspace, Role.VIEWER)
    page = client.get(url("report_detail", workspace, report.pk)).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert '<progress id="report-progress-bar" value="40" max="100">' in page
    headers = {"HX-Request": "true", "HX-Target": "report-progress"}
    partial = client.get(url("report_detail", workspace, report.pk), headers=headers)
    assert partial.content.decode().lstrip().startswith('<section id="report-progress"')
    DisclosureReport.objects.filter(pk=report.pk).update(status=ReportStatus.DONE, progress=100)
    done = client.get(url("report_detail", workspace, report.pk), headers=headers)
    assert done.status_code == 204
    assert done["HX-Redirect"] == url("report_detail", workspace, report.pk)


def test_a_failure_is_shown_with_its_message(workspace, monkeypatch):
    from heard.insights.disclosure import services

    report = DisclosureReportFactory(workspace=workspace)

    def broken(*args, **kwargs):
        raise RuntimeError("PDF engine missing")

    monkeypatch.setattr(services, "html_to_pdf", broken)
    assert generate_disclosure_report.enqueue(report_id=report.pk).return_value == "failed"
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED and report.error_message == "PDF engine missing"
    client = member_client(workspace, Role.VIEWER)
    assert (
        "PDF engine missing"
        in client.get(url("report_detail", workspace, report.pk)).content.decode()
    )


def test_list_query_count_does_not_grow(workspace):
    client = member_client(workspace, Role.OWNER)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("report_list", workspace)).status_code == 200
        return len(queries)

    DisclosureReportFactory.create_batch(2, workspace=workspace, requested_by=client.user)
    count()  # the first request also loads the session and membership caches
    few = count()
    DisclosureReportFactory.create_batch(20, workspace=workspace, requested_by=client.user)
    assert count() == few


def test_nav_links_to_reports(workspace):
    client = member_client(workspace, Role.VIEWER)
    page = client.get(url("report_list", workspace)).content.decode()
    assert f'href="{url("report_list", workspace)}" aria-current="page"' in page
