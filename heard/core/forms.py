"""Forms of the core pages: sign-in, two-factor, invitations, members, workspace settings."""

from __future__ import annotations

import zoneinfo
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import (
    password_validators_help_text_html,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from heard.core.models import Role, User, Workspace

# --- choices


@lru_cache(maxsize=16)
def _language_choices(language: str) -> tuple[tuple[str, str], ...]:
    try:
        locale = Locale.parse(translation.to_locale(language))
    except (UnknownLocaleError, ValueError):
        locale = Locale("en")
    english = Locale("en").languages
    names = {
        code: locale.languages.get(code) or english[code]
        for code in english
        if len(code) == 2 and code.isalpha()
    }
    return tuple(
        (code, f"{name} ({code})")
        for code, name in sorted(names.items(), key=lambda item: item[1].casefold())
    )


def language_choices() -> tuple[tuple[str, str], ...]:
    """ISO 639-1 languages, named (by Babel) in the viewer's language."""
    return _language_choices(translation.get_language() or "en")


@lru_cache(maxsize=1)
def time_zone_choices() -> tuple[tuple[str, str], ...]:
    """IANA time zones known to zoneinfo (tzdata), as a sorted list."""
    zones = sorted(z for z in zoneinfo.available_timezones() if "/" in z or z == "UTC")
    return tuple((zone, zone.replace("_", " ")) for zone in zones)


class Form(forms.Form):
    """Labels without Django's trailing colon (the pages' style)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


# --- signing in


class LoginForm(AuthenticationForm):
    """Email and password; emails are matched case-insensitively (stored lower-case)."""

    def clean_username(self) -> str:
        return (self.cleaned_data.get("username") or "").strip().lower()


class CodeForm(Form):
    """A six-digit code from the app, or a backup code."""

    def __init__(self, *args, autofocus: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if autofocus:
            self.fields["code"].widget.attrs["autofocus"] = True

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "code-input",
                "spellcheck": "false",
            }
        ),
    )


class SignUpForm(Form):
    """The invited person's new account: their name and a password Django's validators accept."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        # Built per form so the rules read in the viewer's language.
        self.fields["password1"].help_text = password_validators_help_text_html()

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            candidate = User(email=self.email, full_name=data.get("full_name", ""))
            try:
                validate_password(first, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return data


# --- members


class InviteForm(Form):
    """Whom to invite and with which role (the choices depend on the inviter's role)."""

    email = forms.EmailField(label=_("Email"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.VIEWER)

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles


class RoleForm(Form):
    """A member's new role."""

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args, roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        if roles is not None:
            self.fields["role"].choices = roles


# --- settings


class WorkspaceSettingsForm(forms.ModelForm):
    """Everything the settings page changes; the service validates again and audits."""

    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-columns"}),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)

    class Meta:
        model = Workspace
        fields = Workspace.settings_fields

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # The languages already chosen come first, so the long list opens on them.
        chosen = set(self.instance.languages or [])
        choices = language_choices()
        self.fields["languages"].choices = [c for c in choices if c[0] in chosen] + [
            c for c in choices if c[0] not in chosen
        ]

    def chosen_language_names(self) -> list[str]:
        """The languages currently ticked, by name, for the summary above the long list."""
        names = dict(language_choices())
        value = self["languages"].value() or []
        return [names[code] for code in value if code in names]

    def clean_time_zone(self) -> str:
        zone = self.cleaned_data["time_zone"]
        if zone not in zoneinfo.available_timezones():
            raise ValidationError(_("Choose a time zone from the list."))
        return zone
