"""Advisory council pages: list, detail with members and meetings, forms, archive, export."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.concurrency import ConflictMixin
from heard.core.errors import DomainError
from heard.core.queries import object_history
from heard.core.views.base import PaginatedMixin, WorkspaceMixin, WorkspaceObjectMixin
from heard.councils import exports, queries, services
from heard.councils.forms import CouncilForm, MeetingLinkForm, MemberForm
from heard.councils.models import Council, CouncilMember
from heard.engagements.models import Engagement
from heard.impacts.models import Initiative
from heard.impacts.queries import initiative_choices
from heard.stakeholders.exports import csv_chunks, xlsx_tempfile
from heard.stakeholders.models import Stakeholder
from heard.stakeholders.queries import member_choices, stakeholder_list

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PostOnlyMixin:
    """Views that only change things: GET answers 405 (after the role and tenancy checks)."""

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])


def _council_url(view, pk: int) -> str:
    return reverse("councils:council_detail", args=[view.workspace.slug, pk])


# --- councils


class CouncilListView(WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """Every council: search, initiative filter, sort, pagination, export."""

    model = Council
    template_name = "councils/council_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = queries.council_list(self.workspace, self.request.GET)
        context.update(
            nav="councils",
            found=found,
            form=found.form,
            page_obj=self.paginate(found.queryset),
            is_filtered=bool(set(found.values) - {"sort"}),
            per_page_choices=self.per_page_choices,
        )
        return context


class CouncilCreateView(WorkspaceMixin, TemplateView):
    """Set up a council."""

    permission = permissions.EDIT
    template_name = "councils/council_form.html"
    instance: Council | None = None

    def form(self, data=None, initial=None):
        return CouncilForm(
            data,
            initial=initial,
            initiatives=initiative_choices(self.workspace),
            members=member_choices(self.workspace),
        )

    def get(self, request, *args, **kwargs):
        initial = {"convener": request.user.pk, "reminder_days": 60}
        if self.instance is not None:
            initial = _council_initial(self.instance)
        return self.render_to_response(self.get_context_data(form=self.form(initial=initial)))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(nav="councils", object=self.instance)
        return context

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["initiative"] = (
                Initiative.objects.for_workspace(self.workspace)
                .filter(pk=data["initiative"])
                .first()
                if data["initiative"]
                else None
            )
            data["convener"] = (
                self.workspace.memberships.select_related("user")
                .filter(user_id=data["convener"])
                .first()
                if data["convener"]
                else None
            )
            data["convener"] = data["convener"].user if data["convener"] else None
            try:
                council = self.save(data)
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Saved."))
                return redirect(_council_url(self, council.pk))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def save(self, data: dict) -> Council:
        return services.create_council(workspace=self.workspace, actor=self.request.user, **data)


def _council_initial(c: Council) -> dict:
    return {
        "name": c.name,
        "terms_of_reference": c.terms_of_reference,
        "initiative": c.initiative_id,
        "convener": c.convener_id,
        "reminder_days": c.reminder_days,
    }


class CouncilEditView(ConflictMixin, CouncilCreateView, WorkspaceObjectMixin):
    """Change a council."""

    model = Council

    def conflict_initial(self, current, form):
        return _council_initial(current)

    @property
    def instance(self):
        return self._object

    def save(self, data: dict) -> Council:
        return services.update_council(
            workspace=self.workspace,
            actor=self.request.user,
            council=self._object,
            version=self.submitted_version(),
            **data,
        )


class CouncilDetailView(WorkspaceObjectMixin, TemplateView):
    """One council: terms of reference, current and past members, meetings."""

    model = Council
    template_name = "councils/council_detail.html"

    def get_queryset(self):
        return queries.councils(self.workspace)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        council = self._object
        today = timezone.localdate()
        terms = list(queries.members_of(council))
        current = [m for m in terms if not m.archived_at and m.is_current_on(today)]
        upcoming = [m for m in terms if not m.archived_at and m.term_start > today]
        past = [m for m in terms if m.archived_at or m.term_end < today]
        for m in current:
            m.days_left = (m.term_end - today).days
            m.is_ending_soon = m.days_left <= council.reminder_days
        context.update(
            nav="councils",
            object=council,
            current=current,
            upcoming=upcoming,
            past=past,
            meetings=list(queries.meetings_of(council)[:50]),
            linkable=list(queries.linkable_meetings(council)[:50]) if self.can("edit") else [],
            timeline=object_history(self.workspace, council)[:10],
        )
        return context


class CouncilArchiveView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Archive or restore a council."""

    model = Council
    permission = permissions.ARCHIVE
    restore = False

    def post(self, request, *args, **kwargs):
        action = services.restore if self.restore else services.archive
        action(workspace=self.workspace, actor=request.user, obj=self._object)
        messages.success(request, _("Restored.") if self.restore else _("Archived."))
        return redirect(_council_url(self, self._object.pk))


