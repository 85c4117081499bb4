"""Models of the insight cycle: planning cycles, their cadence, and insight requests."""

from heard.insights.briefs.models.cycles import (
    DEFAULT_START_MONTHS,
    CycleSettings,
    PlanningCycle,
    cycle_settings_for,
)
from heard.insights.briefs.models.requests import (
    ANSWERED_STATUSES,
    OPEN_STATUSES,
    InsightRequest,
    RequestingTeam,
    RequestStatus,
)

__all__ = [
    "ANSWERED_STATUSES",
    "DEFAULT_START_MONTHS",
    "OPEN_STATUSES",
    "CycleSettings",
    "InsightRequest",
    "PlanningCycle",
    "RequestStatus",
    "RequestingTeam",
    "cycle_settings_for",
]
