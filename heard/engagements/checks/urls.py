"""Checks URLs (under /w/<slug>/checks/)."""

from django.urls import path

from heard.engagements.checks import views

app_name = "checks"

urlpatterns = [
    path("coverage/", views.CoverageView.as_view(), name="coverage"),
    path(
        "coverage/initiatives/<int:pk>/",
        views.CoverageView.as_view(),
        name="initiative_coverage",
    ),
    path("inclusivity/", views.InclusivityView.as_view(), name="inclusivity"),
    path("fatigue/", views.FatigueView.as_view(), name="fatigue"),
    path(
        "engagements/<int:pk>/",
        views.EngagementChecksView.as_view(),
        name="engagement_checks",
    ),
]
