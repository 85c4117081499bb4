"""Disclosure reports in the API: list and read them (every member, as on the pages), and
ask for a new one — the same form and service as the page, so the same background worker
task generates it. Generating needs MANAGE_TRANSPARENCY, as the page does."""

from __future__ import annotations

import datetime

from ninja import Query, Router, Schema, Status
from pydantic import Field

from heard.api.auth import can
from heard.api.common import InSchema, get_in_workspace, valid
from heard.api.pagination import PageParams, page_schema, paginate
from heard.core import permissions
from heard.core.concurrency import version_of
from heard.insights.disclosure import queries, services
from heard.insights.disclosure.forms import ReportForm
from heard.insights.disclosure.models import DisclosureReport
from heard.insights.disclosure.views import GENERATE

reports = Router(tags=["disclosure reports"])

FORMATS = (("pdf", "pdf_file"), ("xlsx", "xlsx_file"), ("html", "html_file"))


class ReportOut(Schema):
    id: int
    version: str
    starts_on: datetime.date
    ends_on: datetime.date
    frameworks: list[str]
    language: str
    status: str = Field(description="queued, running, done or failed.")
    progress: int = Field(description="Percent done.")
    current_step: str
    requested_by: int | None
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    error_message: str
    files: list[str] = Field(description="Formats generated so far (pdf, xlsx, html).")
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ReportIn(InSchema):
    preset: str = Field(
        "last_year", max_length=20, description="last_year, last_12_months or custom."
    )
    starts_on: datetime.date | None = Field(None, description="For a custom period.")
    ends_on: datetime.date | None = Field(None, description="For a custom period.")
    frameworks: list[str] = Field(
        default_factory=lambda: ["esrs", "csddd", "ungp", "gri"], min_length=1, max_length=10
    )
    language: str = Field("en", max_length=12)


ReportPage = page_schema(ReportOut, "DisclosureReportPage")


def report_out(report: DisclosureReport) -> dict:
    return {
        "id": report.pk,
        "version": version_of(report),
        "starts_on": report.starts_on,
        "ends_on": report.ends_on,
        "frameworks": [str(f) for f in (report.frameworks or [])],
        "language": report.language,
        "status": report.status,
        "progress": report.progress,
        "current_step": report.current_step,
        "requested_by": report.requested_by_id,
        "started_at": report.started_at,
        "finished_at": report.finished_at,
        "error_message": report.error_message,
        "files": [fmt for fmt, field in FORMATS if getattr(report, field)],
        "created_at": report.created_at,
        "updated_at": report.updated_at,
    }


def _one(request, pk: int) -> DisclosureReport:
    return get_in_workspace(queries.report_list(request.workspace), pk)


@reports.get("", response=ReportPage, summary="List disclosure reports", auth=can(permissions.VIEW))
def list_disclosure_reports(request, page: Query[PageParams]):
    return paginate(queries.report_list(request.workspace), page, report_out)


@reports.get(
    "/{int:pk}", response=ReportOut, summary="Read a disclosure report", auth=can(permissions.VIEW)
)
def read_disclosure_report(request, pk: int):
    """Poll it: `status` and `progress` move while the worker generates the report."""
    return report_out(_one(request, pk))


@reports.post(
    "", response={201: ReportOut}, summary="Ask for a disclosure report", auth=can(GENERATE)
)
def request_disclosure_report(request, payload: ReportIn):
    """Queued for the background worker, as from the page; poll the report for its status."""
    data = {k: "" if v is None else v for k, v in payload.dict().items()}
    cleaned = valid(ReportForm(data))
    report = services.request_report(
        workspace=request.workspace,
        actor=request.user,
        starts_on=cleaned["starts_on"],
        ends_on=cleaned["ends_on"],
        frameworks=cleaned["frameworks"],
        language=cleaned["language"],
    )
    return Status(201, report_out(_one(request, report.pk)))
