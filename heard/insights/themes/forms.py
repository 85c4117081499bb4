"""Forms of the themes pages: rename, merge, split, move an input."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.insights.themes.models import Theme


class RenameForm(forms.Form):
    """A theme's own name (empty: labelled by its top terms) and a description."""

    name = forms.CharField(
        label=_("Name"),
        max_length=Theme._meta.get_field("name").max_length,
        required=False,
        help_text=_("Leave empty to label the theme with its top terms."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ThemeChoiceForm(forms.Form):
    """One theme of the workspace, chosen from a list built by the view."""

    theme = forms.TypedChoiceField(label=_("Theme"), coerce=int)

    def __init__(self, *args, choices: list[tuple[int, str]], label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "—"), *choices]
        if label:
            self.fields["theme"].label = label


class SplitForm(forms.Form):
    """The new theme's name; the inputs to move come from the theme page's check boxes
    (`inputs`), which the service checks belong to the theme."""

    name = forms.CharField(
        label=_("Name of the new theme"),
        max_length=Theme._meta.get_field("name").max_length,
    )

    def input_ids(self) -> list[int]:
        """The ticked inputs' ids (non-numbers ignored)."""
        return [int(v) for v in self.data.getlist("inputs") if str(v).isdigit()]
