"""Staff pages of data requests: list with filters and export, detail with done/decline."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.errors import DomainError
from heard.core.views.base import PaginatedMixin, WorkspaceMixin, WorkspaceObjectMixin
from heard.requests import exports, queries, services
from heard.requests.forms import DataDeclineForm, DataDoneForm
from heard.requests.models import DataRequest
from heard.requests.views.common import export_params, export_response


class DataRequestListView(WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """Every data request: search, filters, sort, pages, export."""

    model = DataRequest
    template_name = "requests/data_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = queries.data_request_list(
            self.workspace, self.request.GET, membership=self.membership
        )
        context.update(
            nav="requests",
            tab="data",
            found=found,
            form=found.form,
            page_obj=self.paginate(found.queryset),
            is_filtered=bool(set(found.values) - {"sort"}),
            today=timezone.localdate(),
        )
        return context


class DataRequestExportView(WorkspaceMixin, View):
    """The list's current filter as CSV or XLSX."""

    permission = permissions.EXPORT

    def get(self, request, *args, **kwargs):
        found = queries.data_request_list(
            self.workspace, export_params(request), membership=self.membership
        )
        return export_response(
            self, found=found, columns=exports.data_columns(self.membership), what="data-requests"
        )


class DataRequestDetailView(WorkspaceObjectMixin, TemplateView):
    """One data request and what was done about it."""

    model = DataRequest
    template_name = "requests/data_detail.html"

    def get_queryset(self):
        return queries.data_requests(self.workspace)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("done_form", DataDoneForm(initial={"notify": True}))
        context.setdefault("decline_form", DataDeclineForm(initial={"notify": True}))
        context.update(
            nav="requests",
            object=self._object,
            data_request=self._object,
            today=timezone.localdate(),
        )
        return context


class DataRequestDoneView(DataRequestDetailView):
    """Mark the request done (the stakeholder is told); GET goes back to the detail page."""

    permission = permissions.EDIT
    form_class = DataDoneForm
    form_name = "done_form"

    def get(self, request, *args, **kwargs):
        return redirect(self._object.get_absolute_url())

    def save(self, data: dict) -> DataRequest:
        found = services.complete_data_request(
            workspace=self.workspace,
            actor=self.request.user,
            request=self._object,
            note=data["note"],
            notify=data["notify"],
        )
        messages.success(self.request, _("Marked done."))
        return found

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.save(form.cleaned_data)
            except DomainError as error:
                form.add_domain_error(error)
            else:
                return redirect(self._object.get_absolute_url())
        context = self.get_context_data(**{self.form_name: form, "open_form": self.form_name})
        return self.render_to_response(context, status=400)


class DataRequestDeclineView(DataRequestDoneView):
    """Decline the request with reasons (the stakeholder is told)."""

    form_class = DataDeclineForm
    form_name = "decline_form"

    def save(self, data: dict) -> DataRequest:
        found = services.decline_data_request(
            workspace=self.workspace,
            actor=self.request.user,
            request=self._object,
            reasons=data["note"],
            notify=data["notify"],
        )
        messages.success(self.request, _("Declined, with its reasons."))
        return found
