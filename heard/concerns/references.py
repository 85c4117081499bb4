"""Reference codes given to the person who raises a concern: random, not guessable, easy to
read out (no 0/O, 1/I/L)."""

from __future__ import annotations

import re
import secrets

from heard.concerns.models import REFERENCE_LENGTH

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # 31 symbols: 10 of them ≈ 49.5 bits
_NOT_CODE = re.compile(r"[\s\-_.]")


def new_reference() -> str:
    """A fresh random code (callers check it is unused)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(REFERENCE_LENGTH))


def normalise_reference(text: str) -> str:
    """What a person typed, as stored: upper case, without spaces or dashes; "" when it
    cannot be a code (wrong length or characters), so lookups of junk never hit the database."""
    code = _NOT_CODE.sub("", (text or "")).upper()
    if len(code) != REFERENCE_LENGTH or any(c not in ALPHABET for c in code):
        return ""
    return code
