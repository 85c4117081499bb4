"""The endpoint form (the services do the checks that need the network or the database)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.core.errors import DomainError
from heard.core.forms import Form
from heard.webhooks.models import Event
from heard.webhooks.safety import check_url


class EndpointForm(Form):
    """URL, description and the events to send."""

    url = forms.CharField(
        label=_("URL"),
        max_length=500,
        help_text=_("Where to POST the events: a public https:// address."),
        widget=forms.URLInput(attrs={"placeholder": "https://", "autocomplete": "off"}),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        required=False,
        help_text=_("What receives these events (e.g. “Jira automation”)."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one event.")},
    )

    def clean_url(self) -> str:
        """The scheme and address checks, so they show with the other fields' errors."""
        url = self.cleaned_data["url"].strip()
        try:
            check_url(url)
        except DomainError as error:
            raise forms.ValidationError(error.message) from error
        return url

    def add_domain_error(self, error: DomainError) -> None:
        """Show a service's error on its field (or above the form)."""
        self.add_error(error.field if error.field in self.fields else None, error.message)
