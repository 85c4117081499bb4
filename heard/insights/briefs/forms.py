"""Forms of the insight cycle pages. Services stay the authority; forms show every error."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from heard.core.errors import DomainError
from heard.insights.briefs.models import RequestingTeam
from heard.insights.briefs.models.cycles import DEFAULT_REQUEST_DAYS
from heard.insights.briefs.models.requests import MAX_CONTEXT, MAX_QUESTION, MAX_SUMMARY

NONE = [("", "—")]


class Form(forms.Form):
    """Labels without a trailing colon; domain errors land on their field."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def add_domain_error(self, error: DomainError) -> None:
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InsightRequestForm(Form):
    """File an insight request."""

    question = forms.CharField(
        label=_("What do you want to know?"),
        max_length=MAX_QUESTION,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example “What have stakeholders said about appeals of suspended "
            "accounts in our markets in Africa?”"
        ),
    )
    context = forms.CharField(
        label=_("Why you ask"),
        max_length=MAX_CONTEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you are planning or deciding, and what would change with the answer."),
    )
    team = forms.ChoiceField(label=_("Your team"), choices=RequestingTeam.choices)
    needed_by = forms.DateField(label=_("Needed by"), required=False, widget=_date_widget())
    cycle = forms.TypedChoiceField(
        label=_("Planning cycle"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Leave empty for a request outside the planning cycles."),
    )
    initiative = forms.TypedChoiceField(
        label=_("Initiative"), coerce=int, required=False, empty_value=None
    )
    policy = forms.TypedChoiceField(label=_("Policy"), coerce=int, required=False, empty_value=None)
    impact = forms.TypedChoiceField(label=_("Impact"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, cycles=(), initiatives=(), policies=(), impacts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].choices = NONE + list(cycles)
        self.fields["initiative"].choices = NONE + list(initiatives)
        self.fields["policy"].choices = NONE + list(policies)
        self.fields["impact"].choices = NONE + list(impacts)


class SummaryForm(Form):
    """The written summary; the button pressed says whether to answer now."""

    summary = forms.CharField(
        label=_("Summary for the requester"),
        max_length=MAX_SUMMARY,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "What stakeholders said, in a few paragraphs. Name nobody: the brief is "
            "read outside the engagement team."
        ),
    )
    notify = forms.BooleanField(label=_("Email the requester"), required=False, initial=True)


class DeclineForm(Form):
    """Decline a request, with the reason the requester reads."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=MAX_CONTEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why the request is declined.")},
    )
    notify = forms.BooleanField(label=_("Email the requester"), required=False, initial=True)


class CycleForm(Form):
    """A planning cycle's name and dates."""

    name = forms.CharField(label=_("Name"), max_length=100)
    opens_on = forms.DateField(label=_("Opens on"), widget=_date_widget())
    requests_due_on = forms.DateField(label=_("Requests due on"), widget=_date_widget())
    closes_on = forms.DateField(label=_("Closes on"), widget=_date_widget())


def month_choices() -> list[tuple[int, str]]:
    """(1, "January") … (12, "December") in the active language."""
    return [(m, date_format(datetime.date(2000, m, 1), "F")) for m in range(1, 13)]


class CycleSettingsForm(Form):
    """The cadence: start months, days to file requests, automatic opening."""

    start_months = forms.TypedMultipleChoiceField(
        label=_("Months in which a cycle starts"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("January and July make the six-monthly cycle most planning calendars use."),
        error_messages={"required": _("Choose at least one month.")},
    )
    request_days = forms.IntegerField(
        label=_("Days to file requests after a cycle opens"),
        min_value=1,
        max_value=90,
        initial=DEFAULT_REQUEST_DAYS,
    )
    opens_automatically = forms.BooleanField(
        label=_("Open each cycle automatically and email contributors"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_months"].choices = month_choices()
