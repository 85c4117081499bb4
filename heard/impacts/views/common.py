"""Pieces the impacts pages share: POST-only views, archive/restore, exports."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.views.base import WorkspaceMixin, WorkspaceObjectMixin
from heard.impacts import exports, queries, services
from heard.stakeholders import exports as table_exports

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PostOnlyMixin:
    """Views that only change things: GET answers 405 (after the role check)."""

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])


class ArchiveView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Archive or restore one object; `as_view(model=…, restore=True)`."""

    permission = permissions.ARCHIVE
    restore = False

    def post(self, request, *args, **kwargs):
        action = services.restore if self.restore else services.archive
        action(workspace=self.workspace, actor=request.user, obj=self._object)
        messages.success(request, _("Restored.") if self.restore else _("Archived."))
        return redirect(self._object.get_absolute_url())


class ListPageMixin:
    """List pages: the HTMX partial for `HX-Target: results`, the full page otherwise."""

    partial_template_name = ""

    def get_template_names(self):
        if self.request.headers.get("HX-Target") == "results":
            return [self.partial_template_name]
        return [self.template_name]


class ExportView(WorkspaceMixin, View):
    """The list's current filter as CSV (`?format=csv`, streamed) or XLSX (`?format=xlsx`)."""

    permission = permissions.EXPORT
    what = "impacts"

    def found(self):
        params = self.request.GET.copy()
        params.pop("page", None)
        if self.what == "initiatives":
            found = queries.initiative_list(self.workspace, params)
            return found, exports.initiative_columns()
        if self.what == "actions":
            return queries.action_list(self.workspace, params), exports.action_columns()
        return queries.impact_list(self.workspace, params), exports.impact_columns()

    def get(self, request, *args, **kwargs):
        fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        found, columns = self.found()
        rows = table_exports.rows(found.queryset, columns)
        services.record_export(
            workspace=self.workspace,
            actor=request.user,
            what=self.what,
            fmt=fmt,
            params={k: str(v) for k, v in found.values.items()},
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        filename = f"{self.workspace.slug}-{self.what}-{stamp}.{fmt}"
        if fmt == "xlsx":
            handle = table_exports.xlsx_tempfile(rows, title=self.what)
            return FileResponse(
                handle, as_attachment=True, filename=filename, content_type=XLSX_TYPE
            )
        response = StreamingHttpResponse(
            table_exports.csv_chunks(rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
