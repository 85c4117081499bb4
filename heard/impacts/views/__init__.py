"""Initiative and impact pages."""

from heard.impacts.views.common import ArchiveView, ExportView
from heard.impacts.views.impacts import (
    ActionCreateView,
    ActionEditView,
    ActionListView,
    ImpactCreateView,
    ImpactDetailView,
    ImpactEditView,
    ImpactListView,
    ImpactStatusView,
)
from heard.impacts.views.initiatives import (
    EngagementPlanView,
    InitiativeCreateView,
    InitiativeDetailView,
    InitiativeEditView,
    InitiativeListView,
    InitiativeStageView,
)

__all__ = [
    "ActionCreateView",
    "ActionEditView",
    "ActionListView",
    "ArchiveView",
    "EngagementPlanView",
    "ExportView",
    "ImpactCreateView",
    "ImpactDetailView",
    "ImpactEditView",
    "ImpactListView",
    "ImpactStatusView",
    "InitiativeCreateView",
    "InitiativeDetailView",
    "InitiativeEditView",
    "InitiativeListView",
    "InitiativeStageView",
]
