"""Pages of the insight cycle: requests, the answering workflow, briefs, cycles, settings."""

from heard.insights.briefs.views.brief import BriefPdfView, BriefView
from heard.insights.briefs.views.cycles import (
    CycleCreateView,
    CycleDetailView,
    CycleEditView,
    CycleListView,
    CycleNextView,
    CycleSettingsView,
    ReevaluateView,
)
from heard.insights.briefs.views.requests import (
    RequestCloseView,
    RequestCreateView,
    RequestDeclineView,
    RequestDetailView,
    RequestHistoryView,
    RequestLinkView,
    RequestListView,
    RequestStartView,
    RequestSummaryView,
)

__all__ = [
    "BriefPdfView",
    "BriefView",
    "CycleCreateView",
    "CycleDetailView",
    "CycleEditView",
    "CycleListView",
    "CycleNextView",
    "CycleSettingsView",
    "ReevaluateView",
    "RequestCloseView",
    "RequestCreateView",
    "RequestDeclineView",
    "RequestDetailView",
    "RequestHistoryView",
    "RequestLinkView",
    "RequestListView",
    "RequestStartView",
    "RequestSummaryView",
]
