"""Exports of the policy and forum lists (CSV streamed, XLSX from a temporary file)."""

from __future__ import annotations

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from heard.core import permissions
from heard.core.views.base import WorkspaceMixin
from heard.policies import queries
from heard.policies.views.forums import policy_choices
from heard.stakeholders import services as registry
from heard.stakeholders.exports import csv_chunks, neutralise, xlsx_tempfile
from heard.stakeholders.queries import member_choices

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 500


def _date(value) -> str:
    return value.isoformat() if value else ""


def policy_columns():
    """(header, value getter) for each policy column."""
    return [
        (_("ID"), lambda p: p.pk),
        (_("Title"), lambda p: p.title),
        (_("Area"), lambda p: p.get_area_display()),
        (_("Status"), lambda p: p.get_status_display()),
        (_("Current version"), lambda p: p.current_number),
        (_("Last published at"), lambda p: _date(p.published_at)),
        (_("New input since publication"), lambda p: bool(getattr(p, "has_new_input", False))),
        (_("Owner"), lambda p: p.owner.email if p.owner else ""),
        (_("Forums"), lambda p: getattr(p, "forum_count", "")),
        (_("Description"), lambda p: p.description),
        (_("Created at"), lambda p: _date(p.created_at)),
        (_("Archived at"), lambda p: _date(p.archived_at)),
    ]


def forum_columns():
    """(header, value getter) for each forum column (rows carry `progress`)."""
    return [
        (_("ID"), lambda f: f.pk),
        (_("Title"), lambda f: f.title),
        (_("Policy"), lambda f: f.policy.title),
        (_("Version"), lambda f: f.version.number if f.version else ""),
        (_("Where it stands"), lambda f: f.progress.step_name),
        (_("Checklist done"), lambda f: f"{f.progress.done_count}/{f.progress.total}"),
        (_("Next"), lambda f: f.progress.next_item.label if f.progress.next_item else ""),
        (_("Minutes"), lambda f: f.minutes_status or ""),
        (_("Meetings"), lambda f: f.meeting_count),
        (_("Owner"), lambda f: f.owner.email if f.owner else ""),
        (_("Created at"), lambda f: _date(f.created_at)),
        (_("Archived at"), lambda f: _date(f.archived_at)),
    ]


def _rows(queryset, columns, *, with_progress: bool = False):
    yield [header for header, _getter in columns]
    batch = []
    for obj in queryset.iterator(chunk_size=CHUNK):
        batch.append(obj)
        if len(batch) >= CHUNK:
            yield from _emit(batch, columns, with_progress)
            batch = []
    yield from _emit(batch, columns, with_progress)


def _emit(batch, columns, with_progress: bool):
    if with_progress:
        batch = queries.with_progress(batch)
    for obj in batch:
        yield [neutralise(getter(obj)) for _header, getter in columns]


class ExportView(WorkspaceMixin, View):
    """The list's current filter as CSV (`?format=csv`) or XLSX (`?format=xlsx`)."""

    permission = permissions.EXPORT
    what = "policies"

    def get(self, request, *args, **kwargs):
        fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        params = request.GET.copy()
        params.pop("page", None)
        if self.what == "policies":
            found = queries.policy_list(
                self.workspace, params, owners=member_choices(self.workspace)
            )
            rows = _rows(found.queryset, policy_columns())
        else:
            found = queries.forum_list(
                self.workspace, params, policy_choices=policy_choices(self.workspace)
            )
            rows = _rows(found.queryset, forum_columns(), with_progress=True)
        registry.record_export(
            workspace=self.workspace,
            actor=request.user,
            what=self.what,
            fmt=fmt,
            params={k: str(v) for k, v in found.values.items()},
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        filename = f"{self.workspace.slug}-{self.what}-{stamp}.{fmt}"
        if fmt == "xlsx":
            handle = xlsx_tempfile(rows, title=self.what)
            return FileResponse(
                handle, as_attachment=True, filename=filename, content_type=XLSX_TYPE
            )
        response = StreamingHttpResponse(csv_chunks(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
