"""The landing redirect and the workspace home page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.generic import TemplateView

from heard.core import todo
from heard.core.middleware import LAST_WORKSPACE_KEY
from heard.core.two_factor import verification_redirect
from heard.core.views.base import WorkspaceMixin


@login_required
def home(request):
    """Send the user to the workspace they last used (else their first), or explain that they
    have none yet. Users with two-factor set up enter their code first."""
    if response := verification_redirect(request):
        return response
    memberships = request.user.memberships.select_related("workspace")
    last = request.session.get(LAST_WORKSPACE_KEY)
    membership = (last and memberships.filter(workspace__slug=last).first()) or (
        memberships.order_by("created_at").first()
    )
    if membership is None:
        return render(request, "core/no_workspace.html")
    return redirect("workspace_home", workspace_slug=membership.workspace.slug)


class WorkspaceHomeView(WorkspaceMixin, TemplateView):
    """The workspace's start page: where things stand and what to do next."""

    template_name = "core/workspace_home.html"

    def get_context_data(self, **kwargs):
        from heard.core.queries import workspace_overview

        context = super().get_context_data(**kwargs)
        context["overview"] = workspace_overview(self.workspace)
        context["todo"] = todo.collect(self.workspace, self.request.user)
        return context
