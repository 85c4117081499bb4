"""Impact pages: list ranked by salience, detail with the arithmetic, forms, status, actions."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.concurrency import ConflictMixin
from heard.core.errors import DomainError
from heard.core.models import Membership
from heard.core.views.base import PaginatedMixin, WorkspaceMixin, WorkspaceObjectMixin
from heard.impacts import queries, scoring, services
from heard.impacts.forms import ActionForm, ImpactForm, StatusChangeForm
from heard.impacts.models import Impact, ImpactAction, Initiative
from heard.impacts.views.common import ListPageMixin, PostOnlyMixin
from heard.stakeholders.queries import member_choices


class ImpactListView(ListPageMixin, WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """Impacts ranked by salience: search, filters, sort, pagination, export."""

    model = Impact
    template_name = "impacts/impact_list.html"
    partial_template_name = "impacts/partials/impact_results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = queries.impact_list(self.workspace, self.request.GET)
        page_obj = self.paginate(found.queryset)
        page_obj.object_list = queries.label_impacts(page_obj.object_list)
        context.update(
            nav="impacts",
            found=found,
            form=found.form,
            page_obj=page_obj,
            is_filtered=bool(set(found.values) - {"sort"}),
            per_page_choices=self.per_page_choices,
        )
        return context


class ActionListView(ListPageMixin, WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """Actions on impacts across the workspace: who does what by when."""

    model = ImpactAction
    template_name = "impacts/action_list.html"
    partial_template_name = "impacts/partials/action_results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = queries.action_list(self.workspace, self.request.GET)
        context.update(
            nav="impacts",
            found=found,
            form=found.form,
            page_obj=self.paginate(found.queryset),
            is_filtered=bool(set(found.values) - {"sort"}),
            per_page_choices=self.per_page_choices,
            today=timezone.localdate(),
        )
        return context


class ImpactDetailView(WorkspaceObjectMixin, TemplateView):
    """One impact: rights, groups, scores with how severity and salience were computed,
    status and its next steps, actions."""

    model = Impact
    template_name = "impacts/impact_detail.html"

    def get_queryset(self):
        return queries.impacts(self.workspace)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        impact = self._object
        scores = scoring.compute(
            kind=impact.kind,
            scale=impact.scale,
            scope=impact.scope,
            irremediability=impact.irremediability,
            likelihood=impact.likelihood,
        )
        context.update(
            nav="impacts",
            object=impact,
            scores=scores,
            arithmetic=scores.explain(impact.scale, impact.scope, impact.irremediability),
            band=scoring.severity_band(impact.severity),
            guidance={
                name: scoring.GUIDANCE[name].get(getattr(impact, name))
                for name in ("scale", "scope", "irremediability", "likelihood")
            },
            max_severity=scoring.MAX_SEVERITY,
            max_salience=scoring.MAX_SALIENCE,
            today=timezone.localdate(),
            actions=list(queries.actions_of(impact)),
            next_statuses=services.next_statuses(impact),
            action_form=kwargs.get("action_form") or ActionForm(members=self.members()),
        )
        return context

    def members(self) -> list:
        return member_choices(self.workspace)


class ImpactCreateView(WorkspaceMixin, TemplateView):
    """Register an impact."""

    permission = permissions.EDIT
    template_name = "impacts/impact_form.html"
    instance = None

    def initiatives(self):
        return Initiative.objects.for_workspace(self.workspace).active().order_by("name")

    def form(self, data=None):
        initial = {}
        if self.instance is not None:
            impact = self.instance
            initial = {
                f: getattr(impact, f)
                for f in (
                    "title",
                    "description",
                    "kind",
                    "involvement",
                    "affected_groups",
                    "scale",
                    "scope",
                    "irremediability",
                    "likelihood",
                )
            }
            initial["rights"] = [r.code for r in impact.right_links.all()]
            initial["risk_groups"] = [g.group for g in impact.risk_group_links.all()]
            initial["initiatives"] = [i.pk for i in impact.initiatives.all()]
        elif initiative := self.request.GET.get("initiative", ""):
            initial["initiatives"] = [initiative] if initiative.isdigit() else []
        return ImpactForm(data, initial=initial, initiatives=self.initiatives())

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(nav="impacts", object=self.instance)
        return context

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                impact = self.save(dict(form.cleaned_data))
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Saved."))
                return redirect(impact.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def save(self, fields: dict) -> Impact:
        return services.create_impact(workspace=self.workspace, actor=self.request.user, **fields)


class ImpactEditView(ConflictMixin, ImpactCreateView, WorkspaceObjectMixin):
    """Change an impact; severity and salience are recomputed."""

    model = Impact

    def get_queryset(self):
        return queries.impacts(self.workspace)

    @property
    def instance(self):
        return self._object

    def save(self, fields: dict) -> Impact:
        return services.update_impact(
            workspace=self.workspace,
            actor=self.request.user,
            impact=self._object,
            version=self.submitted_version(),
            **fields,
        )


class ImpactStatusView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Move an impact to its next status (audited, with a note)."""

    model = Impact
    permission = permissions.EDIT

    def post(self, request, *args, **kwargs):
        impact = self._object
        form = StatusChangeForm(request.POST, choices=services.next_statuses(impact))
        if form.is_valid():
            try:
                services.change_status(
                    workspace=self.workspace, actor=request.user, impact=impact, **form.cleaned_data
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Status changed."))
        else:
            for errors in form.errors.values():
                messages.error(request, errors[0])
        return redirect(impact.get_absolute_url() + "#status")


class ActionCreateView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Add an action to an impact (the form is on the impact's page)."""

    model = Impact
    permission = permissions.EDIT

    def post(self, request, *args, **kwargs):
        impact = self._object
        form = ActionForm(request.POST, members=member_choices(self.workspace))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.create_action(
                    workspace=self.workspace,
                    actor=request.user,
                    impact=impact,
                    description=data["description"],
                    owner=_member(self.workspace, data["owner"]),
                    due_on=data["due_on"],
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Action added."))
                return redirect(impact.get_absolute_url() + "#actions")
        view = ImpactDetailView(request=request, kwargs=kwargs, args=args)
        view._object = impact
        context = view.get_context_data(action_form=form)
        return view.render_to_response(context, status=400)


def _member(workspace, user_id: int | None):
    if user_id is None:
        return None
    membership = (
        Membership.objects.filter(workspace=workspace, user_id=user_id)
        .select_related("user")
        .first()
    )
    if membership is None:
        raise DomainError(_("The owner must be a member of this workspace."), field="owner")
    return membership.user


class ActionEditView(ConflictMixin, WorkspaceObjectMixin, TemplateView):
    """Change an action: description, owner, due date, done."""

    model = ImpactAction
    permission = permissions.EDIT
    template_name = "impacts/action_form.html"

    def get_queryset(self):
        return super().get_queryset().select_related("impact", "owner")

    def form(self, data=None):
        action = self._object
        initial = {
            "description": action.description,
            "owner": action.owner_id,
            "due_on": action.due_on,
            "is_done": action.is_done,
        }
        return ActionForm(data, initial=initial, members=member_choices(self.workspace))

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(nav="impacts", object=self._object)
        return context

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                data["owner"] = _member(self.workspace, data["owner"])
                services.update_action(
                    workspace=self.workspace,
                    actor=request.user,
                    action=self._object,
                    version=self.submitted_version(),
                    **data,
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Saved."))
                return redirect(self._object.get_absolute_url() + "#actions")
        return self.render_to_response(self.get_context_data(form=form), status=400)
