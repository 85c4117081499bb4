"""Dashboard pages: the workspace's and one initiative's, for a chosen period."""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone, translation
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.views.base import WorkspaceMixin, WorkspaceObjectMixin
from heard.impacts.models import Initiative
from heard.insights.dashboards import metrics, page, snapshots
from heard.insights.dashboards.forms import PRESETS, PeriodForm
from heard.insights.dashboards.links import Links

# Rendered charts are kept as long as the snapshot they draw: rendering them is most of a
# page's time once the figures are kept.
CHARTS_TTL_SECONDS = 900


def rendered_charts(kept: snapshots.Kept, links: Links) -> dict:
    """The dashboard's charts with their SVG rendered, from the cache when this snapshot's were
    rendered already in this language."""
    key = ":".join(
        [
            "heard-dashboard-charts",
            str(kept.snapshot_id),
            kept.computed_at.isoformat(),
            translation.get_language() or "",
        ]
    )
    charts = cache.get(key)
    if charts is None:
        charts = page.charts(kept.board, links)
        for chart in charts.values():
            chart.svg  # noqa: B018 - rendered here, then kept with the others
        cache.set(key, charts, CHARTS_TTL_SECONDS)
    return charts


class DashboardMixin:
    """Parse the period, compute (or reuse) the figures, and build the charts."""

    permission = permissions.VIEW

    def initiative(self) -> Initiative | None:
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PeriodForm(self.request.GET)
        today = timezone.localdate()
        period, preset, notes = form.chosen(today)
        initiative = self.initiative()
        links = Links(self.workspace.slug, period, initiative.pk if initiative else None)

        kept = snapshots.current(
            self.workspace,
            period,
            initiative,
            today=today,
            fresh=self.request.GET.get("fresh") == "1",
        )
        if kept is None:  # being computed by the worker
            context.update(
                nav="dashboard",
                form=form,
                presets=[(value, label) for value, label, _days in PRESETS],
                preset=preset,
                notes=notes,
                period=period,
                initiative=initiative,
                is_pending=True,
            )
            return context
        board = kept.board
        context.update(
            nav="dashboard",
            form=form,
            presets=[(value, label) for value, label, _days in PRESETS],
            preset=preset,
            notes=notes,
            board=board,
            period=period,
            links=links,
            previous_url=links.dashboard(board.previous),
            comparisons=page.comparisons(board, links),
            charts=rendered_charts(kept, links),
            fatigued=metrics.fatigued_people(self.workspace, board.fatigue),
            computed_at=kept.computed_at,
            is_refreshing=kept.is_refreshing,
            initiative=initiative,
        )
        return context


class WorkspaceDashboardView(DashboardMixin, WorkspaceMixin, TemplateView):
    """The workspace's dashboard."""

    template_name = "dashboards/dashboard.html"


class InitiativeDashboardView(DashboardMixin, WorkspaceObjectMixin, TemplateView):
    """One initiative's dashboard: the figures of its engagements and their inputs."""

    model = Initiative
    template_name = "dashboards/dashboard.html"

    def initiative(self) -> Initiative:
        return self._object
