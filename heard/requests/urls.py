"""Staff URLs of stakeholders' requests (under /w/<slug>/requests/)."""

from django.urls import path

from heard.core.views.audit import HistoryView
from heard.requests import views
from heard.requests.models import DataRequest, InformationRequest

app_name = "requests"

urlpatterns = [
    path("", views.RequestListView.as_view(), name="request_list"),
    path("export/", views.RequestExportView.as_view(), name="request_export"),
    path("settings/", views.RequestSettingsView.as_view(), name="settings"),
    path("<int:pk>/", views.RequestDetailView.as_view(), name="request_detail"),
    path("<int:pk>/answer/", views.RequestAnswerView.as_view(), name="request_answer"),
    path("<int:pk>/refuse/", views.RequestRefuseView.as_view(), name="request_refuse"),
    path(
        "<int:pk>/history/",
        HistoryView.as_view(model=InformationRequest),
        name="request_history",
    ),
    path("data/", views.DataRequestListView.as_view(), name="data_list"),
    path("data/export/", views.DataRequestExportView.as_view(), name="data_export"),
    path("data/<int:pk>/", views.DataRequestDetailView.as_view(), name="data_detail"),
    path("data/<int:pk>/done/", views.DataRequestDoneView.as_view(), name="data_done"),
    path("data/<int:pk>/decline/", views.DataRequestDeclineView.as_view(), name="data_decline"),
    path(
        "data/<int:pk>/history/",
        HistoryView.as_view(model=DataRequest),
        name="data_history",
    ),
]
