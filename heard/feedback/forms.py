"""Forms of the feedback pages. Rules that services enforce are mirrored here only to show
every field's error at once; the service stays the authority."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.core.errors import DomainError
from heard.core.widgets import speed_up_selects
from heard.feedback.minutes import MAX_MINUTES
from heard.feedback.models import (
    MAX_INPUT_LENGTH,
    CommitmentStatus,
    InputKind,
    InputSource,
    Outcome,
    ResponseChannel,
)
from heard.feedback.services.decisions import decision_errors
from heard.stakeholders.vocab import language_choices

NONE = [("", "—")]
DETECT = [("", _("Detect from the text"))]


class Form(forms.Form):
    """Labels without a trailing colon; domain errors land on their field."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        speed_up_selects(self)

    def add_domain_error(self, error: DomainError) -> None:
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)


def parse_ids(text: str) -> list[int]:
    """Numbers in "#12, 15 #20" as ids, in order, without repeats."""
    return list(dict.fromkeys(int(n) for n in re.findall(r"\d+", text or "")))


class QuickInputForm(Form):
    """One input on the keyboard-first entry page."""

    text = forms.CharField(
        label=_("What was said"),
        max_length=MAX_INPUT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "autofocus": True}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=InputKind.choices)
    stakeholder = forms.TypedChoiceField(label=_("Who said it"), coerce=int, required=False)
    session = forms.TypedChoiceField(label=_("Session"), coerce=int, required=False)
    is_anonymous = forms.BooleanField(label=_("Anonymous"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, speakers=(), sessions=(), allow_speakers=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stakeholder"].choices = [("", _("Not attributed"))] + list(speakers)
        self.fields["session"].choices = NONE + list(sessions)
        self.fields["language"].choices = DETECT + language_choices()
        if not allow_speakers:
            del self.fields["stakeholder"]


class InputForm(Form):
    """The full input form: text, kind, who, where, language, links."""

    text = forms.CharField(
        label=_("What was said"),
        max_length=MAX_INPUT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=InputKind.choices)
    engagement = forms.TypedChoiceField(label=_("Engagement"), coerce=int, required=False)
    session = forms.TypedChoiceField(label=_("Session"), coerce=int, required=False)
    stakeholder = forms.TypedChoiceField(label=_("Stakeholder"), coerce=int, required=False)
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, required=False)
    is_anonymous = forms.BooleanField(label=_("Anonymous"), required=False)
    source = forms.ChoiceField(label=_("Source"), choices=InputSource.choices)
    language = forms.ChoiceField(label=_("Language"), required=False)
    impacts = forms.TypedMultipleChoiceField(label=_("Impacts"), coerce=int, required=False)
    initiatives = forms.TypedMultipleChoiceField(label=_("Initiatives"), coerce=int, required=False)
    topics = forms.TypedMultipleChoiceField(label=_("Topics"), coerce=int, required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("engagement", "session", "stakeholder", "organisation"):
            self.fields[name].choices = NONE + list(choices.get(name, ()))
        for name in ("impacts", "initiatives", "topics"):
            self.fields[name].choices = list(choices.get(name, ()))
        self.fields["language"].choices = DETECT + language_choices()


class MinutesForm(Form):
    """Minutes pasted in one go, before they are split."""

    minutes = forms.CharField(
        label=_("Minutes"),
        max_length=MAX_MINUTES,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "One input per paragraph or bullet point. Start a line with a participant's name "
            "and a colon (“Amina: …”) to attribute it."
        ),
    )
    kind = forms.ChoiceField(label=_("Kind of every piece"), choices=InputKind.choices)
    session = forms.TypedChoiceField(label=_("Session"), coerce=int, required=False)

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = NONE + list(sessions)


class DecisionForm(Form):
    """Decide on an input (or revise the decision)."""

    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    rationale = forms.CharField(
        label=_("Rationale"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required for every outcome other than adopted."),
    )
    risk_management = forms.CharField(
        label=_("How the risk is still managed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the input is not followed in full."),
    )
    referred_to_team = forms.CharField(
        label=_("Referred to team"),
        required=False,
        max_length=200,
        help_text=_("Required when the input is referred."),
    )

    def clean(self):
        data = super().clean()
        if "outcome" in data:
            errors = decision_errors(
                data["outcome"],
                data.get("rationale", ""),
                data.get("risk_management", ""),
                data.get("referred_to_team", ""),
            )
            for name, message in errors.items():
                self.add_error(name, message)
        return data


class ResponseForm(Form):
    """The response to one stakeholder, composed and editable before it goes."""

    channel = forms.ChoiceField(
        label=_("How"), choices=ResponseChannel.choices, widget=forms.RadioSelect
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    subject = forms.CharField(label=_("Subject"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Leave [portal-link] where it is: the email gets the stakeholder's personal portal "
            "link in its place when it is sent. The link itself is never shown here or stored."
        ),
    )
    sent_at = forms.DateTimeField(
        label=_("Given on (calls and meetings)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def __init__(self, *args, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = list(languages)


class SummaryForm(Form):
    """The engagement's "what we heard, what we did"."""

    what_we_heard = forms.CharField(
        label=_("What we heard"), widget=forms.Textarea(attrs={"rows": 8})
    )
    what_we_did = forms.CharField(label=_("What we did"), widget=forms.Textarea(attrs={"rows": 8}))


class ConflictForm(Form):
    """Link the input to another that conflicts with it."""

    other = forms.IntegerField(label=_("Conflicting input number"), min_value=1)
    note = forms.CharField(
        label=_("How they conflict"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MergeForm(Form):
    """Merge this input into the one it duplicates."""

    keep = forms.IntegerField(label=_("Merge into input number"), min_value=1)


class CommitmentForm(Form):
    """A commitment's plan and links."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    owner = forms.TypedChoiceField(label=_("Owner"), coerce=int, required=False)
    due_on = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(label=_("Status"), choices=CommitmentStatus.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100, initial=0)
    evidence = forms.CharField(
        label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_public = forms.BooleanField(label=_("Public (transparency centre)"), required=False)
    inputs = forms.CharField(
        label=_("Linked inputs"),
        required=False,
        help_text=_("Input numbers, separated by commas (e.g. 12, 15)."),
    )

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = NONE + list(owners)

    def clean_inputs(self) -> list[int]:
        return parse_ids(self.cleaned_data.get("inputs", ""))


class ProgressForm(Form):
    """A progress report on a commitment."""

    status = forms.ChoiceField(label=_("Status"), choices=CommitmentStatus.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("What changed"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.CharField(
        label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    notify = forms.BooleanField(
        label=_("Tell the stakeholders whose input led to it"), required=False, initial=True
    )
