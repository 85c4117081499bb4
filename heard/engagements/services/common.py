"""Helpers every engagements service shares: validation and tenancy checks."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from heard.core.errors import DomainError
from heard.core.models import Workspace
from heard.stakeholders.vocab import available_time_zones, language_names


def validate(obj, *, exclude: Iterable[str] = ("workspace",)) -> None:
    """`full_clean()` with the first problem raised as a DomainError fit to show a user."""
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(str(messages[0]), field=None if field == "__all__" else field) from error


def check_same_workspace(workspace: Workspace, *objects) -> None:
    """Refuse to link records of different workspaces."""
    for obj in objects:
        if obj is not None and obj.workspace_id != workspace.pk:
            raise DomainError(_("That record belongs to another workspace."), code="forbidden")


def check_time_zone(name: str, *, field: str = "time_zone") -> str:
    """The IANA name, stripped, or a DomainError naming the unknown zone."""
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Choose a time zone (e.g. Europe/Berlin)."), field=field)
    if name not in available_time_zones():
        raise DomainError(
            _("“%(zone)s” is not an IANA time zone (e.g. Africa/Nairobi).") % {"zone": name},
            field=field,
        )
    return name


def check_languages(codes: Iterable[str] | None, *, field: str = "languages") -> list[str]:
    """ISO 639-1 codes, lower-cased and de-duplicated, or a DomainError naming unknown ones."""
    known = language_names()
    cleaned: list[str] = []
    for code in codes or ():
        code = (code or "").strip().lower()
        if code and code not in cleaned:
            cleaned.append(code)
    unknown = [c for c in cleaned if c not in known]
    if unknown:
        raise DomainError(
            _("Unknown language code: %(codes)s (use ISO 639-1, e.g. en, fr, sw).")
            % {"codes": ", ".join(unknown)},
            field=field,
        )
    return cleaned
