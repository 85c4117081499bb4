"""The API at /api/v1/: each app's router, token authentication, one error format."""

from __future__ import annotations

from django.conf import settings
from ninja import NinjaAPI, Swagger
from ninja.throttling import AuthRateThrottle

from heard.api import errors
from heard.api.auth import TokenAuth


class TokenRateThrottle(AuthRateThrottle):
    """Requests per token; the rate is `HEARD_API_RATE` (e.g. "1200/m")."""

    def __init__(self):
        super().__init__(self.configured_rate())

    @staticmethod
    def configured_rate() -> str:
        return getattr(settings, "HEARD_API_RATE", "1200/m")

    def allow_request(self, request) -> bool:
        rate = self.configured_rate()  # read per request, so a changed setting applies
        if rate != self.rate:
            self.rate = rate
            self.num_requests, self.duration = self.parse_rate(rate)
        return super().allow_request(request)

    def get_cache_key(self, request):
        token = getattr(request, "api_token", None)
        ident = token.pk if token is not None else "anonymous"
        return self.cache_format % {"scope": "api", "ident": ident}


api = NinjaAPI(
    title="Heard API",
    version="1",
    description=(
        "Stakeholder engagement records of one workspace. Authenticate with a personal access "
        "token (`Authorization: Bearer heard_…`), created under Settings → API tokens or with "
        "`heard token create`. Errors: `{code, message, fields}`."
    ),
    urls_namespace="api",
    auth=TokenAuth(),
    throttle=[TokenRateThrottle()],
    docs=Swagger(settings={"persistAuthorization": True}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)


def _routers():
    from heard.concerns.api import concerns
    from heard.councils.api import council_members, councils
    from heard.engagements.api import engagements, hrdd_steps, participations, sessions
    from heard.feedback.api import commitments, decisions, inputs, responses
    from heard.impacts.api import (
        engagement_plans,
        impact_actions,
        impacts,
        initiatives,
        rights_catalogue,
    )
    from heard.imports.api import imports
    from heard.insights.disclosure.api import reports as disclosure_reports
    from heard.insights.themes.api import themes
    from heard.policies.api import policies
    from heard.requests.api import requests as stakeholder_requests
    from heard.stakeholders.api import organisations, stakeholders
    from heard.transparency.api import transparency

    return [
        ("/organisations", organisations),
        ("/stakeholders", stakeholders),
        ("/engagements", engagements),
        ("/sessions", sessions),
        ("/participations", participations),
        ("/hrdd-steps", hrdd_steps),
        ("/initiatives", initiatives),
        ("/engagement-plans", engagement_plans),
        ("/impacts", impacts),
        ("/impact-actions", impact_actions),
        ("/rights", rights_catalogue),
        ("/councils", councils),
        ("/council-members", council_members),
        ("/inputs", inputs),
        ("/decisions", decisions),
        ("/commitments", commitments),
        ("/responses", responses),
        ("/imports", imports),
        ("/policies", policies),
        ("/concerns", concerns),
        ("/requests", stakeholder_requests),
        ("/transparency", transparency),
        ("/insights/themes", themes),
        ("/insights/disclosure", disclosure_reports),
    ]


for prefix, router in _routers():
    api.add_router(prefix, router)
errors.document(api)

__all__ = ["api"]
