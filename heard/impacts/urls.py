"""Initiative and impact URLs (under /w/<slug>/)."""

from django.urls import path

from heard.core.views.audit import HistoryView
from heard.impacts import views
from heard.impacts.models import EngagementPlan, Impact, ImpactAction, Initiative

app_name = "impacts"

I = "initiatives/"  # noqa: E741
M = "impacts/"
A = "impact-actions/"
P = "engagement-plans/"

urlpatterns = [
    path(I, views.InitiativeListView.as_view(), name="initiative_list"),
    path(f"{I}new/", views.InitiativeCreateView.as_view(), name="initiative_create"),
    path(f"{I}export/", views.ExportView.as_view(what="initiatives"), name="initiative_export"),
    path(f"{I}<int:pk>/", views.InitiativeDetailView.as_view(), name="initiative_detail"),
    path(f"{I}<int:pk>/edit/", views.InitiativeEditView.as_view(), name="initiative_edit"),
    path(f"{I}<int:pk>/stage/", views.InitiativeStageView.as_view(), name="initiative_stage"),
    path(f"{I}<int:pk>/plan/", views.EngagementPlanView.as_view(), name="initiative_plan"),
    path(
        f"{I}<int:pk>/history/",
        HistoryView.as_view(model=Initiative),
        name="initiative_history",
    ),
    path(
        f"{I}<int:pk>/archive/",
        views.ArchiveView.as_view(model=Initiative),
        name="initiative_archive",
    ),
    path(
        f"{I}<int:pk>/restore/",
        views.ArchiveView.as_view(model=Initiative, restore=True),
        name="initiative_restore",
    ),
    path(f"{P}<int:pk>/history/", HistoryView.as_view(model=EngagementPlan), name="plan_history"),
    path(
        f"{P}<int:pk>/archive/",
        views.ArchiveView.as_view(model=EngagementPlan),
        name="plan_archive",
    ),
    path(f"{M}", views.ImpactListView.as_view(), name="impact_list"),
    path(f"{M}new/", views.ImpactCreateView.as_view(), name="impact_create"),
    path(f"{M}export/", views.ExportView.as_view(what="impacts"), name="impact_export"),
    path(f"{M}<int:pk>/", views.ImpactDetailView.as_view(), name="impact_detail"),
    path(f"{M}<int:pk>/edit/", views.ImpactEditView.as_view(), name="impact_edit"),
    path(f"{M}<int:pk>/status/", views.ImpactStatusView.as_view(), name="impact_status"),
    path(f"{M}<int:pk>/actions/new/", views.ActionCreateView.as_view(), name="action_create"),
    path(f"{M}<int:pk>/history/", HistoryView.as_view(model=Impact), name="impact_history"),
    path(f"{M}<int:pk>/archive/", views.ArchiveView.as_view(model=Impact), name="impact_archive"),
    path(
        f"{M}<int:pk>/restore/",
        views.ArchiveView.as_view(model=Impact, restore=True),
        name="impact_restore",
    ),
    path(A, views.ActionListView.as_view(), name="action_list"),
    path(f"{A}export/", views.ExportView.as_view(what="actions"), name="action_export"),
    path(f"{A}<int:pk>/edit/", views.ActionEditView.as_view(), name="action_edit"),
    path(f"{A}<int:pk>/history/", HistoryView.as_view(model=ImpactAction), name="action_history"),
    path(
        f"{A}<int:pk>/archive/",
        views.ArchiveView.as_view(model=ImpactAction),
        name="action_archive",
    ),
    path(
        f"{A}<int:pk>/restore/",
        views.ArchiveView.as_view(model=ImpactAction, restore=True),
        name="action_restore",
    ),
]
