"""GET filter form of the insight request list (invalid values dropped with a note)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.insights.briefs.models import RequestingTeam, RequestStatus
from heard.stakeholders.filters import ANY, FilterForm

REQUEST_SORTS = {
    "filed": ("created_at", "id"),
    "needed": ("needed_by", "id"),
    "status": ("status", "created_at", "id"),
}
DEFAULT_SORT = "-filed"


def _sort_choices(sorts: dict) -> list[tuple[str, str]]:
    return [("", "")] + [(k, k) for k in sorts] + [(f"-{k}", f"-{k}") for k in sorts]


class InsightRequestFilterForm(FilterForm):
    """Search, status, team, cycle, mine, sort."""

    q = forms.CharField(label=_("Search"), max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=ANY + RequestStatus.choices)
    team = forms.ChoiceField(label=_("Team"), choices=ANY + RequestingTeam.choices)
    cycle = forms.TypedChoiceField(label=_("Planning cycle"), coerce=int)
    mine = forms.BooleanField(label=_("My requests only"))
    sort = forms.ChoiceField(label=_("Sort"), choices=_sort_choices(REQUEST_SORTS))

    def __init__(self, data=None, *, cycles=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["cycle"].choices = ANY + [("none", _("No cycle"))] + list(cycles)
        self.fields["cycle"].coerce = lambda v: v if v == "none" else int(v)
