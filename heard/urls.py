"""URL map: public pages, accounts, and everything of a workspace under /w/<slug>/."""

from django.urls import include, path, re_path

from heard.api.main import api
from heard.api.views import api_not_found
from heard.core.views.home import home
from heard.core.views.invitations import InvitationAcceptView
from heard.ops.views import health

handler500 = "heard.ops.views.server_error"  # no database, no context processors

workspace_patterns = [
    path("", include("heard.core.urls")),
    path("", include("heard.stakeholders.urls")),
    path("imports/", include("heard.imports.urls")),
    path("", include("heard.impacts.urls")),
    path("engagements/", include("heard.engagements.urls")),
    path("councils/", include("heard.councils.urls")),
    path("checks/", include("heard.engagements.checks.urls")),
    path("", include("heard.feedback.urls")),
    path("policies/", include("heard.policies.urls")),
    path("concerns/", include("heard.concerns.urls")),
    path("transparency/", include("heard.transparency.manage_urls")),
    path("requests/", include("heard.requests.urls")),
    path("insights/", include("heard.insights.dashboards.urls")),
    path("insights/themes/", include("heard.insights.themes.urls")),
    path("insights/briefs/", include("heard.insights.briefs.urls")),
    path("insights/reports/", include("heard.insights.disclosure.urls")),
    path("settings/tokens/", include("heard.api.urls")),
    path("settings/webhooks/", include("heard.webhooks.urls")),
    path("privacy/", include("heard.privacy.urls")),
]

urlpatterns = [
    path("", home, name="home"),
    path("health", health, name="health"),  # no login: for load balancers and monitors
    path("accounts/", include("heard.core.urls_accounts")),
    path("invitations/<str:token>/", InvitationAcceptView.as_view(), name="invitation_accept"),
    path("api/v1/", api.urls),
    # Any other address under the API, newlines included: its 404, in its error format.
    re_path(r"^api/v1/(?P<rest>(?s:.*))\Z", api_not_found),
    path("i18n/", include("django.conf.urls.i18n")),
    path("w/<slug:workspace_slug>/", include(workspace_patterns)),
    # Public parts take `public_slug`, never `workspace_slug` (that one requires a member).
    path("portal/requests/", include("heard.requests.portal_urls")),
    path("portal/concerns/", include("heard.concerns.portal_urls")),
    path("portal/", include("heard.portal.urls")),
    path("t/<slug:public_slug>/", include("heard.transparency.urls")),
    path("concerns/<slug:public_slug>/", include("heard.concerns.public_urls")),
]
