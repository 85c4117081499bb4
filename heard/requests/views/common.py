"""Helpers shared by the staff request pages."""

from __future__ import annotations

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from heard.stakeholders import exports as registry_exports
from heard.stakeholders.services import record_export

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_response(view, *, found, columns, what: str):
    """The filtered list as CSV (streamed) or XLSX, every cell neutralised against formulas;
    the export is recorded in the audit log."""
    fmt = "xlsx" if view.request.GET.get("format") == "xlsx" else "csv"
    rows = registry_exports.rows(found.queryset, columns)
    record_export(
        workspace=view.workspace,
        actor=view.request.user,
        what=what,
        fmt=fmt,
        params={k: str(v) for k, v in found.values.items()},
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"{view.workspace.slug}-{what}-{stamp}.{fmt}"
    if fmt == "xlsx":
        handle = registry_exports.xlsx_tempfile(rows, title=what)
        return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
    response = StreamingHttpResponse(
        registry_exports.csv_chunks(rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_params(request):
    """The list's filter without its page."""
    params = request.GET.copy()
    params.pop("page", None)
    return params
