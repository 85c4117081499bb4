"""The portal's forms. Labels are the field names error messages refer to."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from heard.feedback.models import MAX_INPUT_LENGTH, InputKind
from heard.portal.models import ContactChannel
from heard.portal.services.survey import MAX_COMMENT

# What a stakeholder may say through the portal (grievances go through "Raise a concern").
PORTAL_KINDS = [
    (InputKind.CONCERN, _("A concern")),
    (InputKind.RECOMMENDATION, _("A recommendation")),
    (InputKind.QUESTION, _("A question")),
    (InputKind.EVIDENCE, _("Evidence")),
    (InputKind.LIVED_EXPERIENCE, _("My lived experience")),
]
SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class DomainErrorMixin:
    """Show a service's DomainError on the field it names (or the whole form)."""

    def add_domain_error(self, error) -> None:
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)


class LinkRequestForm(forms.Form):
    """Ask for a new link by email address."""

    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We send a link to this address if we know it."),
    )


def _at_most(limit: int) -> str:
    return gettext("At most %(max)s characters.") % {"max": f"{limit:,}"}


# `_("…") % {…}` in a class body is formatted once, at import, in the default language.
at_most = lazy(_at_most, str)


class InputForm(DomainErrorMixin, forms.Form):
    """Input to an open consultation."""

    kind = forms.ChoiceField(label=_("What you are sharing"), choices=PORTAL_KINDS)
    text = forms.CharField(
        label=_("Your input"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_INPUT_LENGTH,
        help_text=at_most(MAX_INPUT_LENGTH),
        error_messages={
            "required": _("Your input: write what you want to tell us."),
            "max_length": _(
                "Your input: at most %(limit_value)d characters (you wrote %(show_value)d)."
            ),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["invalid_choice"] = _(
            "What you are sharing: choose one of the options offered."
        )


class SurveyForm(DomainErrorMixin, forms.Form):
    """Did you feel heard? Three answers from 1 (not at all) to 5 (completely)."""

    felt_heard = forms.TypedChoiceField(
        label=_("I felt heard"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    understood_outcome = forms.TypedChoiceField(
        label=_("I understand what was done with my input"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    would_take_part_again = forms.TypedChoiceField(
        label=_("I would take part again"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything else you want to tell us (optional)"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PreferencesForm(DomainErrorMixin, forms.Form):
    """Language, channel and topics."""

    language = forms.ChoiceField(label=_("Language"), choices=())
    contact_channel = forms.ChoiceField(
        label=_("How we should contact you"),
        choices=[("", _("No preference"))] + list(ContactChannel.choices),
        required=False,
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics you want to hear about"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, topics=None, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils.translation import get_language_info

        self.fields["language"].choices = [
            (code, get_language_info(code)["name_local"]) for code, _n in settings.LANGUAGES
        ]
        self.fields["topics"].queryset = topics
