"""Pages: what Heard holds about a person (page and JSON), erasure, the retention rule."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.errors import DomainError
from heard.core.views.base import WorkspaceMixin, WorkspaceObjectMixin
from heard.privacy import services
from heard.privacy.forms import EraseForm, RetentionForm
from heard.requests.models import DataRequest, DataRequestKind
from heard.stakeholders.models import Stakeholder


class StakeholderPrivacyMixin(WorkspaceObjectMixin):
    """A page about one stakeholder's data: needs the right to see identities."""

    model = Stakeholder
    permission = permissions.VIEW_IDENTITY

    def data_request(self) -> DataRequest | None:
        """The person's data request named in `?request=` (or the form), if any."""
        value = self.request.POST.get("request") or self.request.GET.get("request")
        if not value:
            return None
        if not value.isdigit():
            raise Http404
        found = DataRequest.objects.for_workspace(self.workspace).filter(stakeholder=self._object)
        return get_object_or_404(found, pk=int(value))


class DataHeldView(StakeholderPrivacyMixin, TemplateView):
    """Everything Heard holds about the person, readable; the same data as the JSON."""

    template_name = "privacy/data_held.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stakeholder = self._object
        services.record_export(
            workspace=self.workspace, actor=self.request.user, stakeholder=stakeholder, what="page"
        )
        context.update(
            nav="stakeholders",
            object=stakeholder,
            data=services.stakeholder_export(self.workspace, stakeholder),
            data_request=self.data_request(),
            is_erased=services.is_erased(stakeholder),
        )
        return context


class DataHeldJsonView(StakeholderPrivacyMixin, View):
    """The same, as a JSON file to hand to the person."""

    def get(self, request, *args, **kwargs):
        stakeholder = self._object
        services.record_export(
            workspace=self.workspace, actor=request.user, stakeholder=stakeholder, what="json"
        )
        data = services.stakeholder_export(self.workspace, stakeholder)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        filename = f"heard-data-{self.workspace.slug}-{stakeholder.pseudonym}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response


class EraseView(StakeholderPrivacyMixin, TemplateView):
    """What erasure removes and keeps, and the confirmation that does it."""

    permission = permissions.ERASE
    template_name = "privacy/erase.html"

    def form(self, data=None) -> EraseForm:
        data_request = self.data_request()
        initial = {"reason": "request"} if data_request else {}
        return EraseForm(data, pseudonym=self._object.pseudonym, initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stakeholder = self._object
        context.setdefault("form", self.form())
        context.update(
            nav="stakeholders",
            object=stakeholder,
            data=services.stakeholder_export(self.workspace, stakeholder),
            data_request=self.data_request(),
            is_erased=services.is_erased(stakeholder),
            label=services.erased_label(stakeholder),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            data_request = self.data_request()
            if data_request is not None and data_request.kind != DataRequestKind.ERASURE:
                data_request = None  # an export request is answered by the export, not this
            try:
                services.erase_stakeholder(
                    workspace=self.workspace,
                    actor=request.user,
                    stakeholder=self._object,
                    reason=form.cleaned_data["reason"],
                    data_request=data_request,
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(
                    request, _("Identity erased. What they said is kept as anonymous input.")
                )
                return redirect(self._object.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class RetentionView(WorkspaceMixin, TemplateView):
    """The workspace's retention rule, and who it would pseudonymise today."""

    permission = permissions.MANAGE_SETTINGS
    template_name = "privacy/retention.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        policy = services.policy_for(self.workspace)
        years = policy.pseudonymise_after_years
        context.setdefault("form", RetentionForm(initial={"pseudonymise_after_years": years}))
        due = None
        if policy.pseudonymise_after_years:
            cutoff = services.cutoff_for(policy.pseudonymise_after_years)
            due = services.stale_stakeholders(self.workspace, cutoff).count()
        context.update(nav="settings", policy=policy, due_count=due)
        return context

    def post(self, request, *args, **kwargs):
        form = RetentionForm(request.POST)
        if form.is_valid():
            try:
                services.set_retention_policy(
                    workspace=self.workspace,
                    actor=request.user,
                    years=form.cleaned_data["pseudonymise_after_years"],
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Retention rule saved."))
                return redirect(reverse("privacy:retention", args=[self.workspace.slug]))
        return self.render_to_response(self.get_context_data(form=form), status=400)
