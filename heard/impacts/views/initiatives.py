"""Initiative pages: list, detail with stage history and plans, create/edit, stage, plans."""

from __future__ import annotations

from django.contrib import messages
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.concurrency import ConflictMixin
from heard.core.errors import DomainError
from heard.core.views.base import PaginatedMixin, WorkspaceMixin, WorkspaceObjectMixin
from heard.impacts import queries, services
from heard.impacts.forms import EngagementPlanForm, InitiativeForm, StageChangeForm
from heard.impacts.models import EngagementPlan, Initiative, LifecycleStage
from heard.impacts.views.common import ListPageMixin, PostOnlyMixin
from heard.stakeholders.models import Category, Organisation, Relation, RiskGroup, Stakeholder


class InitiativeListView(ListPageMixin, WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """Initiatives: search, filters, sort, pagination, export."""

    model = Initiative
    template_name = "impacts/initiative_list.html"
    partial_template_name = "impacts/partials/initiative_results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = queries.initiative_list(self.workspace, self.request.GET)
        page_obj = self.paginate(found.queryset)
        page_obj.object_list = queries.label_initiatives(page_obj.object_list)
        context.update(
            nav="initiatives",
            found=found,
            form=found.form,
            page_obj=page_obj,
            is_filtered=bool(set(found.values) - {"sort"}),
            per_page_choices=self.per_page_choices,
        )
        return context


class InitiativeDetailView(WorkspaceObjectMixin, TemplateView):
    """One initiative: stage and its history, the plan per stage, its impacts by salience."""

    model = Initiative
    template_name = "impacts/initiative_detail.html"

    def get_queryset(self):
        return queries.initiatives(self.workspace)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        initiative = self._object
        context.update(
            nav="initiatives",
            object=initiative,
            stage_history=list(queries.stage_history(initiative)[:50]),
            plans=queries.plans_by_stage(initiative),
            impacts=list(queries.initiative_impacts(initiative)[:25]),
            stage_form=kwargs.get("stage_form") or StageChangeForm(),
            stage_choices=_stage_choices(initiative.stage),
            labels=_plan_labels(),
        )
        return context


def _stage_choices(current: str) -> list[tuple[str, str]]:
    """Every other stage, the next ones first: moving forward is the usual change."""
    choices = LifecycleStage.choices
    here = LifecycleStage.values.index(current)
    return choices[here + 1 :] + choices[:here]


def _plan_labels() -> dict:
    return {
        "categories": dict(Category.choices),
        "relations": dict(Relation.choices),
        "risk_groups": dict(RiskGroup.choices),
    }


class InitiativeCreateView(WorkspaceMixin, TemplateView):
    """Add an initiative."""

    permission = permissions.EDIT
    template_name = "impacts/initiative_form.html"
    instance = None

    def form(self, data=None):
        initial = {}
        if self.instance is not None:
            initial = {
                f: getattr(self.instance, f) for f in ("name", "kind", "owning_team", "description")
            }
        return InitiativeForm(data, initial=initial, editing=self.instance is not None)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(nav="initiatives", object=self.instance)
        return context

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                initiative = self.save(dict(form.cleaned_data))
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Saved."))
                return redirect(initiative.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def save(self, fields: dict) -> Initiative:
        return services.create_initiative(
            workspace=self.workspace, actor=self.request.user, **fields
        )


class InitiativeEditView(ConflictMixin, InitiativeCreateView, WorkspaceObjectMixin):
    """Change an initiative."""

    model = Initiative

    @property
    def instance(self):
        return self._object

    def save(self, fields: dict) -> Initiative:
        return services.update_initiative(
            workspace=self.workspace,
            actor=self.request.user,
            initiative=self._object,
            version=self.submitted_version(),
            **fields,
        )


class InitiativeStageView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Move an initiative to another lifecycle stage (recorded in its stage history)."""

    model = Initiative
    permission = permissions.EDIT

    def post(self, request, *args, **kwargs):
        form = StageChangeForm(request.POST)
        if form.is_valid():
            try:
                services.change_stage(
                    workspace=self.workspace,
                    actor=request.user,
                    initiative=self._object,
                    **form.cleaned_data,
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Stage changed."))
        else:
            for errors in form.errors.values():
                messages.error(request, errors[0])
        return redirect(self._object.get_absolute_url() + "#stage")


class EngagementPlanView(WorkspaceObjectMixin, TemplateView):
    """Create or edit the engagement plan of one stage (`?stage=`) of an initiative."""

    model = Initiative
    permission = permissions.EDIT
    template_name = "impacts/plan_form.html"

    def stage(self) -> str:
        stage = self.request.POST.get("stage") or self.request.GET.get("stage")
        stage = stage or self._object.stage  # no stage asked for: plan the current one
        if stage not in LifecycleStage.values:
            raise Http404
        return stage

    def plan(self, stage: str) -> EngagementPlan | None:
        return (
            EngagementPlan.objects.for_workspace(self.workspace)
            .filter(initiative=self._object, stage=stage)
            .prefetch_related("stakeholders", "organisations")
            .first()
        )

    def form(self, data=None, plan: EngagementPlan | None = None):
        initial = {}
        if plan is not None:
            initial = {
                f: getattr(plan, f)
                for f in (
                    "categories",
                    "relations",
                    "risk_groups",
                    "timing",
                    "target_on",
                    "cleared_to_share",
                    "not_shareable",
                    "notes",
                )
            }
            initial["stakeholders"] = ", ".join(s.pseudonym for s in plan.stakeholders.all())
            initial["organisations"] = list(plan.organisations.all())
        return EngagementPlanForm(
            data,
            initial=initial,
            stakeholders=Stakeholder.objects.for_workspace(self.workspace).active(),
            organisations=Organisation.objects.for_workspace(self.workspace)
            .active()
            .order_by(Lower("name")),
        )

    def get(self, request, *args, **kwargs):
        stage = self.stage()
        plan = self.plan(stage)
        return self.render_to_response(
            self.get_context_data(form=self.form(plan=plan), stage=stage, plan=plan)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            nav="initiatives",
            object=self._object,
            stage_label=LifecycleStage(context["stage"]).label,
        )
        return context

    def post(self, request, *args, **kwargs):
        stage = self.stage()
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.save_plan(
                    workspace=self.workspace,
                    actor=request.user,
                    initiative=self._object,
                    stage=stage,
                    **form.cleaned_data,
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Engagement plan saved."))
                return redirect(self._object.get_absolute_url() + f"#plan-{stage}")
        context = self.get_context_data(form=form, stage=stage, plan=self.plan(stage))
        return self.render_to_response(context, status=400)
