"""The portal's concern channel, under /portal/concerns/ (a signed-in stakeholder)."""

from django.urls import path

from heard.concerns.views import portal

app_name = "concerns_portal"

urlpatterns = [
    path("", portal.concern_list, name="list"),
    path("new/", portal.concern_new, name="new"),
    path("<str:reference>/", portal.concern_detail, name="detail"),
]
