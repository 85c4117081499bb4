"""Exports of the current filter (CSV streamed, XLSX from a temporary file), and the Global
Majority classification page."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from heard.core import countries as country_data
from heard.core import permissions
from heard.core.errors import DomainError
from heard.core.views.base import WorkspaceMixin
from heard.stakeholders import exports, queries, services
from heard.stakeholders.forms import CountryOverrideForm

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ExportView(WorkspaceMixin, View):
    """The list's current filter as CSV (`?format=csv`) or XLSX (`?format=xlsx`)."""

    permission = permissions.EXPORT
    what = "stakeholders"

    def rows(self):
        params = self.request.GET.copy()
        params.pop("page", None)
        if self.what == "stakeholders":
            found = queries.stakeholder_list(self.workspace, self.membership, params)
            columns = exports.stakeholder_columns(self.membership)
        else:
            found = queries.organisation_list(self.workspace, params)
            columns = exports.organisation_columns()
        return found, exports.rows(found.queryset, columns)

    def get(self, request, *args, **kwargs):
        fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        found, rows = self.rows()
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
            handle = exports.xlsx_tempfile(rows, title=self.what)
            return FileResponse(
                handle, as_attachment=True, filename=filename, content_type=XLSX_TYPE
            )
        response = StreamingHttpResponse(
            exports.csv_chunks(rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class ClassificationView(WorkspaceMixin, TemplateView):
    """The workspace's Global Majority overrides, and how the flag is derived."""

    permission = permissions.MANAGE_SETTINGS
    template_name = "stakeholders/classification.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        overrides = services.country_overrides(self.workspace)
        rows = []
        for code, flag in sorted(overrides.items()):
            found = country_data.region_of(code)
            rows.append(
                {
                    "code": code,
                    "name": dict(CountryOverrideForm.base_fields["country"].choices).get(
                        code, code
                    ),
                    "flag": flag,
                    "default": found.is_global_majority if found else None,
                    "region": found.region if found else "",
                }
            )
        context.setdefault("form", CountryOverrideForm())
        context.update(
            nav="stakeholders",
            rows=rows,
            derivation=country_data.__doc__,
            data_file=country_data.DATA_FILE.name,
        )
        return context

    def post(self, request, *args, **kwargs):
        if code := request.POST.get("remove"):
            try:
                counts = services.remove_country_override(
                    workspace=self.workspace, actor=request.user, country=code
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, self.recomputed(counts))
            return redirect(request.path)
        form = CountryOverrideForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        counts = services.set_country_override(
            workspace=self.workspace, actor=request.user, **form.cleaned_data
        )
        messages.success(request, self.recomputed(counts))
        return redirect(request.path)

    @staticmethod
    def recomputed(counts: tuple[int, int]) -> str:
        return _(
            "Saved. Recomputed the Global Majority flag of %(people)d stakeholder(s) and "
            "%(orgs)d organisation(s)."
        ) % {"people": counts[0], "orgs": counts[1]}
