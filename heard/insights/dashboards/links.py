"""Where each dashboard figure leads: the existing list pages, filtered to the records behind it.

The parameter names are those of the lists' filter forms (heard.feedback.filters,
heard.engagements.filters, heard.stakeholders.filters); tests follow each link and count rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from heard.insights.dashboards.metrics import Period


@dataclass(frozen=True)
class Links:
    """URL builder for one dashboard: a workspace, a period and optionally an initiative."""

    slug: str
    period: Period
    initiative_id: int | None = None

    def _url(self, name: str, params: dict, *args) -> str:
        base = reverse(name, args=[self.slug, *args])
        query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
        return f"{base}?{query}" if query else base

    def inputs(self, **filters) -> str:
        """The input list: inputs received in the period (of the initiative's engagements),
        narrowed by `filters` (outcome, loop, engagement, impact, team, right, …)."""
        params = {
            "received_from": self.period.start.isoformat(),
            "received_until": self.period.end.isoformat(),
            "from_initiative": self.initiative_id,
            **filters,
        }
        return self._url("feedback:input_list", params)

    def engagements(self, **filters) -> str:
        """The engagement list: engagements starting in the period (of the initiative)."""
        params = {
            "starts_from": self.period.start.isoformat(),
            "starts_until": self.period.end.isoformat(),
            "initiative": self.initiative_id,
            **filters,
        }
        return self._url("engagements:engagement_list", params)

    def stakeholders(self, **filters) -> str:
        """The stakeholder registry: people last engaged on or after the period's start."""
        params = {"engaged_since": self.period.start.isoformat(), **filters}
        return self._url("stakeholders:stakeholder_list", params)

    def inclusivity(self) -> str:
        """The inclusivity check over the period, engagement by engagement."""
        params = {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()}
        return self._url("checks:inclusivity", params)

    def fatigue(self) -> str:
        return self._url("checks:fatigue", {})

    def engagement(self, pk: int) -> str:
        return reverse("engagements:engagement_detail", args=[self.slug, pk])

    def theme(self, pk: int) -> str:
        """A theme's page (the themes app lists its inputs); the input list if it has none."""
        try:
            return reverse("themes:theme_detail", args=[self.slug, pk])
        except NoReverseMatch:
            return self.inputs()

    def dashboard(self, period: Period) -> str:
        """This dashboard for another period (the comparison's link to the previous one)."""
        params = {"from": period.start.isoformat(), "to": period.end.isoformat()}
        if self.initiative_id:
            return self._url("dashboards:initiative", params, self.initiative_id)
        return self._url("dashboards:workspace", params)
