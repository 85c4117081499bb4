"""Import URLs (under /w/<slug>/imports/)."""

from django.urls import path

from heard.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.ImportListView.as_view(), name="list"),
    path("new/", views.ImportUploadView.as_view(), name="upload"),
    path("<int:pk>/mapping/", views.ImportMappingView.as_view(), name="mapping"),
    path("<int:pk>/preview/", views.ImportPreviewView.as_view(), name="preview"),
    path("<int:pk>/apply/", views.ImportApplyView.as_view(), name="apply"),
    path("<int:pk>/progress/", views.ImportProgressView.as_view(), name="progress"),
    path("<int:pk>/result/", views.ImportResultView.as_view(), name="result"),
    path("<int:pk>/cancel/", views.ImportCancelView.as_view(), name="cancel"),
]
