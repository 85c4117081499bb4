"""The workspace's HRDD step list: owners and managers adjust it."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.concurrency import ConflictMixin
from heard.core.errors import DomainError
from heard.core.views.base import WorkspaceMixin, WorkspaceObjectMixin
from heard.engagements import queries
from heard.engagements.forms import HrddStepForm
from heard.engagements.models import HrddStep
from heard.engagements.services import hrdd as services

# Owners and managers: the same roles that shape the workspace's team (see permissions.py).
ADJUST_STEPS = permissions.MANAGE_MEMBERS


class HrddStepListView(WorkspaceMixin, TemplateView):
    """Every step (archived ones too), with a form to add one."""

    permission = ADJUST_STEPS
    template_name = "engagements/hrdd_steps.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", HrddStepForm())
        context.update(
            nav="engagements",
            steps=list(queries.hrdd_steps(self.workspace, include_archived=True)),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = HrddStepForm(request.POST)
        if form.is_valid():
            try:
                services.create_hrdd_step(
                    workspace=self.workspace,
                    actor=request.user,
                    name=form.cleaned_data["name"],
                    reference=form.cleaned_data["reference"],
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Step added."))
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class HrddStepEditView(ConflictMixin, WorkspaceObjectMixin, TemplateView):
    """Rename, move, archive or restore one step."""

    model = HrddStep
    permission = ADJUST_STEPS
    template_name = "engagements/hrdd_step_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        step = self._object
        context.setdefault("form", HrddStepForm(initial=self.conflict_initial(step, None)))
        context.update(nav="engagements", step=step)
        return context

    def conflict_form(self):
        return HrddStepForm(self.request.POST)

    def conflict_initial(self, current, form) -> dict:
        return {"name": str(current), "reference": current.reference, "position": current.position}

    def post(self, request, *args, **kwargs):
        step = self._object
        back = reverse("engagements:hrdd_steps", args=[self.workspace.slug])
        if request.POST.get("archive") in {"archive", "restore"}:
            services.set_hrdd_step_archived(
                workspace=self.workspace,
                actor=request.user,
                step=step,
                archived=request.POST["archive"] == "archive",
            )
            messages.success(request, _("Saved."))
            return redirect(back)
        form = HrddStepForm(request.POST)
        if form.is_valid():
            try:
                services.update_hrdd_step(
                    workspace=self.workspace,
                    actor=request.user,
                    step=step,
                    version=self.submitted_version(),
                    **form.cleaned_data,
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Saved."))
                return redirect(back)
        return self.render_to_response(self.get_context_data(form=form), status=400)
