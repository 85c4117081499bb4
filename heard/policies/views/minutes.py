"""Minutes pages: record, redact (flagged names highlighted), approve, publish."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.concurrency import ConflictMixin
from heard.core.errors import DomainError
from heard.core.queries import object_history
from heard.core.views.base import WorkspaceObjectMixin
from heard.policies import queries, redaction, services
from heard.policies.forms import MinutesForm, RedactForm
from heard.policies.models import ForumMinutes, MinutesStatus, PolicyForum
from heard.policies.views.common import PostOnlyMixin, url


class MinutesRecordView(WorkspaceObjectMixin, TemplateView):
    """Write or correct the minutes of a forum's internal meeting."""

    model = PolicyForum
    permission = permissions.EDIT
    template_name = "policies/minutes_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(nav="forums", forum=self._object, minutes=queries.minutes_of(self._object))
        return context

    def get(self, request, *args, **kwargs):
        minutes = queries.minutes_of(self._object)
        form = MinutesForm(initial={"recorded_text": minutes.recorded_text if minutes else ""})
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = MinutesForm(request.POST)
        if form.is_valid():
            try:
                minutes = services.record_minutes(
                    workspace=self.workspace,
                    actor=request.user,
                    forum=self._object,
                    text=form.cleaned_data["recorded_text"],
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Minutes saved. Next: redact them."))
                return redirect(url(self, "minutes_redact", minutes.pk))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MinutesDetailView(WorkspaceObjectMixin, TemplateView):
    """The minutes: as recorded (core team only) and redacted, with their approval trail."""

    model = ForumMinutes
    template_name = "policies/minutes_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "forum",
                "forum__policy",
                "recorded_by",
                "redacted_by",
                "approved_by",
                "published_by",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        minutes = self._object
        can_see = self.can(permissions.VIEW_IDENTITY)
        terms = services.participant_terms(minutes.forum) if can_see else []
        context.update(
            nav="forums",
            object=minutes,
            forum=minutes.forum,
            statuses=MinutesStatus,
            flags=redaction.flags(minutes.recorded_text, terms) if can_see else [],
            # A participant added after redaction may be named in the text: say so.
            still_named=redaction.remaining(minutes.redacted_text, terms)
            if minutes.redacted_text
            else [],
            timeline=object_history(self.workspace, minutes)[:10],
        )
        return context


class MinutesRedactView(ConflictMixin, WorkspaceObjectMixin, TemplateView):
    """Redact attribution: names found in the minutes are highlighted; the proposed redacted
    text can be edited; whatever is saved is checked to name no participant."""

    model = ForumMinutes
    permission = permissions.EDIT
    template_name = "policies/minutes_redact.html"

    def get_queryset(self):
        return super().get_queryset().select_related("forum", "forum__policy")

    def terms(self):
        if not hasattr(self, "_terms"):
            self._terms = services.participant_terms(self._object.forum)
        return self._terms

    def form(self, data=None, initial=None):
        recorded = self._object.recorded_text
        parts = [
            t.text
            for t, _n in redaction.flags(recorded, self.terms())
            if t.kind == redaction.NAME_PART
        ]
        return RedactForm(data, initial=initial, name_parts=parts)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        minutes = self._object
        context.update(
            nav="forums",
            object=minutes,
            forum=minutes.forum,
            flags=redaction.flags(minutes.recorded_text, self.terms()),
            pieces=redaction.highlight(minutes.recorded_text, self.terms()),
        )
        return context

    def get(self, request, *args, **kwargs):
        minutes = self._object
        if minutes.is_published:
            messages.error(request, _("These minutes are published and can no longer change."))
            return redirect(url(self, "minutes_detail", minutes.pk))
        form = self.form()
        parts = [value for value, _label in form.fields["name_parts"].choices]
        proposed = minutes.redacted_text or redaction.redact(
            minutes.recorded_text,
            [t for t in self.terms() if t.is_mandatory or t.text in parts],
        )
        form.initial = {"redacted_text": proposed, "name_parts": parts}
        return self.render_to_response(self.get_context_data(form=form))

    def conflict_initial(self, current, form):
        return {"redacted_text": current.redacted_text}

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.redact_minutes(
                    workspace=self.workspace,
                    actor=request.user,
                    minutes=self._object,
                    version=self.submitted_version(),
                    text=form.cleaned_data["redacted_text"],
                    extra_terms=form.cleaned_data["extra_terms"],
                    kept_name_parts=[
                        value
                        for value, _label in form.fields["name_parts"].choices
                        if value not in form.cleaned_data["name_parts"]
                    ],
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Redacted. Next: someone else approves them."))
                return redirect(url(self, "minutes_detail", self._object.pk))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MinutesWithdrawView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Take published minutes off the transparency centre, with a reason."""

    model = ForumMinutes
    permission = permissions.EDIT

    def post(self, request, *args, **kwargs):
        try:
            services.withdraw_minutes(
                workspace=self.workspace,
                actor=request.user,
                minutes=self._object,
                reason=request.POST.get("reason", ""),
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Withdrawn. Redact, approve and publish them again."))
        return redirect(url(self, "minutes_detail", self._object.pk))


class MinutesActionView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Approve (`action = "approve"`) or publish (`action = "publish"`) the minutes."""

    model = ForumMinutes
    permission = permissions.EDIT
    action = "approve"

    def post(self, request, *args, **kwargs):
        service = services.approve_minutes if self.action == "approve" else services.publish_minutes
        try:
            service(workspace=self.workspace, actor=request.user, minutes=self._object)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Approved. They can now be published.")
                if self.action == "approve"
                else _("Published to the transparency centre."),
            )
        return redirect(url(self, "minutes_detail", self._object.pk))
