"""Stakeholder and organisation pages."""

from heard.stakeholders.views.exports import ClassificationView, ExportView
from heard.stakeholders.views.organisations import (
    OrganisationArchiveView,
    OrganisationCreateView,
    OrganisationDetailView,
    OrganisationEditView,
    OrganisationListView,
)
from heard.stakeholders.views.stakeholders import (
    ConsentCreateView,
    ConsentWithdrawView,
    StakeholderArchiveView,
    StakeholderBulkView,
    StakeholderCreateView,
    StakeholderDetailView,
    StakeholderEditView,
    StakeholderListView,
    StakeholderMergeView,
)

__all__ = [
    "ClassificationView",
    "ConsentCreateView",
    "ConsentWithdrawView",
    "ExportView",
    "OrganisationArchiveView",
    "OrganisationCreateView",
    "OrganisationDetailView",
    "OrganisationEditView",
    "OrganisationListView",
    "StakeholderArchiveView",
    "StakeholderBulkView",
    "StakeholderCreateView",
    "StakeholderDetailView",
    "StakeholderEditView",
    "StakeholderListView",
    "StakeholderMergeView",
]
