"""Forms of the data protection pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.privacy.models import MAX_RETENTION_YEARS, ErasureReason


class EraseForm(forms.Form):
    """Confirm an erasure by typing the person's pseudonym code or ERASE."""

    reason = forms.ChoiceField(
        label=_("Why"),
        choices=ErasureReason.choices,
        initial=ErasureReason.REQUEST,
    )
    confirmation = forms.CharField(
        label=_("Type the pseudonym code or ERASE to confirm"),
        max_length=40,
    )

    def __init__(self, *args, pseudonym: str, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.pseudonym = pseudonym

    def clean_confirmation(self) -> str:
        typed = self.cleaned_data["confirmation"].strip()
        accepted = {self.pseudonym.casefold(), "erase"}
        if typed.casefold() not in accepted and typed.casefold().split()[-1:] != [
            self.pseudonym.casefold()
        ]:
            raise forms.ValidationError(
                _("Type %(code)s or ERASE exactly: nothing was erased.") % {"code": self.pseudonym}
            )
        return typed


class RetentionForm(forms.Form):
    """The workspace's retention rule."""

    pseudonymise_after_years = forms.IntegerField(
        label=_("Pseudonymise stakeholders after this many years without contact"),
        required=False,
        min_value=1,
        max_value=MAX_RETENTION_YEARS,
        help_text=_("Leave empty to turn the rule off."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
