"""A manager asks for a disclosure report in Chromium, watches the progress bar while the
background worker generates it, reads the report and downloads its PDF."""

from __future__ import annotations

import subprocess

import pytest
from django.core.management import call_command
from django.test import override_settings

from heard.core.models import Role
from heard.insights.disclosure.models import DisclosureReport, ReportStatus
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import PASSWORD, MembershipFactory
from tests.insights.disclosure.conftest import NAMES, dataset  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def manager(workspace):
    return MembershipFactory(workspace=workspace, role=Role.MANAGER).user


def test_generate_watch_progress_read_and_download(
    page,
    workspace,
    manager,
    dataset,  # noqa: F811
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    log_in(page, manager.email, PASSWORD)
    page.goto(f"/w/{workspace.slug}/")
    page.get_by_role("link", name="Reports").click()
    page.wait_for_url("**/insights/reports/")
    assert_accessible(page)
    screenshot(page, "disclosure_list")

    with override_settings(TASKS=DB_TASKS):
        page.get_by_label("Custom dates").check()
        page.get_by_label("From").fill("2025-01-01")
        page.get_by_label("To", exact=True).fill("2025-12-31")
        page.get_by_role("button", name="Generate report").click()
        page.get_by_text("Waiting for the background worker…").wait_for()
        assert page.locator("progress#report-progress-bar").get_attribute("value") == "0"
        assert_accessible(page)
        screenshot(page, "disclosure_progress")
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert DisclosureReport.objects.get().status == ReportStatus.DONE
    # htmx polls every 2 s and swaps in the finished report
    page.get_by_role("button", name="Download PDF").wait_for(timeout=15_000)
    page.get_by_role(
        "heading", name="Stakeholder engagement on salient human rights issues"
    ).wait_for()
    content = page.content()
    for name in NAMES:
        assert name not in content
    assert_accessible(page)
    screenshot(page, "disclosure_report")

    with page.expect_download() as info:
        page.get_by_role("button", name="Download PDF").click()
    pdf = tmp_path / "report.pdf"
    info.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Wrongful account suspension" in text
    assert NAMES[0] not in text
