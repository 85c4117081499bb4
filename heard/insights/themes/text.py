"""Folding text for comparison: lower case without accents (light: no scikit-learn here)."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """`text` in lower case without accents ("Modération" → "moderation")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
