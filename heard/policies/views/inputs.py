"""Inputs about a policy, and the inputs each version considered."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.errors import DomainError
from heard.core.views.base import PaginatedMixin, WorkspaceObjectMixin
from heard.feedback.models import Input
from heard.policies import queries, services
from heard.policies.models import Policy, PolicyVersion
from heard.policies.views.common import PostOnlyMixin, url


def _inputs(workspace, values) -> list[Input]:
    ids = [int(v) for v in values if str(v).isdigit()][:200]
    return list(Input.objects.for_workspace(workspace).filter(pk__in=ids))


class PolicyInputsView(WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """Inputs about a policy: those linked or heard in its forums; search the workspace's
    inputs to link more."""

    model = Policy
    template_name = "policies/policy_inputs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        policy = self._object
        q = self.request.GET.get("q", "").strip()[:200]
        found = []
        if q and self.can(permissions.EDIT):
            found = list(
                Input.objects.for_workspace(self.workspace)
                .filter(text__icontains=q, merged_into__isnull=True)
                .exclude(related_policies=policy)
                .order_by("-created_at", "-pk")[:20]
            )
        context.update(
            nav="policies",
            object=policy,
            page_obj=self.paginate(queries.policy_inputs(policy)),
            linked_ids=set(policy.related_inputs.values_list("pk", flat=True)),
            q=q,
            found=found,
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.can(permissions.EDIT):
            return self.handle_no_permission()
        policy = self._object
        try:
            if request.POST.get("remove", "").isdigit():
                for found in _inputs(self.workspace, [request.POST["remove"]]):
                    services.unlink_input(
                        workspace=self.workspace, actor=request.user, policy=policy, input=found
                    )
                messages.success(request, _("Input unlinked."))
            else:
                chosen = _inputs(self.workspace, request.POST.getlist("inputs"))
                if not chosen:
                    raise DomainError(_("Choose at least one input."), field="inputs")
                count = services.link_inputs(
                    workspace=self.workspace, actor=request.user, policy=policy, inputs=chosen
                )
                messages.success(request, _("%(n)d input(s) linked.") % {"n": count})
        except DomainError as error:
            messages.error(request, error.message)
        return redirect(url(self, "policy_inputs", policy.pk))


class VersionInputsView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Add inputs to (or take one off) what an open version considers."""

    model = PolicyVersion
    permission = permissions.EDIT

    def post(self, request, *args, **kwargs):
        version = self._object
        try:
            if request.POST.get("remove", "").isdigit():
                for found in _inputs(self.workspace, [request.POST["remove"]]):
                    services.unconsider_input(
                        workspace=self.workspace, actor=request.user, version=version, input=found
                    )
                messages.success(request, _("Input taken off this version's list."))
            else:
                chosen = _inputs(self.workspace, request.POST.getlist("inputs"))
                if not chosen:
                    raise DomainError(_("Choose at least one input."), field="inputs")
                count = services.consider_inputs(
                    workspace=self.workspace, actor=request.user, version=version, inputs=chosen
                )
                messages.success(request, _("%(n)d input(s) added.") % {"n": count})
        except DomainError as error:
            messages.error(request, error.message)
        return redirect(url(self, "version_detail", version.pk) + "#inputs")
