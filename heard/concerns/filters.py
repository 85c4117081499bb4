"""The GET filter form of the staff concern list (invalid values dropped with a note)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.concerns.models import ConcernChannel, ConcernOutcome, ConcernStatus
from heard.stakeholders.filters import ANY, FilterForm

CONCERN_SORTS = {
    "raised": ("raised_at", "id"),
    "due": ("due_on", "id"),
    "status": ("status", "raised_at", "id"),
    "channel": ("channel", "raised_at", "id"),
}
OPEN = "open"
STATUS_CHOICES = [*ANY, (OPEN, _("Open (any step before closure)")), *ConcernStatus.choices]


def _sort_choices(sorts: dict) -> list[tuple[str, str]]:
    return [("", "")] + [(k, k) for k in sorts] + [(f"-{k}", f"-{k}") for k in sorts]


class ConcernFilterForm(FilterForm):
    """Search plus status, overdue, channel, outcome and initiative."""

    q = forms.CharField(label=_("Search"), max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES)
    overdue = forms.BooleanField(label=_("Overdue only"))
    channel = forms.ChoiceField(label=_("Channel"), choices=ANY + ConcernChannel.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ANY + ConcernOutcome.choices)
    initiative = forms.TypedChoiceField(label=_("Product or initiative"), coerce=int)
    sort = forms.ChoiceField(label=_("Sort"), choices=_sort_choices(CONCERN_SORTS))

    def __init__(self, data=None, *, initiatives=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["initiative"].choices = ANY + list(initiatives)
