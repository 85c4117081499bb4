"""The workspace's request deadlines and daily limit."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.concurrency import ConflictMixin
from heard.core.errors import DomainError
from heard.core.views.base import WorkspaceMixin
from heard.requests import services
from heard.requests.forms import RequestSettingsForm
from heard.requests.models import settings_for


class RequestSettingsView(ConflictMixin, WorkspaceMixin, TemplateView):
    """Days to answer information and data requests; requests a stakeholder may make a day."""

    permission = permissions.MANAGE_SETTINGS
    template_name = "requests/settings.html"

    def versioned_object(self):
        return settings_for(self.workspace)

    def conflict_form(self):
        return RequestSettingsForm(self.request.POST, instance=settings_for(self.workspace))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", RequestSettingsForm(instance=settings_for(self.workspace)))
        context["nav"] = "requests"
        return context

    def post(self, request, *args, **kwargs):
        form = RequestSettingsForm(request.POST, instance=settings_for(self.workspace))
        if form.is_valid():
            try:
                services.update_request_settings(
                    workspace=self.workspace,
                    actor=request.user,
                    version=self.submitted_version(),
                    **form.cleaned_data,
                )
            except DomainError as error:
                form.add_error(error.field, error.message)
            else:
                messages.success(request, _("Settings saved; open requests keep their due dates."))
                return redirect(reverse("requests:settings", args=[self.workspace.slug]))
        return self.render_to_response(self.get_context_data(form=form), status=400)
