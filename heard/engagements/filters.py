"""The engagement list's GET filter form: invalid values are dropped with a note."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.engagements.models import AttributionRule, EngagementFormat, EngagementStatus, Mode
from heard.impacts.models.choices import LifecycleStage
from heard.stakeholders.filters import ANY, ARCHIVED_CHOICES, FilterForm
from heard.stakeholders.vocab import language_choices, language_names

ENGAGEMENT_SORTS = {
    "starts_on": ("starts_on", "id"),
    "title": ("title", "id"),
    "status": ("status", "starts_on", "id"),
    "format": ("format", "starts_on", "id"),
    "created": ("created_at", "id"),
}


def _sort_choices() -> list[tuple[str, str]]:
    keys = list(ENGAGEMENT_SORTS)
    return [("", "")] + [(k, k) for k in keys] + [(f"-{k}", f"-{k}") for k in keys]


class EngagementFilterForm(FilterForm):
    """Search plus every categorical field of an engagement."""

    q = forms.CharField(label=_("Search"), max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=ANY + EngagementStatus.choices)
    format = forms.ChoiceField(label=_("Format"), choices=ANY + EngagementFormat.choices)
    mode = forms.ChoiceField(label=_("Mode"), choices=ANY + Mode.choices)
    hrdd_step = forms.TypedChoiceField(label=_("HRDD step"), coerce=int)
    lifecycle_stage = forms.ChoiceField(
        label=_("Lifecycle stage"), choices=ANY + LifecycleStage.choices
    )
    initiative = forms.TypedChoiceField(label=_("Initiative"), coerce=int)
    attribution_rule = forms.ChoiceField(
        label=_("Attribution rule"), choices=ANY + AttributionRule.choices
    )
    language = forms.ChoiceField(label=_("Language"))
    starts_from = forms.DateField(
        label=_("Starts on or after"), widget=forms.DateInput(attrs={"type": "date"})
    )
    starts_until = forms.DateField(
        label=_("Starts on or before"), widget=forms.DateInput(attrs={"type": "date"})
    )
    archived = forms.ChoiceField(label=_("Show"), choices=ARCHIVED_CHOICES)
    sort = forms.ChoiceField(label=_("Sort"), choices=_sort_choices())

    def __init__(self, data=None, *, hrdd_steps=(), initiatives=(), languages=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["hrdd_step"].choices = ANY + list(hrdd_steps)
        self.fields["initiative"].choices = ANY + list(initiatives)
        self.fields["language"].choices = ANY + _language_choices(
            languages, (data or {}).get("language")
        )


def _language_choices(codes, selected) -> list[tuple[str, str]]:
    """The workspace's working languages (plus one asked for in the URL) rather than all 184:
    a short list is quicker to use and to render on every request."""
    if codes is None:
        return language_choices()
    names = language_names()
    wanted = list(dict.fromkeys([*codes, *([selected] if selected in names else [])]))
    return sorted(
        ((c, f"{names[c]} ({c})") for c in wanted if c in names), key=lambda p: p[1].casefold()
    )
