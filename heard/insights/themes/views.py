"""Themes pages: the list (with re-clustering and its progress), a theme with its inputs, and
the curation forms (rename, merge, split, move an input)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.concurrency import ConflictMixin, version_of
from heard.core.errors import DomainError
from heard.core.views.base import PaginatedMixin, WorkspaceMixin, WorkspaceObjectMixin
from heard.feedback.models import Input
from heard.feedback.views.common import PostOnlyMixin
from heard.insights.themes import queries, services
from heard.insights.themes.forms import RenameForm, SplitForm, ThemeChoiceForm
from heard.insights.themes.models import Theme, ThemeRun


def theme_url(view, pk: int) -> str:
    """A theme's page."""
    return reverse("themes:theme_detail", args=[view.workspace.slug, pk])


class ThemeListView(WorkspaceMixin, PaginatedMixin, TemplateView):
    """Every current theme: search, sort by size or name, pages, when grouping last ran."""

    template_name = "themes/theme_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows, q, sort = queries.theme_list(self.workspace, self.request.GET)
        latest = queries.latest_run(self.workspace)
        context.update(
            nav="themes",
            page_obj=self.paginate(rows),
            q=q,
            sort=sort,
            sorts=[("size", _("Size")), ("name", _("Name")), ("recent", _("Newest"))],
            run=latest,
            last_run=latest if latest and latest.finished_at else queries.last_run(self.workspace),
            ungrouped_count=queries.ungrouped_count(self.workspace),
        )
        return context


class ThemeDetailView(WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """One theme: its inputs with their decisions, regions as counts, and curation forms."""

    model = Theme
    template_name = "themes/theme_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        theme = self._object
        context.setdefault("edit_version", version_of(theme))
        context.update(
            nav="themes",
            theme=theme,
            page_obj=self.paginate(queries.theme_inputs(theme)),
            regions=queries.region_counts(theme),
            outcomes=queries.outcome_counts(theme),
            rename_form=kwargs.get("rename_form")
            or RenameForm(initial={"name": theme.name, "description": theme.description}),
            merge_form=kwargs.get("merge_form")
            or ThemeChoiceForm(
                choices=queries.theme_choices(self.workspace, exclude=theme),
                label=_("Merge into"),
            ),
            split_form=kwargs.get("split_form") or SplitForm(),
        )
        return context


class _ThemeActionView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """A curation form posted from the theme page; errors show on that page."""

    model = Theme
    permission = permissions.EDIT
    template_name = "themes/theme_detail.html"

    def invalid(self, form_name: str, form, error: DomainError | None = None):
        if error is not None:
            form.add_error(None, error.message)
        view = ThemeDetailView(request=self.request, args=self.args, kwargs=self.kwargs)
        view._object = self._object
        context = view.get_context_data(**{form_name: form})
        return self.render_to_response(context, status=400)


class ThemeRenameView(ConflictMixin, _ThemeActionView):
    """Name a theme (it becomes curated and survives re-clustering)."""

    def conflict_form(self):
        return RenameForm(self.request.POST)

    def conflict_initial(self, current, form):
        return {"name": current.name, "description": current.description}

    def conflict_response(self, form, conflict, **context):
        view = ThemeDetailView(request=self.request, args=self.args, kwargs=self.kwargs)
        view._object = self._object
        context = view.get_context_data(rename_form=form, **self.conflict_context(form, conflict))
        return self.render_to_response(context, status=409)

    def post(self, request, *args, **kwargs):
        form = RenameForm(request.POST)
        if not form.is_valid():
            return self.invalid("rename_form", form)
        try:
            services.rename_theme(
                workspace=self.workspace,
                actor=request.user,
                theme=self._object,
                version=self.submitted_version(),
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            )
        except DomainError as error:
            return self.invalid("rename_form", form, error)
        messages.success(request, _("Theme renamed."))
        return redirect(theme_url(self, self._object.pk))


class ThemeMergeView(_ThemeActionView):
    """Merge this theme into another chosen one."""

    def post(self, request, *args, **kwargs):
        choices = queries.theme_choices(self.workspace, exclude=self._object)
        form = ThemeChoiceForm(request.POST, choices=choices, label=_("Merge into"))
        if not form.is_valid():
            return self.invalid("merge_form", form)
        target = queries.themes(self.workspace).get(pk=form.cleaned_data["theme"])
        try:
            services.merge_themes(
                workspace=self.workspace, actor=request.user, source=self._object, target=target
            )
        except DomainError as error:
            return self.invalid("merge_form", form, error)
        messages.success(request, _("Themes merged."))
        return redirect(theme_url(self, target.pk))


class ThemeSplitView(_ThemeActionView):
    """Move the ticked inputs into a new theme."""

    def post(self, request, *args, **kwargs):
        form = SplitForm(request.POST)
        if not form.is_valid():
            return self.invalid("split_form", form)
        try:
            new = services.split_theme(
                workspace=self.workspace,
                actor=request.user,
                theme=self._object,
                input_ids=form.input_ids(),
                name=form.cleaned_data["name"],
            )
        except DomainError as error:
            return self.invalid("split_form", form, error)
        messages.success(request, _("New theme created from the chosen inputs."))
        return redirect(theme_url(self, new.pk))


class InputMoveView(WorkspaceObjectMixin, TemplateView):
    """Put one input into another theme (from a theme page or the input's page)."""

    parent_models = {"input_pk": Input}
    permission = permissions.EDIT
    template_name = "themes/input_move.html"

    def next_url(self) -> str:
        wanted = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if url_has_allowed_host_and_scheme(wanted, {self.request.get_host()}):
            return wanted
        return ""

    def form(self, data=None) -> ThemeChoiceForm:
        current = queries.membership_of(self.parents["input_pk"])
        initial = {"theme": current.theme_id} if current else {}
        choices = queries.theme_choices(self.workspace)
        return ThemeChoiceForm(data, initial=initial, choices=choices, label=_("Move to"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        input = self.parents["input_pk"]
        context.update(
            nav="themes",
            input=input,
            membership=queries.membership_of(input),
            form=kwargs.get("form") or self.form(),
            next=self.next_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            theme = queries.themes(self.workspace).get(pk=form.cleaned_data["theme"])
            try:
                services.move_input(
                    workspace=self.workspace,
                    actor=request.user,
                    input=self.parents["input_pk"],
                    theme=theme,
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Input moved to “%(theme)s”.") % {"theme": theme})
                return redirect(self.next_url() or theme_url(self, theme.pk))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ReclusterView(PostOnlyMixin, WorkspaceMixin, TemplateView):
    """Queue a re-clustering for the background worker."""

    permission = permissions.EDIT

    def post(self, request, *args, **kwargs):
        services.request_recluster(workspace=self.workspace, actor=request.user)
        messages.info(
            request,
            _("Grouping started. Curated themes and inputs placed by hand stay as they are."),
        )
        return redirect("themes:theme_list", self.workspace.slug)


class RunProgressView(WorkspaceObjectMixin, TemplateView):
    """A run's progress: the section htmx refreshes on the themes page, or a page of its own."""

    model = ThemeRun
    template_name = "themes/run.html"

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["themes/partials/run_progress.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "nav": "themes", "run": self._object}
