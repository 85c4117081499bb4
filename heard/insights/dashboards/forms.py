"""The dashboard's period selector: presets, or a custom range; invalid values are ignored."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heard.insights.dashboards.metrics import Period
from heard.stakeholders.filters import FilterForm

CUSTOM = "custom"
# (value, label, days). The default is the last 90 days: a quarter, long enough for loops
# (30 days to respond by default) to have closed.
PRESETS: tuple[tuple[str, object, int], ...] = (
    ("30", _("Last 30 days"), 30),
    ("90", _("Last 90 days"), 90),
    ("182", _("Last 6 months"), 182),
    ("365", _("Last 12 months"), 365),
)
DEFAULT_PRESET = "90"
# A custom range is capped so one request cannot ask for centuries of weekly buckets.
MAX_DAYS = 366 * 5


class PeriodForm(FilterForm):
    """`period` (a preset) or `from` and `to` (a custom range, both days included)."""

    period = forms.ChoiceField(
        label=_("Period"),
        choices=[(v, label) for v, label, _days in PRESETS] + [(CUSTOM, _("Custom"))],
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        # "from" is a Python keyword: the fields are added by name.
        self.fields["from"] = forms.DateField(
            label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
        )
        self.fields["to"] = forms.DateField(
            label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
        )

    def chosen(self, today: datetime.date | None = None) -> tuple[Period, str, list[str]]:
        """(the period, the preset value or "custom", notes on ignored values)."""
        today = today or timezone.localdate()
        values = self.values()
        notes = self.notes()
        start, end = values.get("from"), values.get("to")
        preset = values.get("period", "")
        if (start or end) and preset in ("", CUSTOM):
            # A custom range: "to" defaults to today, "from" to 90 days before "to".
            end = end or today
            start = start or end - datetime.timedelta(days=89)
            if start > end:
                notes.append(_("The start was after the end; they were swapped."))
                start, end = end, start
            if (end - start).days >= MAX_DAYS:
                notes.append(_("The period was shortened to five years."))
                start = end - datetime.timedelta(days=MAX_DAYS - 1)
            return Period(start, end), CUSTOM, notes
        days = {v: d for v, _label, d in PRESETS}
        chosen = preset if preset in days else DEFAULT_PRESET
        return Period.last(days[chosen], today), chosen, notes
