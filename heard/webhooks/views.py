"""Webhook pages under /w/<slug>/settings/webhooks/: endpoints, their secret, the delivery log."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.errors import DomainError
from heard.core.views.base import PaginatedMixin, WorkspaceMixin, WorkspaceObjectMixin
from heard.webhooks import queries, services
from heard.webhooks.forms import EndpointForm
from heard.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint


class PostOnlyMixin:
    """Views that only change things: GET answers 405 (after the role and tenancy checks)."""

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])


def endpoint_url(view, pk: int) -> str:
    """An endpoint's page (its delivery log)."""
    return reverse("webhooks:endpoint_detail", args=[view.workspace.slug, pk])


def render_secret(view, endpoint: WebhookEndpoint, secret: str, *, is_new: bool):
    """The one page that shows a secret: never cached, never shown again."""
    response = TemplateResponse(
        view.request,
        "webhooks/secret.html",
        {"nav": "settings", "endpoint": endpoint, "secret": secret, "is_new": is_new},
    )
    add_never_cache_headers(response)
    response["Cache-Control"] += ", no-store"
    return response


class EndpointListView(WorkspaceMixin, TemplateView):
    """The workspace's endpoints, with how their deliveries are going."""

    permission = permissions.MANAGE_SETTINGS
    template_name = "webhooks/endpoint_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(nav="settings", endpoints=list(queries.endpoints(self.workspace)))
        return context


class EndpointCreateView(WorkspaceMixin, TemplateView):
    """Add an endpoint; the answer shows its secret, once."""

    permission = permissions.MANAGE_SETTINGS
    template_name = "webhooks/endpoint_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", EndpointForm(initial={"events": []}))
        context.update(nav="settings", object=None)
        return context

    def post(self, request, *args, **kwargs):
        form = EndpointForm(request.POST)
        if form.is_valid():
            try:
                endpoint, secret = services.create_endpoint(
                    workspace=self.workspace, actor=request.user, **form.cleaned_data
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                return render_secret(self, endpoint, secret, is_new=True)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class EndpointEditView(WorkspaceObjectMixin, TemplateView):
    """Change an endpoint's URL, description and events."""

    model = WebhookEndpoint
    permission = permissions.MANAGE_SETTINGS
    template_name = "webhooks/endpoint_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        endpoint = self._object
        context.setdefault(
            "form",
            EndpointForm(
                initial={
                    "url": endpoint.url,
                    "description": endpoint.description,
                    "events": endpoint.events,
                }
            ),
        )
        context.update(nav="settings", object=endpoint)
        return context

    def post(self, request, *args, **kwargs):
        form = EndpointForm(request.POST)
        if form.is_valid():
            try:
                services.update_endpoint(
                    workspace=self.workspace,
                    actor=request.user,
                    endpoint=self._object,
                    **form.cleaned_data,
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Endpoint saved."))
                return redirect(endpoint_url(self, self._object.pk))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class EndpointDetailView(WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """An endpoint and its delivery log, filtered by status and event, newest first."""

    model = WebhookEndpoint
    permission = permissions.MANAGE_SETTINGS
    template_name = "webhooks/endpoint_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows, applied = queries.deliveries(self._object, self.request.GET)
        context.update(
            nav="settings",
            endpoint=self._object,
            page_obj=self.paginate(rows),
            applied=applied,
            statuses=DeliveryStatus.choices,
            events=queries.LOG_EVENTS,
        )
        return context


class EndpointActiveView(PostOnlyMixin, WorkspaceObjectMixin, View):
    """Deactivate an endpoint (nothing more is sent) or activate it again."""

    model = WebhookEndpoint
    permission = permissions.MANAGE_SETTINGS
    is_active = False

    def post(self, request, *args, **kwargs):
        services.set_endpoint_active(
            workspace=self.workspace,
            actor=request.user,
            endpoint=self._object,
            is_active=self.is_active,
        )
        messages.success(
            request,
            _("Endpoint activated.") if self.is_active else _("Endpoint deactivated."),
        )
        return redirect(endpoint_url(self, self._object.pk))


class EndpointRotateView(PostOnlyMixin, WorkspaceObjectMixin, View):
    """Give the endpoint a new secret, shown once; the old one stops working at once."""

    model = WebhookEndpoint
    permission = permissions.MANAGE_SETTINGS

    def post(self, request, *args, **kwargs):
        secret = services.rotate_secret(
            workspace=self.workspace, actor=request.user, endpoint=self._object
        )
        return render_secret(self, self._object, secret, is_new=False)


class EndpointTestView(PostOnlyMixin, WorkspaceObjectMixin, View):
    """Send a `ping` event to the endpoint."""

    model = WebhookEndpoint
    permission = permissions.MANAGE_SETTINGS

    def post(self, request, *args, **kwargs):
        try:
            services.send_test_event(
                workspace=self.workspace, actor=request.user, endpoint=self._object
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Test event queued: its delivery appears at the top of the log.")
            )
        return redirect(endpoint_url(self, self._object.pk))


class RedeliverView(PostOnlyMixin, WorkspaceObjectMixin, View):
    """Send one delivery's event again (as a new delivery)."""

    model = WebhookDelivery
    parent_models = {"endpoint_pk": WebhookEndpoint}
    permission = permissions.MANAGE_SETTINGS

    def post(self, request, *args, **kwargs):
        endpoint = self.parents["endpoint_pk"]
        if self._object.endpoint_id != endpoint.pk:
            raise Http404
        try:
            services.redeliver(workspace=self.workspace, actor=request.user, delivery=self._object)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Redelivery queued."))
        return redirect(endpoint_url(self, endpoint.pk))
