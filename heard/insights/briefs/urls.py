"""URLs of the insight cycle (under /w/<slug>/insights/briefs/)."""

from django.urls import path

from heard.core.views.audit import HistoryView
from heard.insights.briefs import views
from heard.insights.briefs.models import PlanningCycle

app_name = "briefs"

urlpatterns = [
    path("", views.RequestListView.as_view(), name="request_list"),
    path("new/", views.RequestCreateView.as_view(), name="request_create"),
    path("<int:pk>/", views.RequestDetailView.as_view(), name="request_detail"),
    path("<int:pk>/start/", views.RequestStartView.as_view(), name="request_start"),
    path("<int:pk>/links/", views.RequestLinkView.as_view(), name="request_links"),
    path("<int:pk>/summary/", views.RequestSummaryView.as_view(), name="request_summary"),
    path("<int:pk>/decline/", views.RequestDeclineView.as_view(), name="request_decline"),
    path("<int:pk>/close/", views.RequestCloseView.as_view(), name="request_close"),
    path("<int:pk>/history/", views.RequestHistoryView.as_view(), name="request_history"),
    path("<int:pk>/brief/", views.BriefView.as_view(), name="brief"),
    path("<int:pk>/brief.pdf", views.BriefPdfView.as_view(), name="brief_pdf"),
    path("cycles/", views.CycleListView.as_view(), name="cycle_list"),
    path("cycles/new/", views.CycleCreateView.as_view(), name="cycle_create"),
    path("cycles/next/", views.CycleNextView.as_view(), name="cycle_next"),
    path("cycles/<int:pk>/", views.CycleDetailView.as_view(), name="cycle_detail"),
    path("cycles/<int:pk>/edit/", views.CycleEditView.as_view(), name="cycle_edit"),
    path(
        "cycles/<int:pk>/history/",
        HistoryView.as_view(model=PlanningCycle),
        name="cycle_history",
    ),
    path("settings/", views.CycleSettingsView.as_view(), name="settings"),
    path("reevaluate/", views.ReevaluateView.as_view(), name="reevaluate"),
]
