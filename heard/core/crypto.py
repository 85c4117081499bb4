"""Field encryption with rotating keys (MultiFernet) and keyed hashes for lookups.

Keys come from HEARD_FIELD_KEYS, newest first: the first encrypts, every key decrypts, so a
new key can be put in front and `heard keys rotate` re-encrypts the old rows.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k.encode()) for k in keys])


def fernet() -> MultiFernet:
    """The MultiFernet for the configured keys."""
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(value: str) -> str:
    """Ciphertext of `value` ("" stays "")."""
    if not value:
        return ""
    return fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    """Plaintext of `token` ("" stays ""); raises InvalidToken for a key we do not hold."""
    if not token:
        return ""
    return fernet().decrypt(token.encode()).decode()


def rotate(token: str) -> str:
    """Re-encrypt `token` under the newest key."""
    if not token:
        return ""
    return fernet().rotate(token.encode()).decode()


def blind_index(value: str) -> str:
    """A keyed hash of a normalised value, to find equal values without decrypting them.

    Keyed with a key derived from the newest configured key; `heard keys rotate` recomputes
    every stored hash along with the ciphertexts.
    """
    if not value:
        return ""
    key = hashlib.sha256(b"heard-blind-index:" + settings.FIELD_ENCRYPTION_KEYS[0].encode())
    digest = hmac.new(key.digest(), value.strip().casefold().encode(), hashlib.sha256)
    return base64.b32encode(digest.digest()).decode()[:40]


class EncryptedTextField(models.TextField):
    """A text field stored encrypted at rest; Python code sees plaintext."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        try:
            return decrypt(value)
        except InvalidToken:
            # A row encrypted with a key no longer configured: show that, never crash a page.
            return "[encrypted with an unknown key]"

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt(value)
