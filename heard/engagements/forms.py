"""Forms of the engagement pages. They parse and check input; the rules live in services."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.engagements.models import (
    AttributionRule,
    CompensationStatus,
    EngagementFormat,
    InvitationState,
    Mode,
    ParticipationRole,
    Representation,
)
from heard.impacts.models.choices import LifecycleStage
from heard.stakeholders.forms import DomainErrorMixin, split_names
from heard.stakeholders.vocab import available_time_zones, language_names

TEXTAREA = {"rows": 3}
EMPTY = [("", "—")]


def parse_languages(text: str) -> list[str]:
    """Codes or names separated by commas → ISO 639-1 codes; ValidationError for unknowns."""
    names = language_names()
    by_name = {n.casefold(): c for c, n in names.items()}
    codes, unknown = [], []
    for item in split_names(text):
        code = item.lower() if item.lower() in names else by_name.get(item.casefold())
        (codes if code else unknown).append(code or item)
    if unknown:
        raise forms.ValidationError(
            _("Unknown language: %(items)s. Use ISO 639-1 codes such as en, fr, sw."),
            params={"items": ", ".join(unknown)},
        )
    return list(dict.fromkeys(codes))


def parse_glossary(text: str) -> list[dict[str, str]]:
    """One "term: definition" per line → pairs; ValidationError naming a line without ":"."""
    entries = []
    for number, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        term, sep, definition = line.partition(":")
        if not sep or not term.strip() or not definition.strip():
            raise forms.ValidationError(
                _("Line %(n)d of the glossary needs a term, a colon and a definition."),
                params={"n": number},
            )
        entries.append({"term": term.strip(), "definition": definition.strip()})
    return entries


def glossary_text(entries) -> str:
    """Glossary pairs back as editable lines."""
    return "\n".join(f"{e['term']}: {e['definition']}" for e in entries or ())


class EngagementForm(DomainErrorMixin, forms.Form):
    """Every planning field of an engagement (status moves through its own buttons)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    format = forms.ChoiceField(label=_("Format"), choices=EngagementFormat.choices)
    mode = forms.ChoiceField(label=_("Mode"), choices=Mode.choices)
    purpose = forms.CharField(
        label=_("Purpose"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    learning_goals = forms.CharField(
        label=_("What the company wants to learn"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    cannot_share = forms.CharField(
        label=_("What the company cannot share, and why"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Shown to participants in the invitation: be transparent about limits."),
    )
    barriers = forms.CharField(
        label=_("Other barriers or internal restrictions"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Also shown to participants."),
    )
    hrdd_steps = forms.TypedMultipleChoiceField(
        label=_("HRDD steps served"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-columns"}),
    )
    accountable_function = forms.CharField(
        label=_("Accountable function"), max_length=200, required=False
    )
    senior_responsible_role = forms.CharField(
        label=_("Most senior role responsible"), max_length=200, required=False
    )
    owner = forms.TypedChoiceField(
        label=_("Engagement lead"), coerce=int, required=False, empty_value=None
    )
    lifecycle_stage = forms.ChoiceField(
        label=_("Lifecycle stage"), choices=EMPTY + LifecycleStage.choices, required=False
    )
    initiative = forms.TypedChoiceField(
        label=_("Initiative"), coerce=int, required=False, empty_value=None
    )
    impacts = forms.TypedMultipleChoiceField(
        label=_("Impacts addressed"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        help_text=_("ISO 639-1 codes or names, separated by commas (e.g. en, fr, Swahili)."),
    )
    interpretation_languages = forms.CharField(
        label=_("Interpretation into"), required=False, help_text=_("Codes or names, as above.")
    )
    accessibility_accommodations = forms.CharField(
        label=_("Accessibility accommodations"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    briefing_materials = forms.CharField(
        label=_("Briefing materials"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Links and summaries participants receive beforehand."),
    )
    glossary = forms.CharField(
        label=_("Plain-language glossary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One term per line: “term: plain-language definition”."),
    )
    attribution_rule = forms.ChoiceField(
        label=_("Attribution rule"), choices=AttributionRule.choices
    )
    is_compensation_offered = forms.BooleanField(label=_("Compensation offered"), required=False)
    compensation_details = forms.CharField(
        label=_("Compensation details"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )

    def __init__(self, *args, hrdd_steps=(), members=(), initiatives=(), impacts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hrdd_steps"].choices = list(hrdd_steps)
        self.fields["owner"].choices = EMPTY + list(members)
        self.fields["initiative"].choices = EMPTY + list(initiatives)
        self.fields["impacts"].choices = list(impacts)

    def clean_languages(self) -> list[str]:
        return parse_languages(self.cleaned_data["languages"])

    def clean_interpretation_languages(self) -> list[str]:
        return parse_languages(self.cleaned_data["interpretation_languages"])

    def clean_glossary(self) -> list[dict[str, str]]:
        return parse_glossary(self.cleaned_data["glossary"])


def engagement_initial(engagement) -> dict:
    """An engagement's values as the form's initial data."""
    simple = [
        f
        for f in EngagementForm.base_fields
        if f
        not in {
            "hrdd_steps",
            "impacts",
            "languages",
            "interpretation_languages",
            "glossary",
            "owner",
            "initiative",
        }
    ]
    initial = {f: getattr(engagement, f) for f in simple}
    initial.update(
        hrdd_steps=[s.pk for s in engagement.hrdd_steps.all()],
        impacts=[i.pk for i in engagement.impacts.all()],
        languages=", ".join(engagement.languages or ()),
        interpretation_languages=", ".join(engagement.interpretation_languages or ()),
        glossary=glossary_text(engagement.glossary),
        owner=engagement.owner_id,
        initiative=engagement.initiative_id,
    )
    return initial


class TimeZoneField(forms.CharField):
    """An IANA time zone name, with a datalist of every known zone."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Time zone"))
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("help_text", _("IANA name, e.g. Europe/Berlin or America/Los_Angeles."))
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value).strip()
        if value and value not in available_time_zones():
            raise forms.ValidationError(
                _("“%(zone)s” is not an IANA time zone (e.g. Africa/Nairobi)."),
                params={"zone": value},
            )
        return value


class SessionForm(DomainErrorMixin, forms.Form):
    """A session's date, start and end on its own clock, and where it happens."""

    label = forms.CharField(label=_("Label"), max_length=120, required=False)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Starts at (local time)"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    end_time = forms.TimeField(
        label=_("Ends at (local time)"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    time_zone = TimeZoneField()
    location = forms.CharField(label=_("Location"), max_length=300, required=False)
    remote_url = forms.URLField(
        label=_("Remote link"), max_length=500, required=False, assume_scheme="https"
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The session must end after it starts."))
        return data

    def service_fields(self) -> dict:
        """Naive local datetimes plus the zone: the service reads them on that clock."""
        data = self.cleaned_data
        return {
            "label": data["label"],
            "starts_at": datetime.datetime.combine(data["date"], data["start_time"]),
            "ends_at": datetime.datetime.combine(data["date"], data["end_time"]),
            "time_zone": data["time_zone"],
            "location": data["location"],
            "remote_url": data["remote_url"],
        }


def session_initial(session) -> dict:
    """A session's values (on its own clock) as initial data."""
    start, end = session.local_starts_at, session.local_ends_at
    return {
        "label": session.label,
        "date": start.date(),
        "start_time": start.time().replace(second=0),
        "end_time": end.time().replace(second=0),
        "time_zone": session.time_zone,
        "location": session.location,
        "remote_url": session.remote_url,
    }


class ParticipationForm(DomainErrorMixin, forms.Form):
    """One participant's role, representation, reply, attendance, needs and compensation."""

    session = forms.TypedChoiceField(
        label=_("Session attended"), coerce=int, required=False, empty_value=None
    )
    role = forms.ChoiceField(label=_("Role"), choices=ParticipationRole.choices)
    representation = forms.ChoiceField(
        label=_("How the affected group is engaged"), choices=Representation.choices
    )
    representation_basis = forms.CharField(
        label=_("Basis of legitimacy"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Required for representatives and proxies: who mandated them, how."),
    )
    invitation_state = forms.ChoiceField(label=_("Invitation"), choices=InvitationState.choices)
    attended = forms.NullBooleanField(
        label=_("Attended"),
        required=False,
        widget=forms.NullBooleanSelect,
    )
    needs_interpretation = forms.BooleanField(label=_("Needs interpretation"), required=False)
    interpretation_language = forms.CharField(
        label=_("Interpretation into"), max_length=40, required=False
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    compensation_status = forms.ChoiceField(
        label=_("Compensation"),
        choices=[("", _("None offered"))] + CompensationStatus.choices,
        required=False,
    )
    compensation_amount = forms.DecimalField(
        label=_("Amount"), max_digits=12, decimal_places=2, min_value=0, required=False
    )
    compensation_currency = forms.CharField(
        label=_("Currency (ISO 4217)"), max_length=3, required=False
    )
    compensation_in_kind = forms.CharField(label=_("Or in kind"), max_length=300, required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = [("", _("All sessions"))] + list(sessions)

    def clean_interpretation_language(self) -> str:
        text = self.cleaned_data["interpretation_language"]
        codes = parse_languages(text)
        return codes[0] if codes else ""


def participation_initial(participation) -> dict:
    """A participation's values as initial data."""
    initial = {f: getattr(participation, f) for f in ParticipationForm.base_fields}
    initial["session"] = participation.session_id
    initial["compensation_status"] = participation.compensation_status or ""
    return initial


class DraftTimeForm(forms.Form):
    """A draft session time to check against invitees' clocks."""

    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration = forms.TypedChoiceField(
        label=_("Duration"),
        coerce=int,
        choices=[(m, _("%(h)s h") % {"h": f"{m / 60:g}"}) for m in (30, 60, 90, 120, 180, 240)],
        initial=90,
    )
    time_zone = TimeZoneField()


class HrddStepForm(DomainErrorMixin, forms.Form):
    """A step of the workspace's due diligence list."""

    name = forms.CharField(label=_("Name"), max_length=120)
    reference = forms.CharField(label=_("Reference"), max_length=120, required=False)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=999, required=False)
