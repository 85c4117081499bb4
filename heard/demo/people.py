"""Plausible people: names in the scripts of their countries, contact details, dates."""

from __future__ import annotations

import json
import random
from functools import cache
from pathlib import Path

from heard.core.search import normalise
from heard.demo.countries import COUNTRIES, FAMILY_FIRST, NO_SPACE, DemoCountry

NAMES_FILE = Path(__file__).parent / "data" / "names.json"
EMAIL_DOMAINS = ("example.org", "mail.example.org", "ngo.example.org", "uni.example.org")


@cache
def name_pools() -> dict[str, dict[str, list[str]]]:
    """Given and family names per Faker locale (extracted once by build_names.py)."""
    return json.loads(NAMES_FILE.read_text(encoding="utf-8"))["locales"]


class CountryPicker:
    """Draws countries by weight."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.countries = COUNTRIES
        self.cumulative = []
        total = 0
        for country in COUNTRIES:
            total += country.weight
            self.cumulative.append(total)

    def pick(self) -> DemoCountry:
        return self.rng.choices(self.countries, cum_weights=self.cumulative)[0]


def person_name(rng: random.Random, country: DemoCountry) -> str:
    """A full name from one of the country's name locales."""
    locale = rng.choice(country.name_locales)
    pool = name_pools()[locale]
    gender = "female" if rng.random() < 0.52 else "male"
    given = rng.choice(pool[f"first_{gender}"])
    family = rng.choice(pool[f"last_{gender}"])
    if locale in NO_SPACE:
        return f"{family}{given}"
    if locale in FAMILY_FIRST:
        return f"{family} {given}"
    return f"{given} {family}"


def ascii_slug(text: str, separator: str = ".", max_words: int = 4) -> str:
    """Lower-case ASCII words of `text` ("José García" → "jose.garcia"), "" for other scripts."""
    words = [w for w in normalise(text).split() if w.isascii() and w.isalnum()]
    return separator.join(words[:max_words])


def email_for(rng: random.Random, name: str, number: int) -> str:
    """A contact email on an example.org domain; non-Latin names get a neutral local part."""
    local = ascii_slug(name) or "contact"
    return f"{local}.{number}@{rng.choice(EMAIL_DOMAINS)}"


def phone_for(rng: random.Random, country: DemoCountry) -> str:
    """An international number with the country's dialling code."""
    digits = "".join(str(rng.randrange(10)) for _ in range(9))
    return f"+{country.dial_code} {digits[:3]} {digits[3:6]} {digits[6:]}"


def handle_for(rng: random.Random, name: str, number: int) -> str:
    """A messaging handle (Signal, WhatsApp, Telegram)."""
    service = rng.choice(("Signal", "WhatsApp", "Telegram"))
    return f"{service}: @{ascii_slug(name, '_') or 'user'}{number % 1000}"
