"""URLs of themes (under /w/<slug>/insights/themes/)."""

from django.urls import path

from heard.insights.themes import views

app_name = "themes"

urlpatterns = [
    path("", views.ThemeListView.as_view(), name="theme_list"),
    path("recluster/", views.ReclusterView.as_view(), name="recluster"),
    path("runs/<int:pk>/", views.RunProgressView.as_view(), name="run_progress"),
    path("<int:pk>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    path("<int:pk>/rename/", views.ThemeRenameView.as_view(), name="theme_rename"),
    path("<int:pk>/merge/", views.ThemeMergeView.as_view(), name="theme_merge"),
    path("<int:pk>/split/", views.ThemeSplitView.as_view(), name="theme_split"),
    path("inputs/<int:input_pk>/move/", views.InputMoveView.as_view(), name="input_move"),
]
