"""Forms of the concern pages: the public form and the portal's, the status lookup, the
person's feedback, and each step the team takes."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from heard.concerns.models import (
    MAX_DESCRIPTION_LENGTH,
    MAX_INTRO_LENGTH,
    MAX_TEXT_LENGTH,
    ConcernChannel,
    ConcernChannelSettings,
    ConcernOutcome,
    RemedyKind,
    RemedyStatus,
)
from heard.core.errors import DomainError
from heard.impacts import rights
from heard.stakeholders.vocab import language_choices


class Form(forms.Form):
    """Labels without a trailing colon; domain errors land on the field they name."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def add_domain_error(self, error: DomainError) -> None:
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)


def _text(label, *, max_length=MAX_TEXT_LENGTH, required=False, rows=4, help_text=""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _interface_languages():
    return [(code, str(name)) for code, name in settings.LANGUAGES]


# --- the person's side


class RaiseConcernForm(Form):
    """The public form: what happened, optionally who you are and how to reach you."""

    description = _text(
        _("What happened?"),
        max_length=MAX_DESCRIPTION_LENGTH,
        required=True,
        rows=8,
        help_text=_("In your own words: what happened, when, and who was affected."),
    )
    product_named = forms.CharField(
        label=_("Which product or service is it about? (optional)"),
        max_length=200,
        required=False,
    )
    is_anonymous = forms.BooleanField(
        label=_("I want to stay anonymous (do not ask for my name)"),
        required=False,
    )
    contact_name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=200,
        required=False,
    )
    contact_email = forms.EmailField(
        label=_("Your email address (optional)"),
        max_length=254,
        required=False,
        help_text=_(
            "Only to tell you about each step. Without it, follow your concern on the status "
            "page with your reference code."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language for our replies"),
        choices=_interface_languages,
    )
    # A field people never see: bots fill it in (see the template's hidden block).
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def clean(self):
        data = super().clean()
        if data.get("is_anonymous") and data.get("contact_name"):
            self.add_error(
                "contact_name",
                _("Leave your name empty to stay anonymous, or untick “anonymous”."),
            )
        return data

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class PortalConcernForm(RaiseConcernForm):
    """The portal's form: the person is known, so only whether to stay anonymous."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["contact_name"]
        del self.fields["contact_email"]
        self.fields["is_anonymous"].label = _(
            "Raise it anonymously: do not link it to me (keep your reference code to follow it)"
        )

    def clean(self):
        return forms.Form.clean(self)


class StatusLookupForm(Form):
    """The reference code a person was given."""

    reference = forms.CharField(
        label=_("Your reference code"),
        max_length=40,
        help_text=_("Ten letters and digits, for example ABCDE-23456."),
    )


class FeedbackForm(Form):
    """ "Was this fair?" — the person's view of the process."""

    rating = forms.TypedChoiceField(
        label=_("Was the process fair? (1 = not at all, 5 = completely)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = _text(_("Anything you want to tell us about the process? (optional)"))


# --- the team's side


class RecordConcernForm(Form):
    """A concern the team received by email, phone, in person or from a partner."""

    description = _text(
        _("What happened"), max_length=MAX_DESCRIPTION_LENGTH, required=True, rows=8
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[(v, label) for v, label in ConcernChannel.choices if v != "portal"],
    )
    raised_at = forms.DateTimeField(
        label=_("Raised at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Leave empty for now."),
    )
    product_named = forms.CharField(
        label=_("Product or service named"), max_length=200, required=False
    )
    is_anonymous = forms.BooleanField(label=_("Anonymous"), required=False)
    contact_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Email"), max_length=254, required=False)
    language = forms.ChoiceField(label=_("Preferred language"), choices=language_choices)

    def clean(self):
        data = super().clean()
        if data.get("is_anonymous") and data.get("contact_name"):
            self.add_error("contact_name", _("Leave the name empty for an anonymous concern."))
        return data


def _message_field(help_text=None):
    return _text(
        _("Message to the person (optional)"),
        help_text=help_text
        or _("Shown on their status page and emailed where there is an address."),
    )


class AcknowledgeForm(Form):
    """Acknowledge receipt, naming who handles the concern."""

    handler = forms.TypedChoiceField(label=_("Handled by"), coerce=int, required=False)
    message = _message_field()

    def __init__(self, *args, handlers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].choices = [("", _("Me"))] + list(handlers)


class AssessForm(Form):
    """Start or update the assessment: internal notes, the initiative and rights concerned."""

    notes = _text(
        _("Assessment notes (internal)"),
        max_length=MAX_DESCRIPTION_LENGTH,
        rows=6,
        help_text=_("Never shown to the person."),
    )
    initiative = forms.TypedChoiceField(
        label=_("Product or initiative concerned"), coerce=int, required=False
    )
    right_codes = forms.MultipleChoiceField(label=_("Rights possibly affected"), required=False)
    message = _message_field()

    def __init__(self, *args, initiatives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].choices = [("", "—")] + list(initiatives)
        self.fields["right_codes"].choices = rights.grouped_choices()


class OutcomeForm(Form):
    """Decide the outcome, with the reasons the person will read."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=ConcernOutcome.choices)
    reasons = _text(
        _("Reasons"),
        required=False,
        rows=5,
        help_text=_("Required. The person reads them: plain words, no internal notes."),
    )


class NotAdmissibleForm(Form):
    """End the procedure early, with reasons."""

    reasons = _text(
        _("Why it is not admissible"),
        required=False,
        help_text=_("Required. Where possible, say who can handle the concern instead."),
    )


class RemedyForm(Form):
    """Plan a remedy."""

    kind = forms.ChoiceField(label=_("Kind of remedy"), choices=RemedyKind.choices)
    description = _text(_("Description"), required=False)
    due_on = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    message = _message_field()


class RemedyUpdateForm(Form):
    """Move a remedy along."""

    status = forms.ChoiceField(label=_("Status"), choices=RemedyStatus.choices)
    message = _message_field()


class CloseForm(Form):
    """Close the concern."""

    message = _message_field()


class MessageForm(Form):
    """A message to the person."""

    message = _text(_("Message to the person"), required=False)


class ChannelSettingsForm(forms.ModelForm):
    """The channel's settings page."""

    class Meta:
        model = ConcernChannelSettings
        fields = (
            "is_enabled",
            "acknowledgement_days",
            "assessment_days",
            "outcome_days",
            "intro_text",
        )
        widgets = {"intro_text": forms.Textarea(attrs={"rows": 4, "maxlength": MAX_INTRO_LENGTH})}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def add_domain_error(self, error: DomainError) -> None:
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)
