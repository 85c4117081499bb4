"""Feedback pages."""

from heard.feedback.views.commitments import (
    CommitmentArchiveView,
    CommitmentCreateView,
    CommitmentDetailView,
    CommitmentEditView,
    CommitmentListView,
    CommitmentProgressView,
)
from heard.feedback.views.entry import EntryView, MinutesView
from heard.feedback.views.inputs import (
    ConflictLinkView,
    ConflictRemoveView,
    DecisionView,
    InputArchiveView,
    InputCreateView,
    InputDetailView,
    InputEditView,
    InputExportView,
    InputListView,
    InputMergeView,
)
from heard.feedback.views.responses import (
    EngagementResponsesView,
    ResponseComposeView,
    ResponseDetailView,
    SummaryView,
)

__all__ = [
    "CommitmentArchiveView",
    "CommitmentCreateView",
    "CommitmentDetailView",
    "CommitmentEditView",
    "CommitmentListView",
    "CommitmentProgressView",
    "ConflictLinkView",
    "ConflictRemoveView",
    "DecisionView",
    "EngagementResponsesView",
    "EntryView",
    "InputArchiveView",
    "InputCreateView",
    "InputDetailView",
    "InputEditView",
    "InputExportView",
    "InputListView",
    "InputMergeView",
    "MinutesView",
    "ResponseComposeView",
    "ResponseDetailView",
    "SummaryView",
]
