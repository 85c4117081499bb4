"""Who the portal visitor is: a stakeholder signed in by magic link, kept in the session.

The portal has no passwords and no Django user: the session holds the stakeholder's id and a
fingerprint of their portal key, so revoking their links (a new key) also ends open sessions.
Views of any app that serve the portal use `portal_login_required` (or `current_stakeholder`).
"""

from __future__ import annotations

from functools import wraps

from django.shortcuts import redirect

from heard.stakeholders.models import Stakeholder

SESSION_KEY = "heard_portal_stakeholder"
FINGERPRINT_KEY = "heard_portal_key"


def sign_in(request, stakeholder: Stakeholder) -> None:
    """Start a portal session for `stakeholder` (a new session key: no fixation)."""
    from heard.portal.links import access_for, key_fingerprint

    request.session.cycle_key()
    request.session[SESSION_KEY] = stakeholder.pk
    request.session[FINGERPRINT_KEY] = key_fingerprint(access_for(stakeholder))
    request._portal_stakeholder = stakeholder


def sign_out(request) -> None:
    """End the portal session (a staff login in the same browser is left alone)."""
    request.session.pop(SESSION_KEY, None)
    request.session.pop(FINGERPRINT_KEY, None)
    request._portal_stakeholder = None


def current_stakeholder(request) -> Stakeholder | None:
    """The signed-in stakeholder, or None (also when archived, merged or their links revoked
    since they signed in). One query; cached on the request."""
    if hasattr(request, "_portal_stakeholder"):
        return request._portal_stakeholder
    from heard.portal.links import key_fingerprint

    stakeholder = None
    pk = request.session.get(SESSION_KEY)
    if pk is not None:
        found = (
            Stakeholder.objects.select_related("workspace", "portal_access")
            .filter(pk=pk, archived_at__isnull=True, merged_into__isnull=True)
            .first()
        )
        access = getattr(found, "portal_access", None) if found else None
        if access is not None and key_fingerprint(access) == request.session.get(FINGERPRINT_KEY):
            stakeholder = found
    request._portal_stakeholder = stakeholder
    return stakeholder


def portal_login_required(view):
    """Sets `request.stakeholder`; without a portal session, sends to the portal's start page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        stakeholder = current_stakeholder(request)
        if stakeholder is None:
            sign_out(request)
            return redirect("portal:start")
        request.stakeholder = stakeholder
        return view(request, *args, **kwargs)

    return wrapper
