"""Portal URLs (under /portal/). No workspace slug: the magic link says who the visitor is.

The two staff actions live here too, under `w/<workspace_slug>/`, so the workspace
middleware checks membership as for every other workspace page.
"""

from django.urls import path

from heard.portal.views import access, give, pages, preferences, staff, survey

app_name = "portal"

urlpatterns = [
    path("", access.start, name="start"),
    path("link/", access.request_link, name="request_link"),
    path("open/<str:token>/", access.open_link, name="open"),
    path("open/<str:token>/renew/", access.renew_link, name="renew"),
    path("sign-out/", access.sign_out_view, name="sign_out"),
    path("home/", pages.home, name="home"),
    path("engagements/<int:pk>/", pages.engagement, name="engagement"),
    path("engagements/<int:pk>/input/", give.engagement_input, name="engagement_input"),
    path("engagements/<int:pk>/survey/", survey.survey, name="survey"),
    path("policies/<int:pk>/input/", give.policy_input, name="policy_input"),
    path("inputs/", pages.other_inputs, name="other_inputs"),
    path("inputs/<int:pk>/", pages.input_detail, name="input"),
    path("responses/<int:pk>/", pages.response_detail, name="response"),
    path("preferences/", preferences.preferences, name="preferences"),
    path("preferences/consent/", preferences.consent, name="consent"),
    path("preferences/invitations/", preferences.invitations, name="invitations"),
    path(
        "w/<slug:workspace_slug>/stakeholders/<int:pk>/send-link/",
        staff.SendLinkView.as_view(),
        name="staff_send_link",
    ),
    path(
        "w/<slug:workspace_slug>/stakeholders/<int:pk>/revoke-links/",
        staff.RevokeLinksView.as_view(),
        name="staff_revoke_links",
    ),
]
