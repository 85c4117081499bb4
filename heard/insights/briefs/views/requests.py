"""Insight request pages: list, filing, detail with the answering workflow, history."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.errors import DomainError
from heard.core.views.audit import HistoryView
from heard.core.views.base import PaginatedMixin, WorkspaceMixin, WorkspaceObjectMixin
from heard.feedback.attribution import source_label
from heard.feedback.models import Input
from heard.feedback.queries import bounded_choices
from heard.impacts.models import Impact, Initiative
from heard.insights.briefs import queries, services
from heard.insights.briefs.forms import DeclineForm, InsightRequestForm, SummaryForm
from heard.insights.briefs.models import InsightRequest, PlanningCycle
from heard.insights.briefs.services.requests import LINKABLE
from heard.insights.themes.models import Theme
from heard.policies.models import Policy


class RequestListView(WorkspaceMixin, PaginatedMixin, TemplateView):
    """Requests the member may see: search, filters, sort, pages."""

    template_name = "briefs/request_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = queries.request_list(self.workspace, self.membership, self.request.GET)
        context.update(
            nav="briefs",
            found=found,
            form=found.form,
            page_obj=self.paginate(found.queryset),
            is_filtered=bool(set(found.values) - {"sort"}),
            sees_all=queries.sees_every_request(self.membership),
            open_cycle=queries.open_cycle(self.workspace),
            today=timezone.localdate(),
        )
        return context


def _link_choices(workspace) -> dict:
    """Choices of the request form: cycles, and a bounded number of initiatives, policies and
    impacts (a select of every impact would weigh more than the page)."""
    return {
        "cycles": queries.cycle_choices(workspace),
        "initiatives": bounded_choices(
            Initiative.objects.for_workspace(workspace).active(), ("name", "pk"), "name"
        ),
        "policies": bounded_choices(
            Policy.objects.for_workspace(workspace).active(), ("title", "pk"), "title"
        ),
        "impacts": bounded_choices(
            Impact.objects.for_workspace(workspace).active(),
            ("-salience", "-severity", "pk"),
            "title",
        ),
    }


class RequestCreateView(WorkspaceMixin, TemplateView):
    """File a request (contributors and up)."""

    permission = permissions.CONTRIBUTE
    template_name = "briefs/request_form.html"

    def get_form(self, data=None) -> InsightRequestForm:
        choices = _link_choices(self.workspace)
        initial = {}
        if cycle := queries.open_cycle(self.workspace):
            initial["cycle"] = cycle.pk
        for name in ("initiative", "policy", "impact"):
            if self.request.GET.get(name, "").isdigit():
                initial[name] = int(self.request.GET[name])
        return InsightRequestForm(data, initial=initial, **choices)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["nav"] = "briefs"
        return context

    def _get(self, model, pk):
        if pk is None:
            return None
        return get_object_or_404(model.objects.for_workspace(self.workspace), pk=pk)

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                found = services.file_request(
                    workspace=self.workspace,
                    actor=request.user,
                    question=data["question"],
                    context=data["context"],
                    team=data["team"],
                    needed_by=data["needed_by"],
                    cycle=self._get(PlanningCycle, data["cycle"]),
                    initiative=self._get(Initiative, data["initiative"]),
                    policy=self._get(Policy, data["policy"]),
                    impact=self._get(Impact, data["impact"]),
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(
                    request, _("Request filed. The engagement team will answer it with a brief.")
                )
                return redirect(found.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class _RequestMixin(WorkspaceObjectMixin):
    """A request of this workspace (another workspace's is a 404 for every method); reading
    it needs `require_visible` too: a request the member may not see is a 404 as well."""

    model = InsightRequest

    def get_queryset(self):
        return queries.insight_requests(self.workspace)

    def require_visible(self) -> None:
        if not queries.may_see(self.membership, self._object):
            raise Http404


class RequestDetailView(_RequestMixin, TemplateView):
    """One request; for the engagement team, the answering workflow."""

    template_name = "briefs/request_detail.html"

    def get(self, request, *args, **kwargs):
        self.require_visible()
        return super().get(request, *args, **kwargs)

    def _pickers(self, request_obj: InsightRequest, themes, inputs) -> dict:
        params = self.request.GET
        theme_q = params.get("theme_q", "").strip()[:200]
        input_q = params.get("input_q", "").strip()[:200]
        found_inputs = queries.input_candidates(self.workspace, input_q, [i.pk for i in inputs])
        for row in found_inputs:
            row.source = source_label(row, self.membership)
        return {
            "theme_q": theme_q,
            "input_q": input_q,
            "theme_candidates": queries.theme_candidates(
                self.workspace, theme_q, [t.pk for t in themes]
            ),
            "input_candidates": found_inputs,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request_obj = self._object
        themes = list(queries.linked_themes(request_obj))
        inputs = list(queries.linked_inputs(request_obj))
        for row in inputs:
            row.source = source_label(row, self.membership)
        context.update(
            nav="briefs",
            object=request_obj,
            insight_request=request_obj,
            themes=themes,
            inputs=inputs,
            today=timezone.localdate(),
        )
        context.setdefault(
            "summary_form", SummaryForm(initial={"summary": request_obj.summary, "notify": True})
        )
        context.setdefault("decline_form", DeclineForm(initial={"notify": True}))
        answering = self.can(permissions.EDIT) and request_obj.status in LINKABLE
        context["answering"] = answering
        if answering:
            context.update(self._pickers(request_obj, themes, inputs))
        return context


class _RequestActionView(RequestDetailView):
    """A POST that changes the request; a GET goes back to the detail page."""

    permission = permissions.EDIT

    def get(self, request, *args, **kwargs):
        return redirect(self._object.get_absolute_url())

    def act(self, request) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            done = self.act(request)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, done)
        return redirect(self.next_url(request))

    def next_url(self, request) -> str:
        return self._object.get_absolute_url()


class RequestStartView(_RequestActionView):
    """Take the request on (submitted → in progress)."""

    def act(self, request) -> str:
        services.start_request(workspace=self.workspace, actor=request.user, request=self._object)
        return _("Marked in progress.")


class RequestCloseView(_RequestActionView):
    """Close an answered request."""

    def act(self, request) -> str:
        services.close_request(workspace=self.workspace, actor=request.user, request=self._object)
        return _("Request closed; its brief stays readable.")


class RequestLinkView(_RequestActionView):
    """Add or remove a theme or an input of the answer."""

    ACTIONS = {
        ("theme", "add"): (Theme, services.link_theme, "theme"),
        ("theme", "remove"): (Theme, services.unlink_theme, "theme"),
        ("input", "add"): (Input, services.link_input, "input"),
        ("input", "remove"): (Input, services.unlink_input, "input"),
    }

    def act(self, request) -> str:
        key = (request.POST.get("kind"), request.POST.get("op"))
        pk = request.POST.get("pk", "")
        if key not in self.ACTIONS or not pk.isdigit():
            raise Http404
        model, service, name = self.ACTIONS[key]
        obj = get_object_or_404(model.objects.for_workspace(self.workspace), pk=int(pk))
        service(workspace=self.workspace, actor=request.user, request=self._object, **{name: obj})
        return _("Added to the answer.") if key[1] == "add" else _("Removed from the answer.")

    def next_url(self, request) -> str:
        # Back to the search the member was in, at the answer section.
        keep = {k: request.POST[k] for k in ("theme_q", "input_q") if request.POST.get(k)}
        url = self._object.get_absolute_url()
        if keep:
            from urllib.parse import urlencode

            url += "?" + urlencode(keep)
        return url + "#answer"


class RequestSummaryView(RequestDetailView):
    """Save the summary as a draft, or answer the request (the requester is emailed)."""

    permission = permissions.EDIT

    def get(self, request, *args, **kwargs):
        return redirect(self._object.get_absolute_url())

    def post(self, request, *args, **kwargs):
        form = SummaryForm(request.POST)
        answering = "answer" in request.POST
        if form.is_valid():
            data = form.cleaned_data
            try:
                if answering:
                    services.answer_request(
                        workspace=self.workspace,
                        actor=request.user,
                        request=self._object,
                        summary=data["summary"],
                        notify=data["notify"],
                    )
                else:
                    services.save_summary(
                        workspace=self.workspace,
                        actor=request.user,
                        request=self._object,
                        summary=data["summary"],
                    )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                if answering:
                    messages.success(request, _("Answered. The requester can read the brief."))
                    return redirect(
                        reverse("briefs:brief", args=[self.workspace.slug, self._object.pk])
                    )
                messages.success(request, _("Summary saved as a draft."))
                return redirect(self._object.get_absolute_url() + "#answer")
        return self.render_to_response(self.get_context_data(summary_form=form), status=400)


class RequestDeclineView(RequestDetailView):
    """Decline the request with a reason (the requester is emailed)."""

    permission = permissions.EDIT

    def get(self, request, *args, **kwargs):
        return redirect(self._object.get_absolute_url())

    def post(self, request, *args, **kwargs):
        form = DeclineForm(request.POST)
        if form.is_valid():
            try:
                services.decline_request(
                    workspace=self.workspace,
                    actor=request.user,
                    request=self._object,
                    reason=form.cleaned_data["reason"],
                    notify=form.cleaned_data["notify"],
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Declined, with its reason."))
                return redirect(self._object.get_absolute_url())
        context = self.get_context_data(decline_form=form, open_form="decline")
        return self.render_to_response(context, status=400)


class RequestHistoryView(_RequestMixin, HistoryView):
    """The request's audit history, for members who may see the request."""

    def get(self, request, *args, **kwargs):
        self.require_visible()
        return super().get(request, *args, **kwargs)
