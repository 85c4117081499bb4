"""The team's concern pages under /w/<slug>/concerns/: list, export, record, and the detail
page (its step forms post to heard.concerns.views.steps)."""

from __future__ import annotations

from django.contrib import messages
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from heard.concerns import exports, queries, services
from heard.concerns.forms import (
    AcknowledgeForm,
    AssessForm,
    CloseForm,
    MessageForm,
    NotAdmissibleForm,
    OutcomeForm,
    RecordConcernForm,
    RemedyForm,
    RemedyUpdateForm,
)
from heard.concerns.models import Concern, ConcernStatus
from heard.core import permissions
from heard.core.errors import DomainError
from heard.core.views.base import PaginatedMixin, WorkspaceMixin, WorkspaceObjectMixin
from heard.impacts.rights import right_label
from heard.stakeholders import exports as registry_exports
from heard.stakeholders.services import record_export
from heard.stakeholders.vocab import language_label

FILTER_FIELDS = ("status", "overdue", "channel", "outcome", "initiative")


def concern_url(view, pk: int, anchor: str = "") -> str:
    """A concern's page, optionally at a section."""
    url = reverse("concerns:concern_detail", args=[view.workspace.slug, pk])
    return f"{url}#{anchor}" if anchor else url


def handlers(workspace) -> list[tuple[int, str]]:
    """(user id, label) of members who may handle concerns."""
    rows = workspace.memberships.select_related("user").order_by("user__email")
    return [
        (m.user_id, m.user.get_full_name() or m.user.email)
        for m in rows
        if m.can(permissions.HANDLE_CONCERNS)
    ]


# --- list and export


class ConcernListView(WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """Every concern: search, filters, sort, pages, export."""

    model = Concern
    permission = permissions.VIEW_IDENTITY
    template_name = "concerns/concern_list.html"

    def get_template_names(self):
        if self.request.headers.get("HX-Target") == "results":
            return ["concerns/partials/concern_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = queries.concern_list(self.workspace, self.request.GET)
        context.update(
            nav="concerns",
            found=found,
            form=found.form,
            filter_fields=[found.form[name] for name in FILTER_FIELDS],
            page_obj=self.paginate(found.queryset),
            is_filtered=bool(set(found.values) - {"sort"}),
            per_page_choices=self.per_page_choices,
            today=timezone.localdate(),
        )
        return context


class ConcernExportView(WorkspaceMixin, View):
    """The list's current filter as CSV (streamed, cells neutralised against formulas)."""

    permission = permissions.EXPORT

    def get(self, request, *args, **kwargs):
        params = request.GET.copy()
        params.pop("page", None)
        found = queries.concern_list(self.workspace, params)
        record_export(
            workspace=self.workspace,
            actor=request.user,
            what="concerns",
            fmt="csv",
            params={k: str(v) for k, v in found.values.items()},
        )
        rows = registry_exports.rows(found.queryset, exports.concern_columns())
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = StreamingHttpResponse(
            registry_exports.csv_chunks(rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{self.workspace.slug}-concerns-{stamp}.csv"'
        )
        return response


# --- record a concern received another way


class ConcernCreateView(WorkspaceMixin, TemplateView):
    """Record a concern received by email, phone, in person or through a partner."""

    permission = permissions.HANDLE_CONCERNS
    template_name = "concerns/concern_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault(
            "form", RecordConcernForm(initial={"channel": "email", "language": "en"})
        )
        context["nav"] = "concerns"
        return context

    def post(self, request, *args, **kwargs):
        form = RecordConcernForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                concern = services.raise_concern(
                    workspace=self.workspace,
                    actor=request.user,
                    description=data["description"],
                    channel=data["channel"],
                    raised_at=data["raised_at"],
                    product_named=data["product_named"],
                    is_anonymous=data["is_anonymous"],
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                    language=data["language"],
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(
                    request,
                    _("Concern recorded. Its reference code is %(code)s.")
                    % {"code": concern.reference_display},
                )
                return redirect(concern_url(self, concern.pk))
        return self.render_to_response(self.get_context_data(form=form), status=400)


# --- detail and steps


class ConcernDetailView(WorkspaceObjectMixin, TemplateView):
    """One concern: what happened, who raised it (to those who may know), the timeline of
    steps, and the form for the next step."""

    model = Concern
    permission = permissions.VIEW_IDENTITY
    template_name = "concerns/concern_detail.html"

    def get_queryset(self):
        return queries.concern_detail(self.workspace)

    def forms(self) -> dict:
        concern = self._object
        initiatives = queries.initiative_choices(self.workspace)
        return {
            "acknowledge_form": AcknowledgeForm(handlers=handlers(self.workspace)),
            "assess_form": AssessForm(
                initiatives=initiatives,
                initial={
                    "notes": concern.assessment_notes,
                    "initiative": concern.initiative_id,
                    "right_codes": concern.right_codes,
                },
            ),
            "outcome_form": OutcomeForm(),
            "not_admissible_form": NotAdmissibleForm(),
            "remedy_form": RemedyForm(),
            "close_form": CloseForm(),
            "message_form": MessageForm(),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        concern = self._object
        for name, form in self.forms().items():
            context.setdefault(name, form)
        context.update(
            nav="concerns",
            object=concern,
            concern=concern,
            events=list(concern.events.all()),
            remedies=[
                (r, RemedyUpdateForm(initial={"status": r.status}, prefix=f"r{r.pk}"))
                for r in concern.remedies.all()
            ],
            rights=[right_label(code) for code in concern.right_codes],
            language_name=language_label(concern.language),
            today=timezone.localdate(),
            S=ConcernStatus,
            can_handle=self.can(permissions.HANDLE_CONCERNS),
        )
        return context
