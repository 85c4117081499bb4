"""Participant pages: invite from filtered registry lists, edit one participation, remove,
and send invitations (with who cannot be emailed, and why)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.concurrency import ConflictMixin
from heard.core.errors import DomainError
from heard.core.views.base import PaginatedMixin, WorkspaceObjectMixin
from heard.engagements import queries
from heard.engagements.forms import ParticipationForm, participation_initial
from heard.engagements.models import Engagement, Participation, ParticipationRole
from heard.engagements.services import invitations
from heard.engagements.services import participation as services
from heard.engagements.views.common import PostOnlyMixin, detail_url
from heard.stakeholders import queries as registry
from heard.stakeholders.views.stakeholders import FILTER_LAYOUT

# "Add every match" is for lists, not the whole registry: beyond this, narrow the filter.
MAX_ADD_ALL = 500


class ParticipantAddView(WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """The registry's filters and results, with "add ticked" and "add all N matching"."""

    model = Engagement
    permission = permissions.EDIT
    template_name = "engagements/participant_add.html"

    def found(self, params):
        return registry.stakeholder_list(self.workspace, self.membership, params)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        engagement = self._object
        found = self.found(self.request.GET)
        page = self.paginate(found.queryset)
        invited = set(
            queries.participations_of(engagement)
            .filter(stakeholder_id__in=[s.pk for s in page])
            .values_list("stakeholder_id", flat=True)
        )
        for stakeholder in page:
            stakeholder.is_invited = stakeholder.pk in invited
        context.update(
            nav="engagements",
            engagement=engagement,
            found=found,
            form=found.form,
            page_obj=page,
            filter_rows=[[found.form[name] for name in row] for row in FILTER_LAYOUT[1:]],
            is_filtered=bool(set(found.values) - {"sort"}),
            per_page_choices=self.per_page_choices,
            roles=ParticipationRole.choices,
            max_add_all=MAX_ADD_ALL,
            sessions=[s for s in queries.sessions_of(engagement) if not s.is_cancelled],
        )
        return context

    def chosen(self, request):
        if request.POST.get("scope") == "all":
            params = request.POST.copy()
            for key in ("csrfmiddlewaretoken", "scope", "role", "ids", "session"):
                params.pop(key, None)
            queryset = self.found(params).queryset
            if queryset.count() > MAX_ADD_ALL:
                raise DomainError(
                    _("More than %(n)d stakeholders match: narrow the filters first.")
                    % {"n": MAX_ADD_ALL}
                )
            return list(queryset)
        ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
        if not ids:
            raise DomainError(_("Tick the stakeholders to add."))
        return list(registry.stakeholders(self.workspace).filter(pk__in=ids))

    def post(self, request, *args, **kwargs):
        engagement = self._object
        session = None
        if (session_id := request.POST.get("session", "")).isdigit():
            session = queries.sessions_of(engagement).filter(pk=int(session_id)).first()
        try:
            result = services.add_participants(
                workspace=self.workspace,
                actor=request.user,
                engagement=engagement,
                stakeholders=self.chosen(request),
                role=request.POST.get("role") or ParticipationRole.PARTICIPANT,
                session=session,
            )
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(request.get_full_path())
        added = len(result.added) + len(result.restored)
        messages.success(
            request,
            ngettext(
                "%(n)d stakeholder added to the invitee list.",
                "%(n)d stakeholders added to the invitee list.",
                added,
            )
            % {"n": added},
        )
        if result.already:
            messages.info(
                request,
                ngettext(
                    "%(n)d was already on the list.",
                    "%(n)d were already on the list.",
                    len(result.already),
                )
                % {"n": len(result.already)},
            )
        return redirect(detail_url(self, engagement.pk, "participants"))


class ParticipationEditView(ConflictMixin, WorkspaceObjectMixin, TemplateView):
    """One participant: role, representation and its basis, reply, attendance, needs, pay."""

    model = Participation
    permission = permissions.EDIT
    template_name = "engagements/participation_form.html"

    def get_queryset(self):
        return queries.participations_of_workspace(self.workspace)

    def form(self, data=None):
        participation = self._object
        sessions = [
            (s.pk, str(s.label or s.local_starts_at.strftime("%Y-%m-%d %H:%M %Z")))
            for s in queries.sessions_of(participation.engagement)
        ]
        initial = participation_initial(participation)
        return ParticipationForm(data, initial=initial, sessions=sessions)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        participation = self._object
        context.update(
            nav="engagements",
            participation=participation,
            engagement=participation.engagement,
            display_name=participation.stakeholder.display_name_for(self.membership),
        )
        context.setdefault("form", self.form())
        return context

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            session_id = data.pop("session")
            data["session"] = (
                queries.sessions_of(self._object.engagement).filter(pk=session_id).first()
                if session_id
                else None
            )
            try:
                services.update_participation(
                    workspace=self.workspace,
                    actor=request.user,
                    participation=self._object,
                    version=self.submitted_version(),
                    **data,
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Changes saved."))
                return redirect(detail_url(self, self._object.engagement_id, "participants"))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ParticipationRemoveView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Take someone off the invitee list (kept in the history)."""

    model = Participation
    permission = permissions.EDIT

    def post(self, request, *args, **kwargs):
        participation = self._object
        try:
            services.remove_participant(
                workspace=self.workspace, actor=request.user, participation=participation
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Removed from the invitee list."))
        return redirect(detail_url(self, participation.engagement_id, "participants"))


class InvitationsView(WorkspaceObjectMixin, TemplateView):
    """Preview who will be emailed and who cannot be (and why); then send."""

    model = Engagement
    permission = permissions.EDIT
    template_name = "engagements/invitations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        engagement = self._object
        preview = invitations.invitation_preview(engagement)
        for participation in preview.sent:
            participation.display_name = participation.stakeholder.display_name_for(self.membership)
            participation.language = invitations.email_language(participation, self.workspace)
        for participation, _reason in preview.skipped:
            participation.display_name = participation.stakeholder.display_name_for(self.membership)
        context.update(
            nav="engagements",
            engagement=engagement,
            preview=preview,
            sessions=[s for s in queries.sessions_of(engagement) if not s.is_cancelled],
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            result = invitations.send_invitations(
                workspace=self.workspace, actor=request.user, engagement=self._object
            )
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(
            request,
            ngettext("%(n)d invitation sent.", "%(n)d invitations sent.", len(result.sent))
            % {"n": len(result.sent)},
        )
        if result.skipped:
            messages.warning(
                request,
                ngettext(
                    "%(n)d invitee cannot be emailed; see why on the invitations page.",
                    "%(n)d invitees cannot be emailed; see why on the invitations page.",
                    len(result.skipped),
                )
                % {"n": len(result.skipped)},
            )
        return redirect(detail_url(self, self._object.pk, "participants"))
