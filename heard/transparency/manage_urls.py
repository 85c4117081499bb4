"""Staff URLs of the transparency centre (under /w/<slug>/transparency/): settings and a
preview of every public page, whether published or not."""

from django.urls import path

from heard.transparency.views import manage, public

app_name = "transparency_manage"

urlpatterns = [
    path("", manage.CentreSettingsView.as_view(), name="settings"),
    path("preview/", public.HomePreview.as_view(), name="preview_home"),
    path("preview/policies/", public.PolicyListPreview.as_view(), name="preview_policy_list"),
    path(
        "preview/policies/<int:pk>/",
        public.PolicyDetailPreview.as_view(),
        name="preview_policy_detail",
    ),
    path("preview/minutes/", public.MinutesListPreview.as_view(), name="preview_minutes_list"),
    path(
        "preview/minutes/<int:pk>/",
        public.MinutesDetailPreview.as_view(),
        name="preview_minutes_detail",
    ),
    path("preview/summaries/", public.SummaryListPreview.as_view(), name="preview_summary_list"),
    path(
        "preview/commitments/",
        public.CommitmentListPreview.as_view(),
        name="preview_commitment_list",
    ),
]
