"""Engagement pages: list with filters and export, plan (create/edit), detail, status, archive."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.concurrency import ConflictMixin
from heard.core.errors import DomainError
from heard.core.views.base import PaginatedMixin, WorkspaceMixin, WorkspaceObjectMixin
from heard.engagements import exports, queries
from heard.engagements.forms import EngagementForm, engagement_initial
from heard.engagements.models import Engagement, EngagementStatus
from heard.engagements.services import engagements as services
from heard.engagements.views.common import PostOnlyMixin, detail_url
from heard.stakeholders import exports as registry_exports
from heard.stakeholders.queries import member_choices
from heard.stakeholders.services import record_export

FILTER_LAYOUT = (
    ("status", "format", "mode"),
    ("hrdd_step", "lifecycle_stage", "initiative"),
    ("attribution_rule", "language"),
    ("starts_from", "starts_until", "archived"),
)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class EngagementListView(WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """Every engagement: search, filters on each categorical field, sort, pages, export."""

    model = Engagement
    template_name = "engagements/engagement_list.html"

    def get_template_names(self):
        if self.request.headers.get("HX-Request") and self.request.headers.get("HX-Target") == (
            "results"
        ):
            return ["engagements/partials/engagement_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = queries.engagement_list(self.workspace, self.request.GET)
        context.update(
            nav="engagements",
            found=found,
            form=found.form,
            page_obj=self.paginate(found.queryset),
            filter_rows=[[found.form[name] for name in row] for row in FILTER_LAYOUT],
            is_filtered=bool(set(found.values) - {"sort"}),
            per_page_choices=self.per_page_choices,
        )
        return context


class EngagementExportView(WorkspaceMixin, View):
    """The list's current filter as CSV (streamed) or XLSX."""

    permission = permissions.EXPORT

    def get(self, request, *args, **kwargs):
        fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        params = request.GET.copy()
        params.pop("page", None)
        found = queries.engagement_list(self.workspace, params)
        rows = registry_exports.rows(found.queryset, exports.engagement_columns())
        record_export(
            workspace=self.workspace,
            actor=request.user,
            what="engagements",
            fmt=fmt,
            params={k: str(v) for k, v in found.values.items()},
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        filename = f"{self.workspace.slug}-engagements-{stamp}.{fmt}"
        if fmt == "xlsx":
            handle = registry_exports.xlsx_tempfile(rows, title="engagements")
            return FileResponse(
                handle, as_attachment=True, filename=filename, content_type=XLSX_TYPE
            )
        response = StreamingHttpResponse(
            registry_exports.csv_chunks(rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def _choices(workspace, engagement: Engagement | None = None) -> dict:
    from heard.impacts.queries import impacts

    steps = queries.hrdd_steps(workspace, include_archived=True)
    if engagement is None:
        steps = steps.active()
    else:
        # An archived step stays on the engagements that served it (and on their edit form).
        steps = steps.filter(Q(archived_at__isnull=True) | Q(engagements=engagement)).distinct()
    return {
        "hrdd_steps": [(s.pk, str(s)) for s in steps],
        "members": member_choices(workspace),
        "initiatives": queries.initiative_choices(workspace),
        "impacts": list(impacts(workspace).active().order_by("title").values_list("pk", "title")),
    }


def _service_kwargs(workspace, data: dict) -> dict:
    """Cleaned form data as service arguments (ids turned into workspace rows)."""
    from heard.core.models import User
    from heard.impacts.models import Impact, Initiative

    data = dict(data)
    data["hrdd_steps"] = list(
        queries.hrdd_steps(workspace, include_archived=True).filter(pk__in=data["hrdd_steps"])
    )
    data["impacts"] = list(Impact.objects.for_workspace(workspace).filter(pk__in=data["impacts"]))
    initiative = data.pop("initiative")
    data["initiative"] = (
        Initiative.objects.for_workspace(workspace).filter(pk=initiative).first()
        if initiative
        else None
    )
    owner = data.pop("owner")
    data["owner"] = User.objects.filter(pk=owner, memberships__workspace=workspace).first()
    return data


class EngagementCreateView(WorkspaceMixin, TemplateView):
    """Plan an engagement."""

    permission = permissions.EDIT
    template_name = "engagements/engagement_form.html"

    def form(self, data=None, initial=None):
        engagement = getattr(self, "_object", None)
        return EngagementForm(data, initial=initial, **_choices(self.workspace, engagement))

    def get(self, request, *args, **kwargs):
        initial = {
            "attribution_rule": "chatham_house",
            "format": "roundtable",
            "mode": "remote",
            "owner": request.user.pk,
            "languages": ", ".join(self.workspace.languages or ["en"]),
        }
        if initiative := request.GET.get("initiative", ""):
            initial["initiative"] = initiative if initiative.isdigit() else None
        if stage := request.GET.get("lifecycle_stage", ""):
            initial["lifecycle_stage"] = stage
        return self.render_to_response(self.get_context_data(form=self.form(initial=initial)))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["nav"] = "engagements"
        return context

    def save(self, data: dict) -> Engagement:
        return services.create_engagement(
            workspace=self.workspace,
            actor=self.request.user,
            **_service_kwargs(self.workspace, data),
        )

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                engagement = self.save(form.cleaned_data)
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Engagement saved."))
                return redirect(detail_url(self, engagement.pk))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class EngagementEditView(ConflictMixin, WorkspaceObjectMixin, EngagementCreateView):
    """Change an engagement's plan."""

    model = Engagement

    def get_queryset(self):
        return queries.engagement_detail(self.workspace)

    def get(self, request, *args, **kwargs):
        form = self.form(initial=engagement_initial(self._object))
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self._object
        return context

    def conflict_initial(self, current, form):
        return engagement_initial(current)

    def save(self, data: dict) -> Engagement:
        return services.update_engagement(
            workspace=self.workspace,
            actor=self.request.user,
            engagement=self._object,
            version=self.submitted_version(),
            **_service_kwargs(self.workspace, data),
        )


class EngagementDetailView(WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """One engagement: its plan, sessions, participants and the checks' warnings."""

    model = Engagement
    template_name = "engagements/engagement_detail.html"
    per_page_choices = (50, 100, 200)

    def get_queryset(self):
        return queries.engagement_detail(self.workspace)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        engagement = self._object
        participants = self.paginate(queries.participations_of(engagement))
        for participation in participants:
            participation.display_name = participation.stakeholder.display_name_for(self.membership)
            participation.contact_problem = queries.contact_problem(participation)
        context.update(
            nav="engagements",
            object=engagement,
            engagement=engagement,
            sessions=list(queries.sessions_of(engagement)),
            page_obj=participants,
            counts=queries.participation_counts(engagement),
            transitions=[
                (s, EngagementStatus(s).label) for s in services.allowed_transitions(engagement)
            ],
            statuses=EngagementStatus.choices,
            status_index=list(EngagementStatus.values).index(engagement.status),
        )
        return context


class EngagementStatusView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Move the engagement to its next status."""

    model = Engagement
    permission = permissions.EDIT

    def post(self, request, *args, **kwargs):
        try:
            engagement = services.change_status(
                workspace=self.workspace,
                actor=request.user,
                engagement=self._object,
                status=request.POST.get("status", ""),
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Status is now “%(s)s”.") % {"s": engagement.get_status_display()}
            )
        return redirect(detail_url(self, self._object.pk))


class EngagementArchiveView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Archive (or restore) an engagement; it stays with its history."""

    model = Engagement
    permission = permissions.ARCHIVE
    restore = False

    def post(self, request, *args, **kwargs):
        services.set_archived(
            workspace=self.workspace,
            actor=request.user,
            engagement=self._object,
            archived=not self.restore,
        )
        messages.success(
            request,
            _("Restored.") if self.restore else _("Archived. It no longer appears in lists."),
        )
        return redirect(detail_url(self, self._object.pk))
