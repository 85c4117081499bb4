"""Engagement pages."""

from heard.engagements.views.engagements import (
    EngagementArchiveView,
    EngagementCreateView,
    EngagementDetailView,
    EngagementEditView,
    EngagementExportView,
    EngagementListView,
    EngagementStatusView,
)
from heard.engagements.views.hrdd import HrddStepEditView, HrddStepListView
from heard.engagements.views.participants import (
    InvitationsView,
    ParticipantAddView,
    ParticipationEditView,
    ParticipationRemoveView,
)
from heard.engagements.views.sessions import (
    SchedulingView,
    SessionCalendarView,
    SessionCancelView,
    SessionCreateView,
    SessionEditView,
)

__all__ = [
    "EngagementArchiveView",
    "EngagementCreateView",
    "EngagementDetailView",
    "EngagementEditView",
    "EngagementExportView",
    "EngagementListView",
    "EngagementStatusView",
    "HrddStepEditView",
    "HrddStepListView",
    "InvitationsView",
    "ParticipantAddView",
    "ParticipationEditView",
    "ParticipationRemoveView",
    "SchedulingView",
    "SessionCalendarView",
    "SessionCancelView",
    "SessionCreateView",
    "SessionEditView",
]
