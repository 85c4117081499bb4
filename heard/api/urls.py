"""API token pages inside a workspace."""

from django.urls import path

from heard.api.views import TokenListView, TokenRevokeView

urlpatterns = [
    path("", TokenListView.as_view(), name="api_tokens"),
    path("<int:pk>/revoke/", TokenRevokeView.as_view(), name="api_token_revoke"),
]
