"""Telling stakeholders: the engagement's response page (who has been told), composing and
sending one response per stakeholder, and the "what we heard, what we did" summary."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.concurrency import ConflictMixin
from heard.core.errors import DomainError
from heard.core.views.base import WorkspaceObjectMixin
from heard.engagements.models import Engagement
from heard.feedback import queries, services
from heard.feedback.attribution import needs_summary
from heard.feedback.forms import ResponseForm, SummaryForm
from heard.feedback.models import Response, ResponseChannel
from heard.feedback.services.responses import template_languages
from heard.stakeholders.models import Stakeholder
from heard.stakeholders.vocab import language_label


def responses_url(view, engagement_pk: int) -> str:
    """The engagement's response page."""
    return reverse("feedback:engagement_responses", args=[view.workspace.slug, engagement_pk])


class EngagementResponsesView(WorkspaceObjectMixin, TemplateView):
    """Who gave input at the engagement, whether each has been told, and the summary."""

    parent_models = {"engagement_pk": Engagement}
    permission = permissions.EDIT
    template_name = "feedback/engagement_responses.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        engagement = self.parents["engagement_pk"]
        rows = queries.respondents(engagement)
        people = {
            s.pk: s
            for s in Stakeholder.objects.for_workspace(self.workspace).filter(
                pk__in=[r["stakeholder_id"] for r in rows]
            )
        }
        for row in rows:
            row["stakeholder"] = people.get(row["stakeholder_id"])
            row["name"] = row["stakeholder"].display_name_for(self.membership)
        rows.sort(key=lambda r: (r["open"] == 0, r["name"].casefold()))
        summary_inputs = [i for i in queries.engagement_inputs(engagement) if needs_summary(i)]
        context.update(
            nav="inputs",
            engagement=engagement,
            object=engagement,
            rows=rows,
            counts=queries.engagement_loop_counts(engagement),
            summary=queries.summary_for(engagement),
            summary_count=len(summary_inputs),
            summary_open=sum(1 for i in summary_inputs if i.loop_closed_at is None),
            responses=Response.objects.for_workspace(self.workspace)
            .filter(engagement=engagement)
            .select_related("stakeholder", "recorded_by")
            .order_by("-sent_at")[:100],
        )
        return context


class ResponseComposeView(WorkspaceObjectMixin, TemplateView):
    """One message to one stakeholder covering all their inputs from the engagement, composed
    from the decisions in their language; sent by email or recorded as given in person."""

    parent_models = {"engagement_pk": Engagement, "stakeholder_pk": Stakeholder}
    permission = permissions.EDIT
    template_name = "feedback/response_form.html"

    @property
    def engagement(self) -> Engagement:
        return self.parents["engagement_pk"]

    @property
    def stakeholder(self) -> Stakeholder:
        return self.parents["stakeholder_pk"]

    def draft(self, language=None):
        return services.compose_response(
            workspace=self.workspace,
            stakeholder=self.stakeholder,
            engagement=self.engagement,
            language=language,
        )

    def languages(self):
        return [(code, language_label(code)) for code in template_languages()]

    def get(self, request, *args, **kwargs):
        draft = self.draft(request.GET.get("language"))
        form = ResponseForm(
            initial={
                "channel": ResponseChannel.EMAIL,
                "language": draft.language,
                "subject": draft.subject,
                "body": draft.body,
            },
            languages=self.languages(),
        )
        return self.render_to_response(self.get_context_data(form=form, draft=draft))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            nav="inputs",
            engagement=self.engagement,
            object=self.engagement,
            stakeholder=self.stakeholder,
            stakeholder_name=self.stakeholder.display_name_for(self.membership),
            has_consent=services.has_contact_consent(self.stakeholder),
            has_email=bool(self.stakeholder.email),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ResponseForm(request.POST, languages=self.languages())
        if form.is_valid():
            data = form.cleaned_data
            sent_at = data.get("sent_at")
            if isinstance(sent_at, datetime.datetime) and timezone.is_naive(sent_at):
                sent_at = timezone.make_aware(sent_at)
            try:
                services.send_response(
                    workspace=self.workspace,
                    actor=request.user,
                    stakeholder=self.stakeholder,
                    engagement=self.engagement,
                    channel=data["channel"],
                    subject=data.get("subject", ""),
                    body=data["body"],
                    language=data.get("language", ""),
                    sent_at=sent_at if data["channel"] != ResponseChannel.EMAIL else None,
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                done = (
                    _("Response sent by email.")
                    if data["channel"] == ResponseChannel.EMAIL
                    else _("Response recorded.")
                )
                messages.success(request, done + " " + _("Their loops are closed."))
                return redirect(responses_url(self, self.engagement.pk))
        draft = self.draft(request.POST.get("language"))
        return self.render_to_response(self.get_context_data(form=form, draft=draft), status=400)


class ResponseDetailView(WorkspaceObjectMixin, TemplateView):
    """One response as it was sent or given (core team: it says who said what)."""

    model = Response
    permission = permissions.VIEW_IDENTITY
    template_name = "feedback/response_detail.html"

    def get_queryset(self):
        return (
            Response.objects.for_workspace(self.workspace)
            .select_related("stakeholder", "engagement", "recorded_by")
            .prefetch_related("inputs")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        response = self._object
        context.update(
            nav="inputs",
            object=response,
            response=response,
            stakeholder_name=response.stakeholder.display_name_for(self.membership)
            if response.stakeholder
            else "",
        )
        return context


class SummaryView(ConflictMixin, WorkspaceObjectMixin, TemplateView):
    """Write and publish the engagement's "what we heard, what we did": it closes the loops of
    anonymous and Chatham House inputs that have a decision."""

    parent_models = {"engagement_pk": Engagement}
    permission = permissions.EDIT
    template_name = "feedback/summary_form.html"

    @property
    def engagement(self) -> Engagement:
        return self.parents["engagement_pk"]

    def get(self, request, *args, **kwargs):
        summary = queries.summary_for(self.engagement)
        if summary:
            initial = {"what_we_heard": summary.what_we_heard, "what_we_did": summary.what_we_did}
        else:
            heard, did = queries.draft_summary(self.engagement)
            initial = {"what_we_heard": heard, "what_we_did": did}
        return self.render_to_response(self.get_context_data(form=SummaryForm(initial=initial)))

    def versioned_object(self):
        return queries.summary_for(self.engagement)

    def conflict_form(self):
        return SummaryForm(self.request.POST)

    def conflict_initial(self, current, form):
        return {"what_we_heard": current.what_we_heard, "what_we_did": current.what_we_did}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            nav="inputs",
            engagement=self.engagement,
            object=self.engagement,
            summary=queries.summary_for(self.engagement),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = SummaryForm(request.POST)
        if form.is_valid():
            publish = request.POST.get("action") == "publish"
            try:
                services.save_summary(
                    workspace=self.workspace,
                    actor=request.user,
                    engagement=self.engagement,
                    publish=publish,
                    version=self.submitted_version(),
                    **form.cleaned_data,
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(
                    request,
                    _("Summary published: the loops it covers are closed.")
                    if publish
                    else _("Summary saved as a draft."),
                )
                return redirect(responses_url(self, self.engagement.pk))
        return self.render_to_response(self.get_context_data(form=form), status=400)
