"""The form that asks for a disclosure report."""

from __future__ import annotations

import datetime
from pathlib import Path

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heard.insights.disclosure.models import Framework

PRESETS = (
    ("last_year", _("Last calendar year")),
    ("last_12_months", _("Last 12 months")),
    ("custom", _("Custom dates")),
)


LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def report_languages() -> list[tuple[str, str]]:
    """The languages a report can be written in: English (the source) and every language of
    settings.LANGUAGES this app has a compiled catalogue for, so that no report is English text
    under another language's name."""
    return [
        (code, name)
        for code, name in settings.LANGUAGES
        if code == "en" or (LOCALE_DIR / code / "LC_MESSAGES" / "django.mo").exists()
    ]


def preset_period(preset: str, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """(from, to) of a preset: the last whole calendar year, or the 12 months to yesterday."""
    if preset == "last_year":
        return datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31)
    ends_on = today - datetime.timedelta(days=1)
    try:
        starts_on = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        starts_on = today.replace(year=today.year - 1, day=28)
    return starts_on, ends_on


class ReportForm(forms.Form):
    """Period, frameworks and language of a new report."""

    preset = forms.ChoiceField(
        label=_("Period"),
        choices=PRESETS,
        initial="last_year",
        widget=forms.RadioSelect,
    )
    starts_on = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For custom dates."),
    )
    ends_on = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    frameworks = forms.MultipleChoiceField(
        label=_("Frameworks"),
        choices=Framework.choices,
        initial=list(Framework.values),
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(
        label=_("Language of the report"),
        choices=report_languages,
    )

    def clean(self):
        data = super().clean()
        preset = data.get("preset")
        if preset == "custom":
            if not data.get("starts_on") or not data.get("ends_on"):
                raise forms.ValidationError(_("Give both dates for a custom period."))
        elif preset:
            data["starts_on"], data["ends_on"] = preset_period(preset, timezone.localdate())
        return data
