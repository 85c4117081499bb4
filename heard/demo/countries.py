"""Countries the demo draws people and organisations from, with what makes them plausible.

data/countries.csv gives, per country: ISO 3166 code, relative weight, name locales (keys of
data/names.json), languages (ISO 639-1, most used first), IANA time zones in that country, the
international dialling code, the language local organisation names are written in, and a few
cities in that language's script. The weights give the Global Majority about two thirds of
the people, as for a company whose users live mostly outside Europe and North America.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "countries.csv"

# Locales whose names put the family name first; CJK names are also written without a space.
FAMILY_FIRST = frozenset({"zh_CN", "zh_TW", "ja_JP", "ko_KR", "vi_VN", "hu_HU"})
NO_SPACE = frozenset({"zh_CN", "zh_TW", "ja_JP", "ko_KR"})


@dataclass(frozen=True)
class DemoCountry:
    """One country the demo samples from."""

    code: str
    weight: int
    name_locales: tuple[str, ...]
    languages: tuple[str, ...]
    time_zones: tuple[str, ...]
    dial_code: str
    org_language: str
    cities: tuple[str, ...]


def _load() -> tuple[DemoCountry, ...]:
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple(
            DemoCountry(
                code=row["code"],
                weight=int(row["weight"]),
                name_locales=tuple(row["name_locales"].split()),
                languages=tuple(row["languages"].split()),
                time_zones=tuple(row["time_zones"].split()),
                dial_code=row["dial_code"],
                org_language=row["org_language"],
                cities=tuple(row["cities"].split(";")),
            )
            for row in rows
        )


COUNTRIES: tuple[DemoCountry, ...] = _load()
