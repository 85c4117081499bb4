"""GET filter forms of the request lists (invalid values dropped with a note)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.requests.models import AnswerFormat, DataRequestKind, DataRequestStatus, RequestStatus
from heard.stakeholders.filters import ANY, FilterForm

REQUEST_SORTS = {
    "received": ("received_at", "id"),
    "due": ("due_on", "id"),
    "status": ("status", "due_on", "id"),
}
DATA_SORTS = {
    "received": ("received_at", "id"),
    "due": ("due_on", "id"),
    "status": ("status", "due_on", "id"),
    "kind": ("kind", "due_on", "id"),
}
DEFAULT_SORT = "-received"


def _sort_choices(sorts: dict) -> list[tuple[str, str]]:
    return [("", "")] + [(k, k) for k in sorts] + [(f"-{k}", f"-{k}") for k in sorts]


class RequestFilterForm(FilterForm):
    """Search, status, preferred format, overdue."""

    q = forms.CharField(label=_("Search"), max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=ANY + RequestStatus.choices)
    format = forms.ChoiceField(label=_("Preferred format"), choices=ANY + AnswerFormat.choices)
    overdue = forms.BooleanField(label=_("Overdue only"))
    sort = forms.ChoiceField(label=_("Sort"), choices=_sort_choices(REQUEST_SORTS))


class DataRequestFilterForm(FilterForm):
    """Search, status, kind, overdue."""

    q = forms.CharField(label=_("Search"), max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=ANY + DataRequestStatus.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=ANY + DataRequestKind.choices)
    overdue = forms.BooleanField(label=_("Overdue only"))
    sort = forms.ChoiceField(label=_("Sort"), choices=_sort_choices(DATA_SORTS))
