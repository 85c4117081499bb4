"""Forms of the staff pages. Services stay the authority; forms show every field's error."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.core.errors import DomainError
from heard.requests.models import (
    MAX_ANSWER,
    MAX_NOTE,
    AnswerFormat,
    RefusalGround,
    RequestSettings,
)


class Form(forms.Form):
    """Labels without a trailing colon; domain errors land on their field."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def add_domain_error(self, error: DomainError) -> None:
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)


class AnswerForm(Form):
    """Answer an information request."""

    answer = forms.CharField(
        label=_("Answer"),
        max_length=MAX_ANSWER,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain, comprehensible language: the stakeholder receives it by email."),
    )
    answer_format = forms.ChoiceField(
        label=_("Given as"), choices=AnswerFormat.choices, initial=AnswerFormat.WRITTEN
    )
    notify = forms.BooleanField(label=_("Email the stakeholder"), required=False, initial=True)


class RefuseForm(Form):
    """Refuse an information request in writing, with the ground and reasons."""

    refusal_ground = forms.ChoiceField(
        label=_("Ground"), choices=[("", "—"), *RefusalGround.choices]
    )
    refusal_reasons = forms.CharField(
        label=_("Reasons"),
        max_length=MAX_ANSWER,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Sent to the stakeholder: say why the information cannot be given."),
        error_messages={
            "required": _(
                "A refusal needs its reasons in writing: say why the information cannot be given."
            )
        },
    )
    notify = forms.BooleanField(label=_("Email the stakeholder"), required=False, initial=True)


class DataDoneForm(Form):
    """Mark a data request done."""

    note = forms.CharField(
        label=_("What was done"),
        max_length=MAX_NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    notify = forms.BooleanField(label=_("Email the stakeholder"), required=False, initial=True)


class DataDeclineForm(Form):
    """Decline a data request, with reasons."""

    note = forms.CharField(
        label=_("Reasons"),
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Declining needs its reasons: say why.")},
    )
    notify = forms.BooleanField(label=_("Email the stakeholder"), required=False, initial=True)


class RequestSettingsForm(forms.ModelForm):
    """Days to answer and the daily limit."""

    class Meta:
        model = RequestSettings
        fields = ("information_days", "data_days", "daily_limit")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
