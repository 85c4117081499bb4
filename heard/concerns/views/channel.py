"""The channel's pages for the team: the disclosure figures and the settings."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from heard.concerns import queries, services
from heard.concerns.forms import ChannelSettingsForm
from heard.core import permissions
from heard.core.concurrency import ConflictMixin
from heard.core.errors import DomainError
from heard.core.views.base import WorkspaceMixin


def _period(params) -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    start = _date(params.get("start")) or today.replace(month=1, day=1)
    end = _date(params.get("end")) or today
    return (start, end) if start <= end else (end, start)


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


class ChannelFiguresView(WorkspaceMixin, TemplateView):
    """The figures a sustainability report discloses about the channel (aggregates only)."""

    permission = permissions.VIEW
    template_name = "concerns/figures.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        start, end = _period(self.request.GET)
        context.update(
            nav="concerns",
            figures=queries.channel_figures(self.workspace, start, end),
            start=start,
            end=end,
        )
        return context


class ChannelSettingsView(ConflictMixin, WorkspaceMixin, TemplateView):
    """Open or close the public form; deadlines; the introduction."""

    permission = permissions.MANAGE_SETTINGS
    template_name = "concerns/channel_settings.html"

    def versioned_object(self):
        return services.channel_settings(self.workspace)

    def conflict_form(self):
        current = services.channel_settings(self.workspace)
        return ChannelSettingsForm(self.request.POST, instance=current)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        current = services.channel_settings(self.workspace)
        context.setdefault("form", ChannelSettingsForm(instance=current))
        context.update(
            nav="concerns",
            channel=current,
            public_url=self.request.build_absolute_uri(
                reverse("concerns_public:new", args=[self.workspace.slug])
            ),
        )
        return context

    def post(self, request, *args, **kwargs):
        current = services.channel_settings(self.workspace)
        form = ChannelSettingsForm(request.POST, instance=current)
        if form.is_valid():
            try:
                services.update_channel_settings(
                    workspace=self.workspace,
                    actor=request.user,
                    version=self.submitted_version(),
                    **{k: form.cleaned_data[k] for k in form.Meta.fields},
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Channel settings saved."))
                return redirect("concerns:channel_settings", workspace_slug=self.workspace.slug)
        return self.render_to_response(self.get_context_data(form=form), status=400)
