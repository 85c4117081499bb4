"""Staff pages of information requests: list with filters and export, detail with the answer
and refusal forms."""

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
from heard.requests.forms import AnswerForm, RefuseForm
from heard.requests.models import InformationRequest
from heard.requests.views.common import export_params, export_response
from heard.stakeholders.vocab import language_label


class RequestListView(WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """Every information request: search, filters, sort, pages, export."""

    model = InformationRequest
    template_name = "requests/request_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = queries.request_list(self.workspace, self.request.GET, membership=self.membership)
        context.update(
            nav="requests",
            tab="information",
            found=found,
            form=found.form,
            page_obj=self.paginate(found.queryset),
            is_filtered=bool(set(found.values) - {"sort"}),
            today=timezone.localdate(),
        )
        return context


class RequestExportView(WorkspaceMixin, View):
    """The list's current filter as CSV or XLSX."""

    permission = permissions.EXPORT

    def get(self, request, *args, **kwargs):
        found = queries.request_list(
            self.workspace, export_params(request), membership=self.membership
        )
        return export_response(
            self,
            found=found,
            columns=exports.information_columns(self.membership),
            what="information-requests",
        )


class RequestDetailView(WorkspaceObjectMixin, TemplateView):
    """One request: the question and reasons, the deadline, the answer or refusal."""

    model = InformationRequest
    template_name = "requests/request_detail.html"

    def get_queryset(self):
        return queries.information_requests(self.workspace)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault(
            "answer_form",
            AnswerForm(initial={"notify": True, "answer_format": self._object.preferred_format}),
        )
        context.setdefault("refuse_form", RefuseForm(initial={"notify": True}))
        context.update(
            nav="requests",
            object=self._object,
            info_request=self._object,
            language_name=language_label(self._object.language) if self._object.language else "",
            today=timezone.localdate(),
        )
        return context


class _CloseView(RequestDetailView):
    """POST a reply to the request; a GET goes back to the detail page."""

    permission = permissions.EDIT
    form_class = AnswerForm
    form_name = "answer_form"
    success = ""

    def get(self, request, *args, **kwargs):
        return redirect(self._object.get_absolute_url())

    def save(self, data: dict) -> InformationRequest:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.save(form.cleaned_data)
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, self.success)
                return redirect(self._object.get_absolute_url())
        context = self.get_context_data(**{self.form_name: form, "open_form": self.form_name})
        return self.render_to_response(context, status=400)


class RequestAnswerView(_CloseView):
    """Answer the request; the stakeholder is told by email."""

    def save(self, data: dict) -> InformationRequest:
        self.success = _("Answer recorded.")
        return services.answer_request(
            workspace=self.workspace,
            actor=self.request.user,
            request=self._object,
            answer=data["answer"],
            answer_format=data["answer_format"],
            notify=data["notify"],
        )


class RequestRefuseView(_CloseView):
    """Refuse the request in writing, with a ground and reasons."""

    form_class = RefuseForm
    form_name = "refuse_form"

    def save(self, data: dict) -> InformationRequest:
        self.success = _("Refusal recorded, with its reasons.")
        return services.refuse_request(
            workspace=self.workspace,
            actor=self.request.user,
            request=self._object,
            ground=data["refusal_ground"],
            reasons=data["refusal_reasons"],
            notify=data["notify"],
        )
