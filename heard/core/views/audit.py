"""The workspace audit log and each object's History."""

from __future__ import annotations

from django.utils.dateparse import parse_date
from django.views.generic import DetailView, TemplateView

from heard.core import permissions
from heard.core.models import AuditAction
from heard.core.queries import audit_entries, audited_types, object_history
from heard.core.views.base import PaginatedMixin, WorkspaceMixin, WorkspaceObjectMixin


class AuditLogView(WorkspaceMixin, PaginatedMixin, TemplateView):
    """Every recorded change in the workspace, filterable by action, actor, type and date."""

    permission = permissions.VIEW_AUDIT
    template_name = "core/audit_log.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = audit_entries(self.workspace)
        params = self.request.GET
        if params.get("action") in AuditAction.values:
            entries = entries.filter(action=params["action"])
        if params.get("actor", "").isdigit():
            entries = entries.filter(actor_id=int(params["actor"]))
        if params.get("type", "").isdigit():
            entries = entries.filter(content_type_id=int(params["type"]))
        if since := parse_date(params.get("since", "") or ""):
            entries = entries.filter(at__date__gte=since)
        if until := parse_date(params.get("until", "") or ""):
            entries = entries.filter(at__date__lte=until)
        if q := params.get("q", "").strip():
            entries = entries.filter(object_repr__icontains=q)
        context.update(
            nav="audit",
            page_obj=self.paginate(entries),
            actions=AuditAction.choices,
            members=self.workspace.memberships.select_related("user").order_by("user__email"),
            object_types=audited_types(),
            is_filtered=any(
                params.get(k) for k in ("action", "actor", "type", "since", "until", "q")
            ),
        )
        return context


class HistoryView(WorkspaceObjectMixin, PaginatedMixin, DetailView):
    """One object's history. Use as `HistoryView.as_view(model=Stakeholder)`."""

    template_name = "core/history.html"
    context_object_name = "object"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        hide_identity = getattr(obj, "is_identity_hidden_for", None)
        context["hide_identity"] = bool(hide_identity and hide_identity(self.membership))
        context["page_obj"] = self.paginate(object_history(self.workspace, obj))
        return context
