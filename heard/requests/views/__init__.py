"""Staff pages (information and data requests, settings) and portal pages of requests."""

from heard.requests.views.data import (
    DataRequestDeclineView,
    DataRequestDetailView,
    DataRequestDoneView,
    DataRequestExportView,
    DataRequestListView,
)
from heard.requests.views.information import (
    RequestAnswerView,
    RequestDetailView,
    RequestExportView,
    RequestListView,
    RequestRefuseView,
)
from heard.requests.views.settings import RequestSettingsView

__all__ = [
    "DataRequestDeclineView",
    "DataRequestDetailView",
    "DataRequestDoneView",
    "DataRequestExportView",
    "DataRequestListView",
    "RequestAnswerView",
    "RequestDetailView",
    "RequestExportView",
    "RequestListView",
    "RequestRefuseView",
    "RequestSettingsView",
]
