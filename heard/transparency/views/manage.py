"""The staff page: switch the centre on or off, edit what it says, and see what is public."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.concurrency import ConflictMixin
from heard.core.errors import DomainError
from heard.core.views.base import WorkspaceMixin
from heard.transparency import queries, services
from heard.transparency.forms import CentreForm

LISTED = 10


class CentreSettingsView(ConflictMixin, WorkspaceMixin, TemplateView):
    """Settings, the publish switch, links to preview every public page, and exactly what
    each public section holds."""

    permission = permissions.MANAGE_TRANSPARENCY
    template_name = "transparency/manage.html"

    def versioned_object(self):
        return services.centre_for(self.workspace)

    def conflict_form(self):
        return CentreForm(self.request.POST, instance=services.centre_for(self.workspace))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ws = self.workspace
        centre = services.centre_for(ws)
        policies = queries.policies(ws)
        minutes = queries.minutes(ws)
        summaries = queries.summaries(ws)
        commitments = queries.commitments(ws)
        context.update(
            nav="transparency",
            centre=centre,
            form=kwargs.get("form") or CentreForm(instance=centre),
            counts=queries.section_counts(ws, centre),
            policies=list(policies[:LISTED]),
            minutes=list(minutes[:LISTED]),
            summaries=list(summaries[:LISTED]) if centre.are_summaries_public else [],
            commitments=list(commitments[:LISTED]),
            listed=LISTED,
        )
        return context

    def post(self, request, *args, **kwargs):
        centre = services.centre_for(self.workspace)
        was_published = centre.is_published
        form = CentreForm(request.POST, instance=centre)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in CentreForm.Meta.fields}
            try:
                centre = services.save_centre(
                    workspace=self.workspace,
                    actor=request.user,
                    version=self.submitted_version(),
                    **data,
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, self._message(was_published, centre.is_published))
                return redirect("transparency_manage:settings", workspace_slug=self.workspace.slug)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    @staticmethod
    def _message(was: bool, now: bool) -> str:
        if now and not was:
            return _("The transparency centre is published: anyone with the link can read it.")
        if was and not now:
            return _("The transparency centre is no longer public: its pages answer “not found”.")
        return _("Settings saved.")
