"""Engagements URLs (under /w/<slug>/engagements/)."""

from django.urls import path

from heard.core.views.audit import HistoryView
from heard.engagements import views
from heard.engagements.models import Engagement, HrddStep, Participation, Session

app_name = "engagements"

urlpatterns = [
    path("", views.EngagementListView.as_view(), name="engagement_list"),
    path("new/", views.EngagementCreateView.as_view(), name="engagement_create"),
    path("export/", views.EngagementExportView.as_view(), name="engagement_export"),
    path("hrdd-steps/", views.HrddStepListView.as_view(), name="hrdd_steps"),
    path("hrdd-steps/<int:pk>/", views.HrddStepEditView.as_view(), name="hrdd_step_edit"),
    path(
        "hrdd-steps/<int:pk>/history/",
        HistoryView.as_view(model=HrddStep),
        name="hrdd_step_history",
    ),
    path("<int:pk>/", views.EngagementDetailView.as_view(), name="engagement_detail"),
    path("<int:pk>/edit/", views.EngagementEditView.as_view(), name="engagement_edit"),
    path("<int:pk>/status/", views.EngagementStatusView.as_view(), name="engagement_status"),
    path("<int:pk>/archive/", views.EngagementArchiveView.as_view(), name="engagement_archive"),
    path(
        "<int:pk>/restore/",
        views.EngagementArchiveView.as_view(restore=True),
        name="engagement_restore",
    ),
    path(
        "<int:pk>/history/",
        HistoryView.as_view(model=Engagement),
        name="engagement_history",
    ),
    path("<int:pk>/sessions/new/", views.SessionCreateView.as_view(), name="session_create"),
    path("<int:pk>/participants/add/", views.ParticipantAddView.as_view(), name="participant_add"),
    path("<int:pk>/invitations/", views.InvitationsView.as_view(), name="invitations"),
    path("<int:pk>/scheduling/", views.SchedulingView.as_view(), name="scheduling"),
    path("sessions/<int:pk>/edit/", views.SessionEditView.as_view(), name="session_edit"),
    path("sessions/<int:pk>/cancel/", views.SessionCancelView.as_view(), name="session_cancel"),
    path(
        "sessions/<int:pk>/calendar.ics",
        views.SessionCalendarView.as_view(),
        name="session_calendar",
    ),
    path(
        "sessions/<int:pk>/history/",
        HistoryView.as_view(model=Session),
        name="session_history",
    ),
    path(
        "participants/<int:pk>/edit/",
        views.ParticipationEditView.as_view(),
        name="participation_edit",
    ),
    path(
        "participants/<int:pk>/remove/",
        views.ParticipationRemoveView.as_view(),
        name="participation_remove",
    ),
    path(
        "participants/<int:pk>/history/",
        HistoryView.as_view(model=Participation),
        name="participation_history",
    ),
]
