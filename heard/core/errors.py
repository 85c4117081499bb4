"""The one domain error type services raise: its message is fit to show a user."""

from __future__ import annotations


class DomainError(Exception):
    """A rule was broken; `message` is shown to the user, `field` names the culprit if any."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
