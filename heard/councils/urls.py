"""Advisory councils URLs (under /w/<slug>/councils/)."""

from django.urls import path

from heard.core.views.audit import HistoryView
from heard.councils import views
from heard.councils.models import Council, CouncilMember

app_name = "councils"

M = "members/"

urlpatterns = [
    path("", views.CouncilListView.as_view(), name="council_list"),
    path("new/", views.CouncilCreateView.as_view(), name="council_create"),
    path("export/", views.CouncilExportView.as_view(), name="council_export"),
    path("<int:pk>/", views.CouncilDetailView.as_view(), name="council_detail"),
    path("<int:pk>/edit/", views.CouncilEditView.as_view(), name="council_edit"),
    path("<int:pk>/history/", HistoryView.as_view(model=Council), name="council_history"),
    path("<int:pk>/archive/", views.CouncilArchiveView.as_view(), name="council_archive"),
    path(
        "<int:pk>/restore/", views.CouncilArchiveView.as_view(restore=True), name="council_restore"
    ),
    path("<int:pk>/meetings/link/", views.MeetingLinkView.as_view(), name="meeting_link"),
    path(
        "<int:council_pk>/meetings/<int:pk>/unlink/",
        views.MeetingUnlinkView.as_view(),
        name="meeting_unlink",
    ),
    path("<int:pk>/members/new/", views.MemberCreateView.as_view(), name="member_create"),
    path(f"{M}<int:pk>/edit/", views.MemberEditView.as_view(), name="member_edit"),
    path(
        f"{M}<int:pk>/history/",
        HistoryView.as_view(model=CouncilMember),
        name="member_history",
    ),
    path(f"{M}<int:pk>/archive/", views.MemberArchiveView.as_view(), name="member_archive"),
    path(
        f"{M}<int:pk>/restore/",
        views.MemberArchiveView.as_view(restore=True),
        name="member_restore",
    ),
]
