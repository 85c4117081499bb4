"""Feedback URLs (under /w/<slug>/: inputs/, responses/, commitments/)."""

from django.urls import path

from heard.core import permissions
from heard.core.views.audit import HistoryView
from heard.feedback import views
from heard.feedback.models import Commitment, Input

app_name = "feedback"

urlpatterns = [
    path("inputs/", views.InputListView.as_view(), name="input_list"),
    path("inputs/new/", views.InputCreateView.as_view(), name="input_create"),
    path("inputs/export/", views.InputExportView.as_view(), name="input_export"),
    path("inputs/<int:pk>/", views.InputDetailView.as_view(), name="input_detail"),
    path("inputs/<int:pk>/edit/", views.InputEditView.as_view(), name="input_edit"),
    path("inputs/<int:pk>/decide/", views.DecisionView.as_view(), name="input_decide"),
    path("inputs/<int:pk>/conflicts/", views.ConflictLinkView.as_view(), name="conflict_link"),
    path("inputs/<int:pk>/merge/", views.InputMergeView.as_view(), name="input_merge"),
    path("inputs/<int:pk>/archive/", views.InputArchiveView.as_view(), name="input_archive"),
    path(
        "inputs/<int:pk>/restore/",
        views.InputArchiveView.as_view(restore=True),
        name="input_restore",
    ),
    # Who recorded and changed what can reveal who said what: the core team only.
    path(
        "inputs/<int:pk>/history/",
        HistoryView.as_view(model=Input, permission=permissions.VIEW_IDENTITY),
        name="input_history",
    ),
    path(
        "inputs/conflicts/<int:pk>/remove/",
        views.ConflictRemoveView.as_view(),
        name="conflict_remove",
    ),
    path("inputs/entry/<int:engagement_pk>/", views.EntryView.as_view(), name="entry"),
    path("inputs/minutes/<int:engagement_pk>/", views.MinutesView.as_view(), name="minutes"),
    path(
        "responses/engagement/<int:engagement_pk>/",
        views.EngagementResponsesView.as_view(),
        name="engagement_responses",
    ),
    path(
        "responses/engagement/<int:engagement_pk>/to/<int:stakeholder_pk>/",
        views.ResponseComposeView.as_view(),
        name="response_compose",
    ),
    path(
        "responses/engagement/<int:engagement_pk>/summary/",
        views.SummaryView.as_view(),
        name="summary_edit",
    ),
    path("responses/<int:pk>/", views.ResponseDetailView.as_view(), name="response_detail"),
    path("commitments/", views.CommitmentListView.as_view(), name="commitment_list"),
    path("commitments/new/", views.CommitmentCreateView.as_view(), name="commitment_create"),
    path("commitments/<int:pk>/", views.CommitmentDetailView.as_view(), name="commitment_detail"),
    path("commitments/<int:pk>/edit/", views.CommitmentEditView.as_view(), name="commitment_edit"),
    path(
        "commitments/<int:pk>/progress/",
        views.CommitmentProgressView.as_view(),
        name="commitment_progress",
    ),
    path(
        "commitments/<int:pk>/archive/",
        views.CommitmentArchiveView.as_view(),
        name="commitment_archive",
    ),
    path(
        "commitments/<int:pk>/restore/",
        views.CommitmentArchiveView.as_view(restore=True),
        name="commitment_restore",
    ),
    path(
        "commitments/<int:pk>/history/",
        HistoryView.as_view(model=Commitment),
        name="commitment_history",
    ),
]
