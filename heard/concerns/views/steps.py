"""The step forms of a concern's page: each POSTs to one service; errors re-render the page
with the form and its message (nothing is written)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from heard.concerns import queries, services
from heard.concerns.forms import (
    AcknowledgeForm,
    AssessForm,
    CloseForm,
    MessageForm,
    NotAdmissibleForm,
    OutcomeForm,
    RemedyForm,
    RemedyUpdateForm,
)
from heard.concerns.models import Remedy
from heard.concerns.views.staff import ConcernDetailView, concern_url, handlers
from heard.core import permissions
from heard.core.errors import DomainError
from heard.core.views.base import WorkspaceObjectMixin
from heard.impacts.models import Initiative


class ConcernStepView(ConcernDetailView):
    """POST one step's form; errors re-render the detail page with the form and its message."""

    permission = permissions.HANDLE_CONCERNS
    form_class: type = AcknowledgeForm
    form_name = "acknowledge_form"
    anchor = "next-step"
    success_message = ""

    def get(self, request, *args, **kwargs):
        return redirect(concern_url(self, self._object.pk, self.anchor))

    def make_form(self, data):
        return self.form_class(data)

    def act(self, data: dict):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                self.act(form.cleaned_data)
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, self.success_message or _("Saved."))
                return redirect(concern_url(self, self._object.pk, self.anchor))
        context = self.get_context_data(**{self.form_name: form})
        return self.render_to_response(context, status=400)

    def base(self) -> dict:
        return {"workspace": self.workspace, "actor": self.request.user, "concern": self._object}


class AcknowledgeView(ConcernStepView):
    """Acknowledge receipt."""

    def make_form(self, data):
        return AcknowledgeForm(data, handlers=handlers(self.workspace))

    def act(self, data):
        handler = None
        if data.get("handler"):
            handler = self.workspace.memberships.filter(user_id=data["handler"]).first()
            handler = handler.user if handler else None
        services.acknowledge(**self.base(), message=data["message"], handler=handler)
        self.success_message = _("Acknowledged.")


class AssessView(ConcernStepView):
    """Start or update the assessment."""

    form_name = "assess_form"

    def make_form(self, data):
        return AssessForm(data, initiatives=queries.initiative_choices(self.workspace))

    def act(self, data):
        initiative = None
        if data.get("initiative"):
            initiative = (
                Initiative.objects.for_workspace(self.workspace)
                .filter(pk=data["initiative"])
                .first()
            )
        services.assess(
            **self.base(),
            notes=data["notes"],
            initiative=initiative,
            right_codes=data["right_codes"],
            message=data["message"],
        )
        self.success_message = _("Assessment saved.")


class OutcomeView(ConcernStepView):
    """Decide the outcome with reasons."""

    form_class = OutcomeForm
    form_name = "outcome_form"

    def act(self, data):
        services.decide_outcome(**self.base(), outcome=data["outcome"], reasons=data["reasons"])
        self.success_message = _("Outcome decided; the person is informed.")


class NotAdmissibleView(ConcernStepView):
    """End the procedure early with reasons."""

    form_class = NotAdmissibleForm
    form_name = "not_admissible_form"

    def act(self, data):
        services.declare_not_admissible(**self.base(), reasons=data["reasons"])
        self.success_message = _("Recorded as not admissible; the person is informed.")


class RemedyAddView(ConcernStepView):
    """Plan a remedy."""

    form_class = RemedyForm
    form_name = "remedy_form"
    anchor = "remedies"

    def act(self, data):
        services.add_remedy(
            **self.base(),
            kind=data["kind"],
            description=data["description"],
            due_on=data["due_on"],
            message=data["message"],
        )
        self.success_message = _("Remedy planned; the person is informed.")


class CloseView(ConcernStepView):
    """Close the concern."""

    form_class = CloseForm
    form_name = "close_form"

    def act(self, data):
        services.close_concern(**self.base(), message=data["message"])
        self.success_message = _("Concern closed; the person is informed.")


class MessageView(ConcernStepView):
    """Send the person a message."""

    form_class = MessageForm
    form_name = "message_form"
    anchor = "timeline"

    def act(self, data):
        services.message_person(**self.base(), message=data["message"])
        self.success_message = _("Message recorded.")


class RemedyUpdateView(WorkspaceObjectMixin, View):
    """Move a remedy along (POST only)."""

    model = Remedy
    permission = permissions.HANDLE_CONCERNS

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, *args, **kwargs):
        remedy = self._object
        form = RemedyUpdateForm(request.POST, prefix=f"r{remedy.pk}")
        if not form.is_valid():
            form = RemedyUpdateForm(request.POST)  # also accept unprefixed fields
        if form.is_valid():
            try:
                services.update_remedy(
                    workspace=self.workspace,
                    actor=request.user,
                    remedy=remedy,
                    status=form.cleaned_data["status"],
                    message=form.cleaned_data["message"],
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Remedy updated."))
        else:
            messages.error(request, _("Status: choose one of the listed statuses."))
        return redirect(concern_url(self, remedy.concern_id, "remedies"))
