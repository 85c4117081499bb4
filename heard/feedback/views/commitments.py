"""Commitment pages: list, detail with progress history, create, edit, progress, archive."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.concurrency import ConflictMixin
from heard.core.errors import DomainError
from heard.core.views.base import PaginatedMixin, WorkspaceMixin, WorkspaceObjectMixin
from heard.feedback import queries, services
from heard.feedback.forms import CommitmentForm, ProgressForm
from heard.feedback.models import Commitment
from heard.feedback.views.common import PostOnlyMixin
from heard.stakeholders.queries import member_choices


def commitment_url(view, pk: int) -> str:
    """A commitment's page."""
    return reverse("feedback:commitment_detail", args=[view.workspace.slug, pk])


class CommitmentListView(WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """What the company promised: status, owner, due date, progress."""

    model = Commitment
    template_name = "feedback/commitment_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = queries.commitment_list(self.workspace, self.request.GET)
        context.update(
            nav="commitments",
            found=found,
            form=found.form,
            page_obj=self.paginate(found.queryset),
            is_filtered=bool(set(found.values) - {"sort"}),
            today=timezone.localdate(),
        )
        return context


class CommitmentCreateView(WorkspaceMixin, TemplateView):
    """Record a commitment, optionally from an input (`?input=`)."""

    permission = permissions.EDIT
    template_name = "feedback/commitment_form.html"

    def current(self) -> Commitment | None:
        return None

    def form(self, data=None, initial=None):
        return CommitmentForm(data, initial=initial, owners=member_choices(self.workspace))

    def get(self, request, *args, **kwargs):
        initial = {"status": "planned", "progress": 0, "owner": request.user.pk}
        if (pk := request.GET.get("input", "")).isdigit():
            initial["inputs"] = pk
        return self.render_to_response(self.get_context_data(form=self.form(initial=initial)))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["nav"] = "commitments"
        context["object"] = self.current()
        return context

    def rows(self, data: dict) -> dict:
        return queries.commitment_service_fields(self.workspace, data)

    def save(self, data: dict) -> Commitment:
        return services.create_commitment(
            workspace=self.workspace, actor=self.request.user, **self.rows(data)
        )

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                commitment = self.save(form.cleaned_data)
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Commitment saved."))
                return redirect(commitment_url(self, commitment.pk))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CommitmentEditView(ConflictMixin, WorkspaceObjectMixin, CommitmentCreateView):
    """Change a commitment's plan and links."""

    model = Commitment

    def current(self) -> Commitment:
        return self._object

    def get(self, request, *args, **kwargs):
        initial = queries.commitment_initial(self._object)
        return self.render_to_response(self.get_context_data(form=self.form(initial=initial)))

    def save(self, data: dict) -> Commitment:
        return services.update_commitment(
            workspace=self.workspace,
            actor=self.request.user,
            commitment=self._object,
            version=self.submitted_version(),
            **self.rows(data),
        )

    def conflict_initial(self, current, form):
        return queries.commitment_initial(current)


class CommitmentDetailView(WorkspaceObjectMixin, TemplateView):
    """One commitment: plan, progress history, linked inputs and decisions."""

    model = Commitment
    template_name = "feedback/commitment_detail.html"

    def get_queryset(self):
        return queries.commitment_detail(self.workspace)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        c = self._object
        context.setdefault(
            "progress_form",
            ProgressForm(initial={"status": c.status, "progress": c.progress, "notify": True}),
        )
        context.update(
            nav="commitments",
            object=c,
            commitment=c,
            notify_count=len(services.stakeholders_to_notify(c)),
            today=timezone.localdate(),
        )
        return context


class CommitmentProgressView(CommitmentDetailView):
    """Report progress; the stakeholders whose input led to it are told."""

    permission = permissions.EDIT

    def get(self, request, *args, **kwargs):
        return redirect(commitment_url(self, self._object.pk) + "#progress")

    def post(self, request, *args, **kwargs):
        form = ProgressForm(request.POST)
        if form.is_valid():
            try:
                update = services.record_progress(
                    workspace=self.workspace,
                    actor=request.user,
                    commitment=self._object,
                    **form.cleaned_data,
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(
                    request,
                    _("Progress recorded; %(n)d stakeholder(s) told by email.")
                    % {"n": update.notified_count},
                )
                return redirect(commitment_url(self, self._object.pk))
        return self.render_to_response(self.get_context_data(progress_form=form), status=400)


class CommitmentArchiveView(PostOnlyMixin, WorkspaceObjectMixin, View):
    """Archive or restore a commitment."""

    model = Commitment
    permission = permissions.ARCHIVE
    restore = False

    def post(self, request, *args, **kwargs):
        services.archive_commitment(
            workspace=self.workspace,
            actor=request.user,
            commitment=self._object,
            restore=self.restore,
        )
        messages.success(request, _("Restored.") if self.restore else _("Archived."))
        return redirect(commitment_url(self, self._object.pk))
