"""Rebuild heard/demo/data/names.json from Faker (a dev dependency; not used at run time).

Run `python -m heard.demo.build_names` after changing LOCALES. Shipping the extracted lists
keeps the demo deterministic whatever Faker version is installed, and keeps Faker out of the
production dependencies.
"""

from __future__ import annotations

import json
from pathlib import Path

from faker import Faker

from heard.demo.countries import COUNTRIES

# Every Faker locale the demo's countries name people from.
LOCALES = sorted({locale for country in COUNTRIES for locale in country.name_locales})
POOL = 60
TARGET = Path(__file__).parent / "data" / "names.json"


def _pool(method, size: int = POOL) -> list[str]:
    seen: dict[str, None] = {}
    for _ in range(size * 20):
        name = method().strip()
        if name and not set(name) & set("()[]"):
            seen.setdefault(name, None)
        if len(seen) >= size:
            break
    return sorted(seen)


def build() -> dict:
    """Name pools per locale: female/male given names and family names."""
    data = {}
    for locale in LOCALES:
        fake = Faker(locale)
        fake.seed_instance(2026)
        data[locale] = {
            "first_female": _pool(fake.first_name_female),
            "first_male": _pool(fake.first_name_male),
            "last_female": _pool(fake.last_name_female),
            "last_male": _pool(fake.last_name_male),
        }
    return data


if __name__ == "__main__":
    import faker

    payload = {
        "_source": f"Faker {faker.VERSION} person providers (MIT licence), seed 2026",
        "locales": build(),
    }
    TARGET.write_text(json.dumps(payload, ensure_ascii=False, indent=0, sort_keys=True) + "\n")
    print(f"wrote {TARGET}")
