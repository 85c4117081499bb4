"""The form that creates a personal access token."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.api.models import TokenScope
from heard.api.tokens import DEFAULT_DAYS, MAX_DAYS

LIFETIMES = [
    (30, _("30 days")),
    (DEFAULT_DAYS, _("90 days")),
    (180, _("180 days")),
    (MAX_DAYS, _("1 year")),
]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Where the token is used, e.g. “Jira sync” or “data warehouse”."),
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=TokenScope.choices, initial=TokenScope.READ)
    days = forms.TypedChoiceField(
        label=_("Expires after"), choices=LIFETIMES, coerce=int, initial=DEFAULT_DAYS
    )

    def __init__(self, *args, can_write: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_write:
            self.fields["scope"].choices = [(TokenScope.READ, TokenScope.READ.label)]
