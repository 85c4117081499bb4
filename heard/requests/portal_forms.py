"""Forms of the portal pages: every limit is checked here, so an oversized or malformed
submission gets a message naming its field and writes nothing."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from heard.requests.forms import Form
from heard.requests.models import (
    MAX_DETAILS,
    MAX_QUESTION,
    MAX_REASONS,
    AnswerFormat,
    DataRequestKind,
)
from heard.stakeholders.vocab import language_label


class PortalForm(Form):
    """Each text field's "too long" message names the field and its limit, in the visitor's
    language (built per request, not at import)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if getattr(field, "max_length", None):
                field.error_messages["max_length"] = gettext(
                    "“%(field)s” is too long: at most %(limit)d characters."
                ) % {"field": field.label, "limit": field.max_length}


class InformationRequestForm(PortalForm):
    """A reasoned request for information."""

    question = forms.CharField(
        label=_("What would you like to know?"),
        max_length=MAX_QUESTION,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Write your question."),
        },
    )
    reasons = forms.CharField(
        label=_("Why are you asking?"),
        max_length=MAX_REASONS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("How the information matters to you or the people you represent."),
        error_messages={
            "required": _("Say why you are asking: a request needs reasons."),
        },
    )
    about = forms.ChoiceField(
        label=_("What is it about?"),
        required=False,
        error_messages={"invalid_choice": _("Choose what the request is about from the list.")},
    )
    preferred_format = forms.ChoiceField(
        label=_("How would you like the answer?"),
        choices=AnswerFormat.choices,
        initial=AnswerFormat.WRITTEN,
        error_messages={"invalid_choice": _("Choose how you would like the answer.")},
    )
    language = forms.ChoiceField(
        label=_("Language of the answer"),
        error_messages={"invalid_choice": _("Choose the language of the answer from the list.")},
    )

    def __init__(self, *args, engagements=(), policies=(), languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        about = [("", _("Nothing in particular"))]
        about += [(f"engagement:{pk}", title) for pk, title in engagements]
        about += [(f"policy:{pk}", title) for pk, title in policies]
        self.fields["about"].choices = about
        codes = [code for code, _name in settings.LANGUAGES]
        codes += [c for c in languages if c not in codes]
        self.fields["language"].choices = [(c, language_label(c)) for c in codes]

    def about_target(self) -> tuple[str, int] | None:
        """("engagement" or "policy", pk), or None."""
        value = self.cleaned_data.get("about") or ""
        if ":" not in value:
            return None
        kind, pk = value.split(":", 1)
        return kind, int(pk)


class DataRequestForm(PortalForm):
    """A request about the stakeholder's own data."""

    kind = forms.ChoiceField(
        label=_("What are you asking for?"),
        choices=DataRequestKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what you are asking for."),
            "invalid_choice": _("Choose what you are asking for."),
        },
    )
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=MAX_DETAILS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a correction, say what is wrong and what it should say."),
    )
