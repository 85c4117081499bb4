"""Concern models: the concern, its timeline, remedies and the channel's settings."""

from heard.concerns.models.choices import (
    OPEN_REMEDY_STATUSES,
    OPEN_STATUSES,
    REMEDIABLE,
    STEPS,
    ConcernChannel,
    ConcernOutcome,
    ConcernStatus,
    EventKind,
    RemedyKind,
    RemedyStatus,
)
from heard.concerns.models.concerns import (
    MAX_DESCRIPTION_LENGTH,
    MAX_TEXT_LENGTH,
    REFERENCE_LENGTH,
    Concern,
    ConcernEvent,
    Remedy,
    format_reference,
)
from heard.concerns.models.settings import MAX_INTRO_LENGTH, ConcernChannelSettings

__all__ = [
    "MAX_DESCRIPTION_LENGTH",
    "MAX_INTRO_LENGTH",
    "MAX_TEXT_LENGTH",
    "OPEN_REMEDY_STATUSES",
    "OPEN_STATUSES",
    "REFERENCE_LENGTH",
    "REMEDIABLE",
    "STEPS",
    "Concern",
    "ConcernChannel",
    "ConcernChannelSettings",
    "ConcernEvent",
    "ConcernOutcome",
    "ConcernStatus",
    "EventKind",
    "Remedy",
    "RemedyKind",
    "RemedyStatus",
    "format_reference",
]
