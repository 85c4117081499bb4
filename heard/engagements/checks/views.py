"""Pages of the checks: the coverage matrix (workspace and initiative), inclusivity over a
period, fatigue across the workspace, and one engagement's checks on their own."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from heard.core.views.base import PaginatedMixin, WorkspaceMixin, WorkspaceObjectMixin
from heard.engagements.checks import cached_report, coverage, fatigue, inclusivity
from heard.engagements.models import Engagement
from heard.engagements.queries import engagement_detail, initiative_choices
from heard.impacts.models import Initiative
from heard.stakeholders.filters import FilterForm
from heard.stakeholders.models import Stakeholder


class CoverageView(WorkspaceObjectMixin, TemplateView):
    """HRDD step × lifecycle stage, and salient impacts × affected voices — for the whole
    workspace, or one initiative (`?initiative=` or the initiative URL)."""

    model = Initiative
    template_name = "engagements/checks/coverage.html"

    def initiative(self):
        if "pk" in self.kwargs:
            return self._object
        value = self.request.GET.get("initiative", "")
        if value.isdigit():
            return Initiative.objects.for_workspace(self.workspace).filter(pk=int(value)).first()
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        initiative = self.initiative()
        found = cached_report(
            self.workspace,
            "coverage",
            (initiative.pk if initiative else "", initiative.stage if initiative else ""),
            lambda: (
                coverage.coverage_matrix(self.workspace, initiative),
                coverage.impact_coverage(self.workspace, initiative),
            ),
            fresh=self.request.GET.get("fresh") == "1",
        )
        matrix, impacts = found.value
        context.update(
            nav="checks",
            initiative=initiative,
            initiatives=initiative_choices(self.workspace),
            matrix=matrix,
            impacts=impacts,
            impact_gaps=sum(1 for i in impacts if i.is_gap),
            computed_at=found.computed_at,
        )
        return context


class PeriodForm(FilterForm):
    """A date range; invalid dates are ignored (with a note) and the defaults used."""

    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))


class InclusivityView(WorkspaceMixin, PaginatedMixin, TemplateView):
    """Inclusivity over the engagements of a period (default: the last 12 months)."""

    template_name = "engagements/checks/inclusivity.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PeriodForm(self.request.GET)
        values = form.values()
        today = timezone.localdate()
        end = values.get("end") or today
        start = values.get("start") or end - datetime.timedelta(days=365)
        notes = form.notes()
        if start > end:
            notes.append(_("The start was after the end; they were swapped."))
            start, end = end, start
        found = cached_report(
            self.workspace,
            "inclusivity",
            (start, end),
            lambda: inclusivity.workspace_inclusivity(self.workspace, start, end),
            fresh=self.request.GET.get("fresh") == "1",
        )
        period = found.value
        page = self.paginate(
            inclusivity.period_engagements(self.workspace, start, end),
            count=period.engagement_count,
        )
        inclusivity.engagement_rows(page.object_list)
        context.update(
            nav="checks",
            form=form,
            notes=notes,
            period=period,
            inc=period.report,
            computed_at=found.computed_at,
            page_obj=page,
        )
        return context


class FatigueView(WorkspaceMixin, PaginatedMixin, TemplateView):
    """Everyone at or over the fatigue threshold around today, busiest first, and the
    organisations whose people are engaged most."""

    template_name = "engagements/checks/fatigue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)

        def compute():
            start, end, rows = fatigue.fatigued_stakeholders(self.workspace)
            return start, end, list(rows), list(fatigue.fatigued_organisations(self.workspace)[:20])

        found = cached_report(
            self.workspace,
            "fatigue",
            (self.workspace.fatigue_window_days, self.workspace.fatigue_threshold),
            compute,
            fresh=self.request.GET.get("fresh") == "1",
        )
        start, end, rows, organisations = found.value
        page = self.paginate(rows)
        people = (
            Stakeholder.objects.for_workspace(self.workspace)
            .select_related("organisation")
            .only(*fatigue.PERSON_FIELDS)
            .in_bulk([r["stakeholder_id"] for r in page])
        )
        entries = [
            {"stakeholder": people[r["stakeholder_id"]], "count": r["n"]}
            for r in page
            if r["stakeholder_id"] in people
        ]
        context.update(
            nav="checks",
            start=start,
            end=end,
            page_obj=page,
            entries=entries,
            organisations=organisations,
            computed_at=found.computed_at,
        )
        return context


class EngagementChecksView(WorkspaceObjectMixin, TemplateView):
    """One engagement's checks on a page of their own (and the partial, for htmx)."""

    model = Engagement
    template_name = "engagements/checks/engagement_checks.html"

    def get_queryset(self):
        return engagement_detail(self.workspace)

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["engagements/partials/checks.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(nav="engagements", engagement=self._object, object=self._object)
        return context
