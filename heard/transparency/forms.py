"""The staff form of the transparency centre's settings."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.transparency.models import TransparencyCentre


class CentreForm(forms.ModelForm):
    """Title, address, introduction, contact, what to show, and the publish switch."""

    class Meta:
        model = TransparencyCentre
        fields = (
            "is_published",
            "title",
            "public_slug",
            "introduction",
            "contact",
            "are_summaries_public",
        )
        widgets = {"introduction": forms.Textarea(attrs={"rows": 6})}
        labels = {"is_published": _("Publish the transparency centre")}

    def validate_unique(self) -> None:
        """The service checks the public address (against other workspaces too)."""
