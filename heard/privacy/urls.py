"""Data protection pages (under /w/<slug>/privacy/)."""

from django.urls import path

from heard.privacy import views

app_name = "privacy"

urlpatterns = [
    path("stakeholders/<int:pk>/", views.DataHeldView.as_view(), name="data_held"),
    path("stakeholders/<int:pk>/export.json", views.DataHeldJsonView.as_view(), name="data_json"),
    path("stakeholders/<int:pk>/erase/", views.EraseView.as_view(), name="erase"),
    path("retention/", views.RetentionView.as_view(), name="retention"),
]
