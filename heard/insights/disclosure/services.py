"""Requesting and generating disclosure reports (views, the worker and the CLI call these)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.errors import DomainError
from heard.core.models import Workspace
from heard.insights.disclosure.figures import Period
from heard.insights.disclosure.models import DisclosureReport, Framework, ReportStatus
from heard.insights.disclosure.report import Report
from heard.insights.disclosure.sections import build_report
from heard.insights.disclosure.workbook import write_workbook
from heard.insights.pdf import html_to_pdf

MAX_DAYS = 366 * 5


def validate_period(starts_on: datetime.date, ends_on: datetime.date) -> None:
    """A period runs forwards, ends by today and spans at most five years."""
    if ends_on < starts_on:
        raise DomainError(_("The period must end after it starts."), field="ends_on")
    if (ends_on - starts_on).days > MAX_DAYS:
        raise DomainError(_("A report covers at most five years."), field="starts_on")


@transaction.atomic
def request_report(
    *,
    workspace: Workspace,
    actor,
    starts_on: datetime.date,
    ends_on: datetime.date,
    frameworks: Iterable[str] | None = None,
    language: str = "en",
) -> DisclosureReport:
    """Queue a report; the worker generates it (`generate_report`) after the commit."""
    from heard.insights.disclosure.tasks import generate_disclosure_report

    validate_period(starts_on, ends_on)
    chosen = [f for f in Framework.values if f in (frameworks or Framework.values)]
    if not chosen:
        raise DomainError(_("Choose at least one framework."), field="frameworks")
    report = DisclosureReport(
        workspace=workspace,
        starts_on=starts_on,
        ends_on=ends_on,
        frameworks=chosen,
        language=language,
        requested_by=actor if getattr(actor, "pk", None) else None,
        current_step=_("Waiting for the background worker…"),
    )
    report.full_clean()
    report.save()
    audit.record_create(workspace=workspace, actor=actor, obj=report)
    transaction.on_commit(lambda: generate_disclosure_report.enqueue(report_id=report.pk))
    return report


def _set_progress(report: DisclosureReport, percent: int, step: str) -> None:
    """Write progress at once (outside any transaction) so the polling page sees it."""
    report.progress, report.current_step = percent, step
    DisclosureReport.objects.filter(pk=report.pk).update(progress=percent, current_step=step)


def compute(report: DisclosureReport, *, on_progress=None) -> Report:
    """The report's content, for its workspace, period and frameworks."""
    return build_report(
        report.workspace,
        Period(report.starts_on, report.ends_on),
        report.frameworks,
        on_progress=on_progress,
    )


def render_body(content: Report, *, for_print: bool = False) -> str:
    return render_to_string(
        "disclosure/partials/report_body.html", {"report": content, "for_print": for_print}
    )


def render_document(content: Report) -> str:
    """A standalone HTML document (chart styles inside the SVGs): the HTML download and the
    PDF's source."""
    return render_to_string("disclosure/report_print.html", {"report": content})


def generate_report(report: DisclosureReport) -> DisclosureReport:
    """Compute the figures, render the page, the PDF and the workbook, store them; a failure
    leaves the report FAILED with its message."""
    report.status, report.started_at = ReportStatus.RUNNING, timezone.now()
    DisclosureReport.objects.filter(pk=report.pk).update(
        status=report.status, started_at=report.started_at
    )
    try:
        with translation.override(report.language):
            _generate(report)
    except Exception as error:  # noqa: BLE001 - any failure is shown on the report's page
        DisclosureReport.objects.filter(pk=report.pk).update(
            status=ReportStatus.FAILED,
            error_message=str(error)[:2000] or error.__class__.__name__,
            finished_at=timezone.now(),
        )
        report.refresh_from_db()
        raise
    return report


def _generate(report: DisclosureReport) -> None:
    def on_progress(done: int, total: int, step: str) -> None:
        _set_progress(report, 5 + 55 * done // total, step)

    _set_progress(report, 5, _("Computing figures…"))
    content = compute(report, on_progress=on_progress)
    _set_progress(report, 65, _("Rendering the page…"))
    report.body_html = render_body(content)
    document = render_document(content)
    _set_progress(report, 75, _("Writing the PDF…"))
    pdf = html_to_pdf(document)
    _set_progress(report, 90, _("Writing the workbook…"))
    workbook = write_workbook(content)
    name = f"disclosure-{report.starts_on:%Y%m%d}-{report.ends_on:%Y%m%d}"
    for field, data, ext in (
        (report.html_file, document.encode("utf-8"), "html"),
        (report.pdf_file, pdf, "pdf"),
        (report.xlsx_file, workbook, "xlsx"),
    ):
        if field:
            field.delete(save=False)
        field.save(f"{name}.{ext}", ContentFile(data), save=False)
    report.status = ReportStatus.DONE
    report.progress = 100
    report.current_step = _("Done")
    report.finished_at = timezone.now()
    report.error_message = ""
    report.save()


def write_files(
    workspace: Workspace,
    period: Period,
    *,
    formats: Iterable[str],
    frameworks: Iterable[str] | None = None,
) -> dict[str, bytes]:
    """The report in the given formats at once (the CLI and the benchmark): {format: bytes}."""
    content = build_report(workspace, period, frameworks or Framework.values)
    files: dict[str, bytes] = {}
    formats = set(formats)
    if formats & {"html", "pdf"}:
        document = render_document(content)
        if "html" in formats:
            files["html"] = document.encode("utf-8")
        if "pdf" in formats:
            files["pdf"] = html_to_pdf(document)
    if "xlsx" in formats:
        files["xlsx"] = write_workbook(content)
    return files
