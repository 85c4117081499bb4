"""URLs of dashboards (under /w/<slug>/insights/)."""

from django.urls import path

from heard.insights.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.WorkspaceDashboardView.as_view(), name="workspace"),
    path(
        "initiatives/<int:pk>/",
        views.InitiativeDashboardView.as_view(),
        name="initiative",
    ),
]
