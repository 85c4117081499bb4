"""Engagement models: engagements, sessions, participation and HRDD steps."""

from heard.engagements.models.choices import (
    STATUS_ORDER,
    AttributionRule,
    CompensationStatus,
    EngagementFormat,
    EngagementStatus,
    InvitationState,
    Mode,
    ParticipationRole,
    Representation,
)
from heard.engagements.models.engagements import Engagement, Session
from heard.engagements.models.hrdd import DEFAULT_HRDD_STEPS, HrddStep
from heard.engagements.models.participation import Participation

__all__ = [
    "DEFAULT_HRDD_STEPS",
    "STATUS_ORDER",
    "AttributionRule",
    "CompensationStatus",
    "Engagement",
    "EngagementFormat",
    "EngagementStatus",
    "HrddStep",
    "InvitationState",
    "Mode",
    "Participation",
    "ParticipationRole",
    "Representation",
    "Session",
]
