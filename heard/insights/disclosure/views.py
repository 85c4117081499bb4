"""Disclosure report pages: list and request, progress and report, downloads.

Generating needs MANAGE_TRANSPARENCY (owners and managers): a disclosure report is a statement
to regulators and the public, as the transparency centre is. Every member may read and download.
"""

from __future__ import annotations

from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.safestring import mark_safe
from django.views.generic import DetailView, FormView, TemplateView, View

from heard.core import permissions
from heard.core.errors import DomainError
from heard.core.views.base import PaginatedMixin, WorkspaceMixin, WorkspaceObjectMixin
from heard.insights.disclosure import queries, services
from heard.insights.disclosure.forms import ReportForm
from heard.insights.disclosure.models import DisclosureReport

GENERATE = permissions.MANAGE_TRANSPARENCY


class ReportListView(WorkspaceMixin, PaginatedMixin, TemplateView):
    """Past reports, newest first, and the form to ask for a new one."""

    template_name = "disclosure/report_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["nav"] = "reports"
        context["page_obj"] = self.paginate(queries.report_list(self.workspace))
        context["can_generate"] = self.can(GENERATE)
        if context["can_generate"]:
            context["form"] = ReportForm(initial={"language": translation.get_language()})
        return context


class ReportCreateView(WorkspaceMixin, FormView):
    """Ask for a report (POST queues it for the worker; GET shows the form alone)."""

    permission = GENERATE
    form_class = ReportForm
    template_name = "disclosure/report_new.html"

    def get_initial(self):
        return {"language": translation.get_language()}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "nav": "reports"}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            report = services.request_report(
                workspace=self.workspace,
                actor=self.request.user,
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                frameworks=data["frameworks"],
                language=data["language"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        return redirect("disclosure:report_detail", self.workspace.slug, report.pk)


class ReportDetailView(WorkspaceObjectMixin, DetailView):
    """The progress bar while the worker runs (htmx polls it), then the report."""

    model = DisclosureReport
    template_name = "disclosure/report_detail.html"
    context_object_name = "report"

    def get(self, request, *args, **kwargs):
        self.object = report = self.get_object()
        if request.htmx and request.htmx.target == "report-progress":
            if report.is_finished:
                response = HttpResponse(status=204)
                response["HX-Redirect"] = report.get_absolute_url()
                return response
            self.template_name = "disclosure/partials/progress.html"
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["nav"] = "reports"
        # Rendered by our own template at generation time from escaped values.
        context["body"] = mark_safe(self.object.body_html)  # noqa: S308
        return context


class ReportDownloadView(WorkspaceObjectMixin, View):
    """A generated file, served only through the workspace: never from MEDIA_URL."""

    model = DisclosureReport
    http_method_names = ["get"]
    fmt = "pdf"
    FIELDS = {
        "pdf": ("pdf_file", "application/pdf"),
        "xlsx": (
            "xlsx_file",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        "html": ("html_file", "text/html; charset=utf-8"),
    }

    def get(self, request, *args, **kwargs):
        report = self._object
        field_name, content_type = self.FIELDS[self.fmt]
        stored = getattr(report, field_name)
        if not stored:  # not generated yet (or failed): the page says which
            return redirect(report.get_absolute_url())
        name = f"disclosure-{report.starts_on:%Y%m%d}-{report.ends_on:%Y%m%d}.{self.fmt}"
        response = FileResponse(
            stored.open("rb"), as_attachment=True, filename=name, content_type=content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
