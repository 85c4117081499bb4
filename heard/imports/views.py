"""Import pages: list → upload → mapping → preview → apply (progress) → result.

Every step is a plain form post that works without JavaScript; htmx only makes the progress
bar update itself.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, View

from heard.core import permissions
from heard.core.errors import DomainError
from heard.core.views.base import WorkspaceMixin, WorkspaceObjectMixin
from heard.imports import progress, queries, services
from heard.imports.forms import ApplyForm, MappingForm, UploadForm
from heard.imports.mapping import targets_for
from heard.imports.models import ImportJob, ImportKind, ImportStatus
from heard.imports.validation import RowValidator

STEP_URLS = {
    ImportStatus.UPLOADED: "imports:mapping",
    ImportStatus.PREVIEWED: "imports:preview",
    ImportStatus.QUEUED: "imports:progress",
    ImportStatus.APPLYING: "imports:progress",
    ImportStatus.APPLIED: "imports:result",
    ImportStatus.FAILED: "imports:result",
    ImportStatus.CANCELLED: "imports:result",
}


def step_url(job: ImportJob) -> str:
    """Where an import's page is at its current status."""
    return reverse(STEP_URLS[job.status], args=[job.workspace.slug, job.pk])


def _display(target: str, value):
    """A cleaned sample value as people read it: choice labels rather than stored codes."""
    choices = RowValidator.CHOICES.get(target)
    if choices and value:
        return dict(choices.choices).get(value, value)
    return value


class ImportPage(WorkspaceObjectMixin):
    """Base of the import pages: the import permission, the job from the URL."""

    model = ImportJob
    permission = permissions.IMPORT

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["nav"] = "imports"
        return context

    def redirect_to_step(self, job: ImportJob):
        return redirect(step_url(job))


class ImportListView(ImportPage, ListView):
    """Past and current imports."""

    paginate_by = 25
    template_name = "imports/import_list.html"
    context_object_name = "jobs"

    def get_queryset(self):
        return queries.import_list(self.workspace)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for job in context["jobs"]:
            job.workspace = self.workspace  # for step_url without a query per row
            job.url = step_url(job)
        return context


class ImportUploadView(WorkspaceMixin, FormView):
    """Step 1: choose the kind and upload a file."""

    permission = permissions.IMPORT
    form_class = UploadForm
    template_name = "imports/upload.html"

    def get_initial(self):
        kind = self.request.GET.get("kind")
        return {"kind": kind} if kind in ImportKind.values else {}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "nav": "imports"}

    def form_valid(self, form):
        try:
            job = services.create_import(
                workspace=self.workspace,
                actor=self.request.user,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else "file", error.message)
            return self.form_invalid(form)
        return redirect("imports:mapping", self.workspace.slug, job.pk)


class ImportMappingView(ImportPage, DetailView):
    """Step 2: which column goes into which field (guessed; a saved mapping can be loaded)."""

    template_name = "imports/mapping.html"
    context_object_name = "job"

    def _initial_mapping(self, job: ImportJob) -> tuple[dict, object]:
        saved_id = self.request.GET.get("saved")
        if saved_id and saved_id.isdigit():
            saved = queries.saved_mapping(self.workspace, job.kind, pk=int(saved_id))
            if saved is not None:
                return services.apply_saved_mapping(job, saved), saved
        return job.mapping, None

    def get(self, request, *args, **kwargs):
        self.object = job = self.get_object()
        if job.status not in services.OPEN_STATUSES:
            return self.redirect_to_step(job)
        initial, loaded = self._initial_mapping(job)
        form = MappingForm(job=job, initial_mapping=initial)
        return self.render_to_response(self.get_context_data(form=form, loaded=loaded))

    def post(self, request, *args, **kwargs):
        self.object = job = self.get_object()
        form = MappingForm(request.POST, job=job, initial_mapping=job.mapping)
        if form.is_valid():
            try:
                services.set_mapping(
                    workspace=self.workspace,
                    actor=request.user,
                    job=job,
                    mapping=form.mapping(),
                    save_as=form.cleaned_data["save_as"],
                )
                services.preview(workspace=self.workspace, actor=request.user, job=job)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                if form.cleaned_data["save_as"]:
                    messages.success(request, _("Mapping saved."))
                return redirect("imports:preview", self.workspace.slug, job.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["saved_mappings"] = queries.saved_mappings(self.workspace, self.object.kind)
        context["required"] = [t.label for t in targets_for(self.object.kind) if t.required]
        return context


class ImportPreviewView(ImportPage, DetailView):
    """Step 3: counts, every problem with its row and column, a sample, and the Apply button."""

    template_name = "imports/preview.html"
    context_object_name = "job"

    def get(self, request, *args, **kwargs):
        self.object = job = self.get_object()
        if job.status not in (ImportStatus.PREVIEWED, ImportStatus.FAILED) or not job.summary.get(
            "preview"
        ):
            return self.redirect_to_step(job)
        return self.render_to_response(self.get_context_data(form=ApplyForm()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.object
        labels = {t.key: t.label for t in targets_for(job.kind)}
        columns = [t for t in job.mapping.values() if t]
        preview = job.summary.get("preview", {})
        context.update(
            preview=preview,
            sample_columns=[labels.get(key, key) for key in columns],
            sample_rows=[
                [_display(key, row.get(key, "")) for key in columns]
                for row in preview.get("sample", [])
            ],
            problems_shown=len(job.problems),
        )
        return context


class ImportApplyView(ImportPage, View):
    """Apply (POST only): small files at once, large ones by the worker."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        job = self.get_object()
        form = ApplyForm(request.POST)
        match_mode = form.cleaned_data["match_mode"] if form.is_valid() else ""
        try:
            services.request_apply(
                workspace=self.workspace, actor=request.user, job=job, match_mode=match_mode
            )
        except DomainError as error:
            messages.error(request, error.message)
            job.refresh_from_db()
        return self.redirect_to_step(job)

    def get_object(self):
        return self._object


class ImportProgressView(ImportPage, DetailView):
    """A long import under way: a progress bar that htmx refreshes; a link refreshes it too."""

    template_name = "imports/progress.html"
    context_object_name = "job"

    def get(self, request, *args, **kwargs):
        self.object = job = self.get_object()
        finished = job.status not in (ImportStatus.QUEUED, ImportStatus.APPLYING)
        if request.htmx:
            if finished:
                response = HttpResponse(status=204)
                response["HX-Redirect"] = step_url(job)
                return response
            self.template_name = "imports/partials/progress.html"
        elif finished:
            return self.redirect_to_step(job)
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "progress": progress.read(self.object)}


class ImportResultView(ImportPage, DetailView):
    """What an import did (or why it failed, or that it was cancelled)."""

    template_name = "imports/result.html"
    context_object_name = "job"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        result = self.object.summary.get("result", {})
        context["result"] = result
        context["tags"] = queries.tags_by_id(self.workspace, result.get("tag_ids"))
        return context


class ImportCancelView(ImportPage, View):
    """Cancel an import before it is applied (POST only)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        job = self._object
        try:
            services.cancel_import(workspace=self.workspace, actor=request.user, job=job)
        except DomainError as error:
            messages.error(request, error.message)
            return self.redirect_to_step(job)
        messages.success(request, _("Import cancelled; nothing was imported."))
        return redirect("imports:list", self.workspace.slug)
