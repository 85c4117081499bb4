"""Portal URLs of stakeholders' requests (under /portal/requests/). No workspace slug: the
portal session says who the stakeholder is."""

from django.urls import path

from heard.requests.views import portal

app_name = "requests_portal"

urlpatterns = [
    path("", portal.request_list, name="information"),
    path("ask/", portal.ask_information, name="ask"),
    path("data/", portal.ask_about_data, name="data"),
    path("<int:pk>/", portal.request_detail, name="detail"),
    path("<int:pk>/withdraw/", portal.withdraw, name="withdraw"),
]
