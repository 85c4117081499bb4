"""Regions and the Global Majority flag, derived from the UN M49 table in data/m49_regions.csv.

A country counts as Global Majority unless it is in the M49 "developed regions" grouping
(Europe, Northern America, Australia and New Zealand, Japan). A workspace can override the
call per country (CountryClassificationOverride); `is_global_majority` applies overrides.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language, override

DATA_FILE = Path(__file__).parent / "data" / "m49_regions.csv"


@dataclass(frozen=True)
class CountryRegion:
    """Where a country sits in UN M49."""

    iso2: str
    region: str
    sub_region: str
    is_global_majority: bool


@cache
def regions() -> dict[str, CountryRegion]:
    """ISO 3166-1 alpha-2 code → its M49 region, sub-region and default Global Majority flag."""
    with DATA_FILE.open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return {
            row["iso2"]: CountryRegion(
                iso2=row["iso2"],
                region=row["region"],
                sub_region=row["sub_region"],
                is_global_majority=row["is_global_majority"] == "1",
            )
            for row in csv.DictReader(lines)
        }


def region_of(iso2: str) -> CountryRegion | None:
    """The M49 classification of a country, or None for an unknown code."""
    return regions().get((iso2 or "").upper())


def region_names() -> list[str]:
    """The M49 regions, sorted."""
    return sorted({r.region for r in regions().values()})


def global_majority_default(iso2: str) -> bool | None:
    """The table's Global Majority flag for a country, None when unknown."""
    found = region_of(iso2)
    return found.is_global_majority if found else None


def is_global_majority(iso2: str, overrides: dict[str, bool] | None = None) -> bool | None:
    """Global Majority flag after a workspace's overrides (`{iso2: flag}`)."""
    if overrides and iso2 in overrides:
        return overrides[iso2]
    return global_majority_default(iso2)


def country_choices() -> list[tuple[str, str]]:
    """(ISO code, name) of every country, sorted by name in the active language.

    django-countries translates and sorts all 250 names on every iteration; list pages build
    their country filter on every request, so the sorted list is kept per language."""
    return list(_country_choices(get_language() or settings.LANGUAGE_CODE))


@lru_cache(maxsize=16)
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    from django_countries import countries

    with override(language):
        return tuple((code, str(name)) for code, name in countries)


def country_name(code: str) -> str:
    """A country's name in the active language ("" for an unknown code), from the cached list:
    `Country.name` looks it up and translates it afresh on every call (imports call it per row)."""
    return _country_names(get_language() or settings.LANGUAGE_CODE).get(str(code or ""), "")


@lru_cache(maxsize=16)
def _country_names(language: str) -> dict[str, str]:
    return dict(_country_choices(language))
