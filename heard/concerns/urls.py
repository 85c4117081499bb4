"""Concern handling for the company's team (under /w/<slug>/concerns/)."""

from django.urls import path

from heard.concerns.models import Concern
from heard.concerns.views import channel, staff, steps
from heard.core import permissions
from heard.core.views.audit import HistoryView

app_name = "concerns"

urlpatterns = [
    path("", staff.ConcernListView.as_view(), name="concern_list"),
    path("export/", staff.ConcernExportView.as_view(), name="concern_export"),
    path("new/", staff.ConcernCreateView.as_view(), name="concern_create"),
    path("figures/", channel.ChannelFiguresView.as_view(), name="channel_figures"),
    path("settings/", channel.ChannelSettingsView.as_view(), name="channel_settings"),
    path("<int:pk>/", staff.ConcernDetailView.as_view(), name="concern_detail"),
    path("<int:pk>/acknowledge/", steps.AcknowledgeView.as_view(), name="concern_acknowledge"),
    path("<int:pk>/assess/", steps.AssessView.as_view(), name="concern_assess"),
    path("<int:pk>/outcome/", steps.OutcomeView.as_view(), name="concern_outcome"),
    path(
        "<int:pk>/not-admissible/",
        steps.NotAdmissibleView.as_view(),
        name="concern_not_admissible",
    ),
    path("<int:pk>/remedies/", steps.RemedyAddView.as_view(), name="remedy_add"),
    path("<int:pk>/close/", steps.CloseView.as_view(), name="concern_close"),
    path("<int:pk>/message/", steps.MessageView.as_view(), name="concern_message"),
    path("remedies/<int:pk>/", steps.RemedyUpdateView.as_view(), name="remedy_update"),
    # Who handled what, and the masked contact changes: the same people who read concerns.
    path(
        "<int:pk>/history/",
        HistoryView.as_view(model=Concern, permission=permissions.VIEW_IDENTITY),
        name="concern_history",
    ),
]
