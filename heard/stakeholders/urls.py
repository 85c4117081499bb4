"""Stakeholder and organisation URLs (under /w/<slug>/)."""

from django.urls import path

from heard.core.views.audit import HistoryView
from heard.stakeholders import views
from heard.stakeholders.models import Organisation, Stakeholder

app_name = "stakeholders"

S = "stakeholders/"
O = "organisations/"  # noqa: E741

urlpatterns = [
    path(S, views.StakeholderListView.as_view(), name="stakeholder_list"),
    path(f"{S}new/", views.StakeholderCreateView.as_view(), name="stakeholder_create"),
    path(f"{S}bulk/", views.StakeholderBulkView.as_view(), name="stakeholder_bulk"),
    path(
        f"{S}export/",
        views.ExportView.as_view(what="stakeholders"),
        name="stakeholder_export",
    ),
    path(
        f"{S}classification/",
        views.ClassificationView.as_view(),
        name="classification",
    ),
    path(f"{S}<int:pk>/", views.StakeholderDetailView.as_view(), name="stakeholder_detail"),
    path(f"{S}<int:pk>/edit/", views.StakeholderEditView.as_view(), name="stakeholder_edit"),
    path(
        f"{S}<int:pk>/history/",
        HistoryView.as_view(model=Stakeholder),
        name="stakeholder_history",
    ),
    path(
        f"{S}<int:pk>/archive/",
        views.StakeholderArchiveView.as_view(),
        name="stakeholder_archive",
    ),
    path(
        f"{S}<int:pk>/restore/",
        views.StakeholderArchiveView.as_view(restore=True),
        name="stakeholder_restore",
    ),
    path(f"{S}<int:pk>/merge/", views.StakeholderMergeView.as_view(), name="stakeholder_merge"),
    path(
        f"{S}<int:pk>/consents/new/",
        views.ConsentCreateView.as_view(),
        name="consent_create",
    ),
    path(
        f"{S}<int:stakeholder_pk>/consents/<int:pk>/withdraw/",
        views.ConsentWithdrawView.as_view(),
        name="consent_withdraw",
    ),
    path(O, views.OrganisationListView.as_view(), name="organisation_list"),
    path(f"{O}new/", views.OrganisationCreateView.as_view(), name="organisation_create"),
    path(
        f"{O}export/",
        views.ExportView.as_view(what="organisations"),
        name="organisation_export",
    ),
    path(f"{O}<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path(f"{O}<int:pk>/edit/", views.OrganisationEditView.as_view(), name="organisation_edit"),
    path(
        f"{O}<int:pk>/history/",
        HistoryView.as_view(model=Organisation),
        name="organisation_history",
    ),
    path(
        f"{O}<int:pk>/archive/",
        views.OrganisationArchiveView.as_view(),
        name="organisation_archive",
    ),
    path(
        f"{O}<int:pk>/restore/",
        views.OrganisationArchiveView.as_view(restore=True),
        name="organisation_restore",
    ),
]
