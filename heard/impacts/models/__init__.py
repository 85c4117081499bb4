"""Initiatives across the lifecycle, human rights impacts, their rights, groups and actions."""

from heard.impacts.models.choices import (
    STATUS_TRANSITIONS,
    ImpactKind,
    ImpactStatus,
    InitiativeKind,
    Involvement,
    LifecycleStage,
    PlanTiming,
)
from heard.impacts.models.impacts import (
    Impact,
    ImpactAction,
    ImpactRight,
    ImpactRiskGroup,
    risk_groups_of,
)
from heard.impacts.models.initiatives import EngagementPlan, Initiative, StageChange

__all__ = [
    "STATUS_TRANSITIONS",
    "EngagementPlan",
    "Impact",
    "ImpactAction",
    "ImpactKind",
    "ImpactRight",
    "ImpactRiskGroup",
    "ImpactStatus",
    "Initiative",
    "InitiativeKind",
    "Involvement",
    "LifecycleStage",
    "PlanTiming",
    "StageChange",
    "risk_groups_of",
]
