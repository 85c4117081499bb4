"""Planning cycle pages: the list with counts per status, one cycle, the cadence settings,
and the policies and impacts to re-evaluate."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.concurrency import ConflictMixin
from heard.core.errors import DomainError
from heard.core.views.base import PaginatedMixin, WorkspaceMixin, WorkspaceObjectMixin
from heard.insights.briefs import queries, reevaluate, services
from heard.insights.briefs.forms import CycleForm, CycleSettingsForm, month_choices
from heard.insights.briefs.models import PlanningCycle, RequestStatus, cycle_settings_for
from heard.insights.briefs.services.cycles import next_cycle_start


class CycleListView(WorkspaceMixin, TemplateView):
    """Every planning cycle with its requests counted per status."""

    template_name = "briefs/cycle_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        cycles = list(queries.cycles_with_counts(self.workspace))
        for cycle in cycles:
            cycle.current_state = cycle.state(today)
        found = cycle_settings_for(self.workspace)
        context.update(
            nav="briefs",
            cycles=cycles,
            outside=queries.requests_without_cycle_counts(self.workspace),
            statuses=RequestStatus.choices,
            cycle_settings=found,
            month_names=[label for m, label in month_choices() if m in found.months()],
            next_start=next_cycle_start(self.workspace, today),
            today=today,
        )
        return context


class CycleNextView(WorkspaceMixin, TemplateView):
    """Create the next cycle of the workspace's cadence (POST)."""

    permission = permissions.EDIT

    def get(self, request, *args, **kwargs):
        return redirect(reverse("briefs:cycle_list", args=[self.workspace.slug]))

    def post(self, request, *args, **kwargs):
        try:
            cycle = services.create_next_cycle(workspace=self.workspace, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(reverse("briefs:cycle_list", args=[self.workspace.slug]))
        messages.success(request, _("Cycle %(name)s created.") % {"name": cycle.name})
        return redirect(cycle.get_absolute_url())


class CycleCreateView(WorkspaceMixin, TemplateView):
    """A cycle with its own name and dates."""

    permission = permissions.EDIT
    template_name = "briefs/cycle_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", CycleForm())
        context["nav"] = "briefs"
        return context

    def save(self, data: dict) -> PlanningCycle:
        return services.create_cycle(workspace=self.workspace, actor=self.request.user, **data)

    def post(self, request, *args, **kwargs):
        form = CycleForm(request.POST)
        if form.is_valid():
            try:
                cycle = self.save(form.cleaned_data)
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Cycle saved."))
                return redirect(cycle.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CycleEditView(ConflictMixin, WorkspaceObjectMixin, CycleCreateView):
    """Rename a cycle or move its dates."""

    model = PlanningCycle

    def get_context_data(self, **kwargs):
        cycle = self._object
        kwargs.setdefault("form", CycleForm(initial=self.conflict_initial(cycle)))
        context = super().get_context_data(**kwargs)
        context["object"] = cycle
        return context

    def conflict_initial(self, current, form=None) -> dict:
        return {
            "name": current.name,
            "opens_on": current.opens_on,
            "requests_due_on": current.requests_due_on,
            "closes_on": current.closes_on,
        }

    def conflict_form(self):
        return CycleForm(self.request.POST)

    def save(self, data: dict) -> PlanningCycle:
        return services.update_cycle(
            workspace=self.workspace,
            actor=self.request.user,
            cycle=self._object,
            version=self.submitted_version(),
            **data,
        )


class CycleDetailView(WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """One cycle: its dates and the requests filed in it that the member may see."""

    model = PlanningCycle
    template_name = "briefs/cycle_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cycle = self._object
        found = queries.visible_requests(self.workspace, self.membership).filter(cycle=cycle)
        context.update(
            nav="briefs",
            object=cycle,
            cycle=cycle,
            state=cycle.state(timezone.localdate()),
            page_obj=self.paginate(found.order_by("-created_at", "-pk")),
            today=timezone.localdate(),
        )
        return context


class CycleSettingsView(ConflictMixin, WorkspaceMixin, TemplateView):
    """The cadence of the planning cycles (a workspace setting: owners)."""

    permission = permissions.MANAGE_SETTINGS
    template_name = "briefs/settings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = cycle_settings_for(self.workspace)
        context.setdefault("form", CycleSettingsForm(initial=self.conflict_initial(found)))
        context["nav"] = "briefs"
        return context

    def versioned_object(self):
        return cycle_settings_for(self.workspace)

    def conflict_initial(self, current, form=None) -> dict:
        return {
            "start_months": current.months(),
            "request_days": current.request_days,
            "opens_automatically": current.opens_automatically,
        }

    def conflict_form(self):
        return CycleSettingsForm(self.request.POST)

    def post(self, request, *args, **kwargs):
        form = CycleSettingsForm(request.POST)
        if form.is_valid():
            try:
                services.update_cycle_settings(
                    workspace=self.workspace,
                    actor=request.user,
                    version=self.submitted_version(),
                    **form.cleaned_data,
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Settings saved; existing cycles keep their dates."))
                return redirect(reverse("briefs:settings", args=[self.workspace.slug]))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ReevaluateView(WorkspaceMixin, TemplateView):
    """Completed policies and impacts that new stakeholder input reached since."""

    template_name = "briefs/reevaluate.html"
    shown = 200

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            nav="briefs",
            policies=list(reevaluate.policies_to_reevaluate(self.workspace)[: self.shown]),
            impacts=list(reevaluate.impacts_to_reevaluate(self.workspace)[: self.shown]),
        )
        return context
