"""Input pages: list with filters and export, record and edit, detail with the decision,
conflicts, merging and archiving."""

from __future__ import annotations

from django.contrib import messages
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
from heard.feedback import exports, queries, services
from heard.feedback.attribution import attribution_visible, is_core_team
from heard.feedback.forms import ConflictForm, DecisionForm, InputForm, MergeForm
from heard.feedback.models import Input, InputConflict
from heard.feedback.views.common import PostOnlyMixin, input_url, workspace_input
from heard.stakeholders import exports as registry_exports
from heard.stakeholders.models import Stakeholder
from heard.stakeholders.services import record_export

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILTER_LAYOUT = (
    ("kind", "outcome", "loop"),
    ("engagement", "source", "language"),
    ("impact", "initiative", "topic"),
    ("received_from", "received_until", "team"),
    ("right", "global_majority", "from_initiative"),
    ("show",),
)


# Beyond this many matches the list says "more than 10,000" and pages stop there: narrow
# with the filters. Counting a million inputs exactly took 260 ms on every page.
COUNT_CAP = 10_000


class InputListView(WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """Every input: search, filters, sort, pages, export."""

    model = Input
    template_name = "feedback/input_list.html"

    def get_template_names(self):
        if self.request.headers.get("HX-Request") and self.request.headers.get("HX-Target") == (
            "results"
        ):
            return ["feedback/partials/input_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = queries.input_list(self.workspace, self.membership, self.request.GET)
        count, capped = self.capped_count(found.queryset, COUNT_CAP)
        stakeholder = None
        if "stakeholder" in found.values:
            stakeholder = (
                Stakeholder.objects.for_workspace(self.workspace)
                .filter(pk=found.values["stakeholder"])
                .first()
            )
        context.update(
            nav="inputs",
            found=found,
            form=found.form,
            page_obj=self.paginate(found.queryset, count=count),
            count_capped=capped,
            filter_rows=[[found.form[name] for name in row] for row in FILTER_LAYOUT],
            is_filtered=bool(set(found.values) - {"sort"}),
            per_page_choices=self.per_page_choices,
            stakeholder=stakeholder,
            today=timezone.localdate(),
        )
        return context


class InputExportView(WorkspaceMixin, View):
    """The list's current filter as CSV (streamed) or XLSX, attribution as on the page."""

    permission = permissions.EXPORT

    def get(self, request, *args, **kwargs):
        fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        params = request.GET.copy()
        params.pop("page", None)
        found = queries.input_list(self.workspace, self.membership, params)
        rows = registry_exports.rows(found.queryset, exports.input_columns(self.membership))
        record_export(
            workspace=self.workspace,
            actor=request.user,
            what="inputs",
            fmt=fmt,
            params={k: str(v) for k, v in found.values.items()},
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        filename = f"{self.workspace.slug}-inputs-{stamp}.{fmt}"
        if fmt == "xlsx":
            handle = registry_exports.xlsx_tempfile(rows, title="inputs")
            return FileResponse(
                handle, as_attachment=True, filename=filename, content_type=XLSX_TYPE
            )
        response = StreamingHttpResponse(
            registry_exports.csv_chunks(rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


# --- record and edit


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class InputCreateView(WorkspaceMixin, TemplateView):
    """Record one input with every field (the entry page is quicker for many)."""

    permission = permissions.CONTRIBUTE
    template_name = "feedback/input_form.html"

    def current(self) -> Input | None:
        return None

    def choices(self, data) -> dict:
        return queries.input_form_choices(self.workspace, self.membership, data, self.current())

    def form(self, data=None, initial=None):
        source = data if data is not None else (initial or {})
        return InputForm(data, initial=initial, choices=self.choices(source))

    def get(self, request, *args, **kwargs):
        initial = {"kind": "concern", "source": "session"}
        for name in ("engagement", "stakeholder"):
            if value := _int(request.GET.get(name)):
                initial[name] = value
        return self.render_to_response(self.get_context_data(form=self.form(initial=initial)))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["nav"] = "inputs"
        context["object"] = self.current()
        return context

    def rows(self, data: dict) -> dict:
        """Cleaned form data as service arguments (ids turned into workspace rows)."""
        return queries.input_service_fields(self.workspace, data)

    def save(self, data: dict) -> Input:
        return services.record_input(
            workspace=self.workspace, actor=self.request.user, **self.rows(data)
        )

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                row = self.save(form.cleaned_data)
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Input saved."))
                return redirect(input_url(self, row.pk))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class InputEditView(ConflictMixin, WorkspaceObjectMixin, InputCreateView):
    """Change an input's text, kind, source or links (editors)."""

    model = Input
    permission = permissions.EDIT

    def current(self) -> Input:
        return self._object

    def get(self, request, *args, **kwargs):
        initial = queries.input_initial(self._object)
        return self.render_to_response(self.get_context_data(form=self.form(initial=initial)))

    def save(self, data: dict) -> Input:
        return services.update_input(
            workspace=self.workspace,
            actor=self.request.user,
            input=self._object,
            version=self.submitted_version(),
            **self.rows(data),
        )

    def conflict_initial(self, current, form):
        return queries.input_initial(current)


# --- detail and decision


class InputDetailView(WorkspaceObjectMixin, TemplateView):
    """One input: who gave it (if the viewer may know), its decision and every earlier
    version, conflicting inputs side by side, responses, commitments."""

    model = Input
    template_name = "feedback/input_detail.html"

    def get_queryset(self):
        return queries.input_detail(self.workspace)

    def decision_form(self):
        current = next((d for d in self._object.decisions.all() if d.is_current), None)
        initial = {}
        if current:
            initial = {
                "outcome": current.outcome,
                "rationale": current.rationale,
                "risk_management": current.risk_management,
                "referred_to_team": current.referred_to_team,
            }
        return DecisionForm(initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        row = self._object
        decisions = list(row.decisions.all())
        context.setdefault("decision_form", self.decision_form())
        context.setdefault("conflict_form", ConflictForm())
        context.setdefault("merge_form", MergeForm())
        context.update(
            nav="inputs",
            object=row,
            input=row,
            decisions=decisions,
            current_decision=next((d for d in decisions if d.is_current), None),
            conflicts=queries.conflicts_of(row),
            show_source=attribution_visible(row, self.membership),
            is_core_team=is_core_team(self.membership),
            today=timezone.localdate(),
        )
        return context


class DecisionView(InputDetailView):
    """Decide on the input, or revise the decision (editors and above)."""

    permission = permissions.EDIT

    def get(self, request, *args, **kwargs):
        return redirect(input_url(self, self._object.pk, "decision"))

    def post(self, request, *args, **kwargs):
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                decision = services.decide_input(
                    workspace=self.workspace,
                    actor=request.user,
                    input=self._object,
                    **form.cleaned_data,
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(
                    request,
                    _("Decision saved (version %(v)d).") % {"v": decision.version},
                )
                return redirect(input_url(self, self._object.pk, "decision"))
        return self.render_to_response(self.get_context_data(decision_form=form), status=400)


class ConflictLinkView(InputDetailView):
    """Link the input to another that conflicts with it."""

    permission = permissions.EDIT

    def get(self, request, *args, **kwargs):
        return redirect(input_url(self, self._object.pk, "conflicts"))

    def post(self, request, *args, **kwargs):
        form = ConflictForm(request.POST)
        if form.is_valid():
            other = workspace_input(self, form.cleaned_data["other"])
            if other is None:
                form.add_error("other", _("There is no input with that number."))
            else:
                try:
                    services.link_conflict(
                        workspace=self.workspace,
                        actor=request.user,
                        input=self._object,
                        other=other,
                        note=form.cleaned_data["note"],
                    )
                except DomainError as error:
                    form.add_domain_error(error)
                else:
                    messages.success(request, _("Linked as conflicting."))
                    return redirect(input_url(self, self._object.pk, "conflicts"))
        return self.render_to_response(self.get_context_data(conflict_form=form), status=400)


class ConflictRemoveView(PostOnlyMixin, WorkspaceObjectMixin, View):
    """Remove a conflict link made by mistake."""

    model = InputConflict
    permission = permissions.EDIT

    def post(self, request, *args, **kwargs):
        conflict = self._object
        back = request.POST.get("input")
        target = conflict.second_id if str(conflict.second_id) == back else conflict.first_id
        services.unlink_conflict(workspace=self.workspace, actor=request.user, conflict=conflict)
        messages.success(request, _("The conflict link was removed."))
        return redirect(input_url(self, target, "conflicts"))


class InputMergeView(InputDetailView):
    """Merge this input into the one it duplicates (the trace stays)."""

    permission = permissions.ARCHIVE

    def get(self, request, *args, **kwargs):
        return redirect(input_url(self, self._object.pk, "merge"))

    def post(self, request, *args, **kwargs):
        form = MergeForm(request.POST)
        if form.is_valid():
            keep = workspace_input(self, form.cleaned_data["keep"])
            if keep is None:
                form.add_error("keep", _("There is no input with that number."))
            else:
                try:
                    services.merge_inputs(
                        workspace=self.workspace,
                        actor=request.user,
                        keep=keep,
                        duplicate=self._object,
                    )
                except DomainError as error:
                    form.add_domain_error(error)
                else:
                    messages.success(
                        request,
                        _("Merged into input #%(n)d; this one stays as a trace.") % {"n": keep.pk},
                    )
                    return redirect(input_url(self, keep.pk))
        return self.render_to_response(self.get_context_data(merge_form=form), status=400)


class InputArchiveView(PostOnlyMixin, WorkspaceObjectMixin, View):
    """Archive or restore an input (never deleted)."""

    model = Input
    permission = permissions.ARCHIVE
    restore = False

    def post(self, request, *args, **kwargs):
        action = services.restore_input if self.restore else services.archive_input
        try:
            action(workspace=self.workspace, actor=request.user, input=self._object)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Restored.") if self.restore else _("Archived."))
        return redirect(input_url(self, self._object.pk))
