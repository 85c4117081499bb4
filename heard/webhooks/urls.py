"""Webhook URLs (under /w/<slug>/settings/webhooks/)."""

from django.urls import path

from heard.webhooks import views

app_name = "webhooks"

urlpatterns = [
    path("", views.EndpointListView.as_view(), name="endpoint_list"),
    path("new/", views.EndpointCreateView.as_view(), name="endpoint_create"),
    path("<int:pk>/", views.EndpointDetailView.as_view(), name="endpoint_detail"),
    path("<int:pk>/edit/", views.EndpointEditView.as_view(), name="endpoint_edit"),
    path(
        "<int:pk>/deactivate/",
        views.EndpointActiveView.as_view(is_active=False),
        name="endpoint_deactivate",
    ),
    path(
        "<int:pk>/activate/",
        views.EndpointActiveView.as_view(is_active=True),
        name="endpoint_activate",
    ),
    path("<int:pk>/rotate-secret/", views.EndpointRotateView.as_view(), name="endpoint_rotate"),
    path("<int:pk>/test/", views.EndpointTestView.as_view(), name="endpoint_test"),
    path(
        "<int:endpoint_pk>/deliveries/<int:pk>/redeliver/",
        views.RedeliverView.as_view(),
        name="delivery_redeliver",
    ),
]
