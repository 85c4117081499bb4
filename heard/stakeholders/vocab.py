"""Reference vocabularies from maintained libraries: ISO 639-1 languages (Babel), IANA time
zones (zoneinfo + tzdata). Cached: both are static for the life of a process."""

from __future__ import annotations

import zoneinfo
from functools import cache

from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language


@cache
def available_time_zones() -> frozenset[str]:
    """Every IANA time zone name zoneinfo knows."""
    return frozenset(zoneinfo.available_timezones())


@cache
def _language_names(locale_code: str) -> dict[str, str]:
    try:
        locale = Locale.parse(locale_code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale("en")
    english = Locale("en").languages
    return {
        code: (locale.languages.get(code) or english[code])
        for code in sorted(english)
        if len(code) == 2 and code.isalpha()
    }


def language_names(locale_code: str | None = None) -> dict[str, str]:
    """ISO 639-1 code → language name in the viewer's language (or `locale_code`)."""
    return _language_names(locale_code or get_language() or "en")


def language_choices() -> list[tuple[str, str]]:
    """(code, "Name (code)") pairs sorted by name, for selects."""
    names = language_names()
    return sorted(((c, f"{n} ({c})") for c, n in names.items()), key=lambda p: p[1].casefold())


def language_label(code: str) -> str:
    """The name of a language code, or the code itself when unknown."""
    return language_names().get(code, code)


def time_zone_choices() -> list[str]:
    """Time zone names, sorted, for a datalist."""
    return sorted(available_time_zones())
