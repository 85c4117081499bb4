"""Public transparency centre URLs (under /t/<public_slug>/; no login)."""

from django.urls import path

from heard.transparency.views import public

app_name = "transparency"

urlpatterns = [
    path("", public.HomeView.as_view(), name="home"),
    path("policies/", public.PolicyListView.as_view(), name="policy_list"),
    path("policies/<int:pk>/", public.PolicyDetailView.as_view(), name="policy_detail"),
    path("minutes/", public.MinutesListView.as_view(), name="minutes_list"),
    path("minutes/<int:pk>/", public.MinutesDetailView.as_view(), name="minutes_detail"),
    path("summaries/", public.SummaryListView.as_view(), name="summary_list"),
    path("commitments/", public.CommitmentListView.as_view(), name="commitment_list"),
]
