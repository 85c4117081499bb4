"""Policy pages."""

from heard.policies.views.exports import ExportView
from heard.policies.views.forums import (
    ForumArchiveView,
    ForumCreateView,
    ForumDetailView,
    ForumEditView,
    ForumListView,
    MeetingLinkView,
    MeetingPlanView,
    MeetingUnlinkView,
)
from heard.policies.views.inputs import PolicyInputsView, VersionInputsView
from heard.policies.views.minutes import (
    MinutesActionView,
    MinutesDetailView,
    MinutesRecordView,
    MinutesRedactView,
    MinutesWithdrawView,
)
from heard.policies.views.policies import (
    PolicyArchiveView,
    PolicyCreateView,
    PolicyDetailView,
    PolicyDiffView,
    PolicyEditView,
    PolicyListView,
    PolicyReopenView,
    VersionDetailView,
    VersionEditView,
    VersionStatusView,
)

__all__ = [
    "ExportView",
    "ForumArchiveView",
    "ForumCreateView",
    "ForumDetailView",
    "ForumEditView",
    "ForumListView",
    "MeetingLinkView",
    "MeetingPlanView",
    "MeetingUnlinkView",
    "MinutesActionView",
    "MinutesDetailView",
    "MinutesRecordView",
    "MinutesRedactView",
    "MinutesWithdrawView",
    "PolicyArchiveView",
    "PolicyCreateView",
    "PolicyDetailView",
    "PolicyDiffView",
    "PolicyEditView",
    "PolicyInputsView",
    "PolicyListView",
    "PolicyReopenView",
    "VersionDetailView",
    "VersionEditView",
    "VersionInputsView",
    "VersionStatusView",
]
