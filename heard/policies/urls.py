"""Policies URLs (under /w/<slug>/policies/)."""

from django.urls import path

from heard.core.views.audit import HistoryView
from heard.policies import views
from heard.policies.models import ForumMinutes, Policy, PolicyForum, PolicyVersion

app_name = "policies"

V = "versions/"
F = "forums/"
M = "minutes/"

urlpatterns = [
    path("", views.PolicyListView.as_view(), name="policy_list"),
    path("new/", views.PolicyCreateView.as_view(), name="policy_create"),
    path("export/", views.ExportView.as_view(what="policies"), name="policy_export"),
    path("<int:pk>/", views.PolicyDetailView.as_view(), name="policy_detail"),
    path("<int:pk>/edit/", views.PolicyEditView.as_view(), name="policy_edit"),
    path("<int:pk>/history/", HistoryView.as_view(model=Policy), name="policy_history"),
    path("<int:pk>/archive/", views.PolicyArchiveView.as_view(), name="policy_archive"),
    path("<int:pk>/restore/", views.PolicyArchiveView.as_view(restore=True), name="policy_restore"),
    path("<int:pk>/reopen/", views.PolicyReopenView.as_view(), name="policy_reopen"),
    path("<int:pk>/diff/", views.PolicyDiffView.as_view(), name="policy_diff"),
    path("<int:pk>/inputs/", views.PolicyInputsView.as_view(), name="policy_inputs"),
    path(f"{V}<int:pk>/", views.VersionDetailView.as_view(), name="version_detail"),
    path(f"{V}<int:pk>/edit/", views.VersionEditView.as_view(), name="version_edit"),
    path(f"{V}<int:pk>/status/", views.VersionStatusView.as_view(), name="version_status"),
    path(f"{V}<int:pk>/inputs/", views.VersionInputsView.as_view(), name="version_inputs"),
    path(f"{V}<int:pk>/history/", HistoryView.as_view(model=PolicyVersion), name="version_history"),
    path(F, views.ForumListView.as_view(), name="forum_list"),
    path(f"{F}new/", views.ForumCreateView.as_view(), name="forum_create"),
    path(f"{F}export/", views.ExportView.as_view(what="forums"), name="forum_export"),
    path(f"{F}<int:pk>/", views.ForumDetailView.as_view(), name="forum_detail"),
    path(f"{F}<int:pk>/edit/", views.ForumEditView.as_view(), name="forum_edit"),
    path(f"{F}<int:pk>/history/", HistoryView.as_view(model=PolicyForum), name="forum_history"),
    path(f"{F}<int:pk>/archive/", views.ForumArchiveView.as_view(), name="forum_archive"),
    path(
        f"{F}<int:pk>/restore/", views.ForumArchiveView.as_view(restore=True), name="forum_restore"
    ),
    path(f"{F}<int:pk>/meetings/link/", views.MeetingLinkView.as_view(), name="meeting_link"),
    path(f"{F}<int:pk>/meetings/plan/", views.MeetingPlanView.as_view(), name="meeting_plan"),
    path(
        f"{F}<int:forum_pk>/meetings/<int:pk>/unlink/",
        views.MeetingUnlinkView.as_view(),
        name="meeting_unlink",
    ),
    path(f"{F}<int:pk>/minutes/", views.MinutesRecordView.as_view(), name="minutes_record"),
    path(f"{M}<int:pk>/", views.MinutesDetailView.as_view(), name="minutes_detail"),
    path(f"{M}<int:pk>/redact/", views.MinutesRedactView.as_view(), name="minutes_redact"),
    path(
        f"{M}<int:pk>/approve/",
        views.MinutesActionView.as_view(action="approve"),
        name="minutes_approve",
    ),
    path(
        f"{M}<int:pk>/publish/",
        views.MinutesActionView.as_view(action="publish"),
        name="minutes_publish",
    ),
    path(f"{M}<int:pk>/withdraw/", views.MinutesWithdrawView.as_view(), name="minutes_withdraw"),
    path(f"{M}<int:pk>/history/", HistoryView.as_view(model=ForumMinutes), name="minutes_history"),
]