class CouncilExportView(WorkspaceMixin, View):
    """The council list's current filter, or one council's members (`?council=<id>`), as CSV
    or XLSX."""

    permission = permissions.EXPORT

    def get(self, request, *args, **kwargs):
        from heard.stakeholders import services as registry

        fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        council_id = request.GET.get("council", "")
        if council_id.isdigit():
            council = (
                Council.objects.for_workspace(self.workspace).filter(pk=int(council_id)).first()
            )
            if council is None:
                raise Http404
            what = "council-members"
            rows = exports.rows(
                queries.members_of(council), exports.member_columns(self.membership)
            )
            params = {"council": council.pk}
        else:
            found = queries.council_list(self.workspace, request.GET)
            what = "councils"
            rows = exports.rows(found.queryset, exports.council_columns())
            params = {k: str(v) for k, v in found.values.items()}
        registry.record_export(
            workspace=self.workspace, actor=request.user, what=what, fmt=fmt, params=params
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        filename = f"{self.workspace.slug}-{what}-{stamp}.{fmt}"
        if fmt == "xlsx":
            handle = xlsx_tempfile(rows, title=what)
            return FileResponse(
                handle, as_attachment=True, filename=filename, content_type=XLSX_TYPE
            )
        response = StreamingHttpResponse(csv_chunks(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


# --- members


class MemberCreateView(WorkspaceObjectMixin, TemplateView):
    """Seat a stakeholder for a term: search the registry, pick, set the dates."""

    model = Council
    permission = permissions.EDIT
    template_name = "councils/member_form.html"

    def candidates(self, q: str) -> list[Stakeholder]:
        if not q:
            return []
        found = stakeholder_list(self.workspace, self.membership, {"q": q})
        return list(found.queryset[:20])

    def chosen(self, value) -> Stakeholder | None:
        if not str(value or "").isdigit():
            return None
        return Stakeholder.objects.for_workspace(self.workspace).filter(pk=int(value)).first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        q = self.request.GET.get("q", "").strip()
        context.update(
            nav="councils",
            council=self._object,
            q=q,
            candidates=self.candidates(q),
        )
        return context

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        initial = {
            "term_start": today,
            "term_end": today.replace(year=today.year + 2)
            if not (today.month == 2 and today.day == 29)
            else today.replace(year=today.year + 2, day=28),
            "role": "member",
        }
        chosen = self.chosen(request.GET.get("stakeholder"))
        if chosen:
            initial["stakeholder"] = chosen.pk
        form = MemberForm(initial=initial)
        return self.render_to_response(self.get_context_data(form=form, chosen=chosen))

    def post(self, request, *args, **kwargs):
        council = self._object
        form = MemberForm(request.POST)
        chosen = self.chosen(request.POST.get("stakeholder"))
        if form.is_valid():
            if chosen is None:
                form.add_error(None, _("Choose a stakeholder from the search results."))
            else:
                data = {k: v for k, v in form.cleaned_data.items() if k != "stakeholder"}
                try:
                    services.add_member(
                        workspace=self.workspace,
                        actor=request.user,
                        council=council,
                        stakeholder=chosen,
                        **data,
                    )
                except DomainError as error:
                    form.add_domain_error(error)
                else:
                    messages.success(request, _("Member added."))
                    return redirect(_council_url(self, council.pk) + "#members")
        context = self.get_context_data(form=form, chosen=chosen)
        return self.render_to_response(context, status=400)


class MemberEditView(ConflictMixin, WorkspaceObjectMixin, TemplateView):
    """Change a term's role, dates or notes."""

    model = CouncilMember
    permission = permissions.EDIT
    template_name = "councils/member_form.html"

    def get_queryset(self):
        return super().get_queryset().select_related("stakeholder", "council")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            nav="councils",
            council=self._object.council,
            object=self._object,
            chosen=self._object.stakeholder,
        )
        return context

    def get(self, request, *args, **kwargs):
        form = MemberForm(initial=self.conflict_initial(self._object), with_stakeholder=False)
        return self.render_to_response(self.get_context_data(form=form))

    def conflict_initial(self, current, form=None) -> dict:
        return {
            "role": current.role,
            "term_start": current.term_start,
            "term_end": current.term_end,
            "notes": current.notes,
        }

    def conflict_form(self):
        return MemberForm(self.request.POST, with_stakeholder=False)

    def post(self, request, *args, **kwargs):
        form = MemberForm(request.POST, with_stakeholder=False)
        if form.is_valid():
            try:
                services.update_member(
                    workspace=self.workspace,
                    actor=request.user,
                    member=self._object,
                    version=self.submitted_version(),
                    **form.cleaned_data,
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Changes saved."))
                return redirect(_council_url(self, self._object.council_id) + "#members")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MemberArchiveView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Remove a term from the council (archived, restorable)."""

    model = CouncilMember
    permission = permissions.ARCHIVE
    restore = False

    def post(self, request, *args, **kwargs):
        member = self._object
        try:
            action = services.restore if self.restore else services.archive
            action(workspace=self.workspace, actor=request.user, obj=member)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Restored.") if self.restore else _("Archived."))
        return redirect(_council_url(self, member.council_id) + "#members")


# --- meetings


class MeetingLinkView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Attach an "advisory council meeting" engagement to this council."""

    model = Council
    permission = permissions.EDIT

    def post(self, request, *args, **kwargs):
        council = self._object
        form = MeetingLinkForm(request.POST)
        engagement = None
        if form.is_valid():
            engagement = (
                Engagement.objects.for_workspace(self.workspace)
                .filter(pk=form.cleaned_data["engagement"])
                .first()
            )
        if engagement is None:
            messages.error(request, _("Choose an engagement of this workspace."))
        else:
            try:
                services.link_meeting(
                    workspace=self.workspace,
                    actor=request.user,
                    council=council,
                    engagement=engagement,
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Meeting added to the council."))
        return redirect(_council_url(self, council.pk) + "#meetings")


class MeetingUnlinkView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Detach a meeting (the engagement itself stays)."""

    model = Engagement
    parent_models = {"council_pk": Council}
    permission = permissions.EDIT

    def post(self, request, *args, **kwargs):
        council = self.parents["council_pk"]
        services.unlink_meeting(
            workspace=self.workspace, actor=request.user, council=council, engagement=self._object
        )
        messages.success(request, _("Meeting removed from the council."))
        return redirect(_council_url(self, council.pk) + "#meetings")
