"""Security controls that cut across pages: the security events of the audit log, session
expiry, the back-stop rate limit on public POSTs, two-factor for owners, and HTML sanitising.

See docs/security.md for the whole list of controls and the tests that prove each.
"""

from __future__ import annotations

import logging
import time

import nh3
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.shortcuts import render

from heard.core import audit
from heard.core.models import AuditAction, Membership, Role, User
from heard.core.throttle import client_address, count

log = logging.getLogger(__name__)

# --- security events in the audit log
#
# A person's sign-ins, failed sign-ins, sign-outs, password and two-factor changes are recorded
# in *every* workspace they belong to: each workspace's owners see everything that happens to
# the accounts that can open their workspace, whichever workspace the person then opens.
# Nothing is recorded for an address that is no account (it would put a stranger's typo, or a
# guessed address, into a workspace's permanent log). Passwords and codes are never recorded.

LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOGOUT = "logout"
SESSION_EXPIRED = "session_expired"
LOCKED_OUT = "locked_out"
PASSWORD_CHANGED = "password_changed"
PASSWORD_RESET_REQUESTED = "password_reset_requested"
PASSWORD_RESET = "password_reset"
BACKUP_CODES_RENEWED = "backup_codes_renewed"


def record_security_event(*, user: User, event: str, request=None, actor=None) -> int:
    """Write `event` about `user` into the audit log of each of their workspaces; returns how
    many entries were written. `actor` defaults to the user (a failed sign-in passes
    "anonymous": whoever typed the password is not known to be the user)."""
    changes = {"event": [None, event]}
    if request is not None:
        changes["ip_address"] = [None, client_address(request)]
    written = 0
    memberships = Membership.objects.filter(user=user).select_related("workspace", "user")
    for membership in memberships:
        audit.record(
            workspace=membership.workspace,
            actor=user if actor is None else actor,
            action=AuditAction.SECURITY,
            obj=membership,
            changes=changes,
        )
        written += 1
    return written


def _user_by_email(email: str | None) -> User | None:
    email = (email or "").strip()
    if not email:
        return None
    return User.objects.filter(email__iexact=email).first()


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    """`user_login_failed` receiver: recorded for an existing account only. Django has already
    replaced the password in `credentials`; only the username is read."""
    if getattr(request, "axes_locked_out", False):
        return  # refused because the sign-in is paused: recorded once, as `locked_out`
    user = _user_by_email(credentials.get("username") or credentials.get("email"))
    if user is not None:
        record_security_event(user=user, event=LOGIN_FAILED, request=request, actor="anonymous")


def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    """django-axes' `user_locked_out` receiver: the account's sign-in is paused. Axes signals
    every refused attempt during the pause; one entry per account and address per pause
    keeps someone hammering a locked account from flooding the log."""
    user = _user_by_email(username)
    if user is None:
        return
    pause = int(settings.AXES_COOLOFF_TIME * 60 * 60)
    if cache.add(f"heard:locked-out-recorded:{user.pk}:{ip_address}", 1, timeout=pause):
        record_security_event(user=user, event=LOCKED_OUT, request=request, actor="anonymous")


# --- session expiry

AUTH_AT_KEY = "heard_auth_at"
SEEN_AT_KEY = "heard_seen_at"
# The last-seen time is written at most this often: a session write per request would cost a
# database write per page view.
SEEN_RESOLUTION = 60
# heard.portal.session.SESSION_KEY (not imported: core never imports the apps above it).
PORTAL_SESSION_KEY = "heard_portal_stakeholder"


def mark_session_start(request) -> None:
    """Stamp a fresh login's session (called by the `user_logged_in` receiver)."""
    now = int(time.time())
    request.session[AUTH_AT_KEY] = now
    request.session[SEEN_AT_KEY] = now


def on_logged_in(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver: a new session starts its absolute and idle clocks."""
    if request is not None and hasattr(request, "session"):
        mark_session_start(request)


def session_expiry_reason(session, now: int) -> str | None:
    """'idle' or 'age' when the session has expired, else None."""
    auth_at = session.get(AUTH_AT_KEY)
    seen_at = session.get(SEEN_AT_KEY)
    if auth_at is not None and now - auth_at > settings.HEARD_SESSION_MAX_AGE:
        return "age"
    if seen_at is not None and now - seen_at > settings.HEARD_SESSION_IDLE_SECONDS:
        return "idle"
    return None


class SessionExpiryMiddleware:
    """Signs out a session idle for HEARD_SESSION_IDLE_SECONDS or older than
    HEARD_SESSION_MAX_AGE since its login, whatever the cookie says: Django's own expiry
    moves forward every time the session is saved, so it is no absolute limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        is_member = user is not None and user.is_authenticated
        # A stakeholder signed in to the portal by magic link has a session too.
        if is_member or PORTAL_SESSION_KEY in request.session:
            now = int(time.time())
            reason = session_expiry_reason(request.session, now)
            if reason is not None:
                request.heard_session_expired = reason
                if not is_member:
                    request.session.flush()  # the portal's pages send them to ask for a link
                    return self.get_response(request)
                record_security_event(user=user, event=SESSION_EXPIRED, request=request)
                logout(request)
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            seen_at = request.session.get(SEEN_AT_KEY)
            if seen_at is None or now - seen_at >= SEEN_RESOLUTION:
                request.session[SEEN_AT_KEY] = now
                request.session.setdefault(AUTH_AT_KEY, now)
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Signed in to the portal by this request: start the clocks in the same save.
        if (
            session is not None
            and session.modified
            and SEEN_AT_KEY not in session
            and PORTAL_SESSION_KEY in session
        ):
            mark_session_start(request)
        return response


# --- back-stop rate limit on public POSTs

# Paths whose POSTs are members' work inside a workspace (authenticated, authorised, audited)
# or the API (throttled per token by the API itself).
NOT_PUBLIC_PREFIXES = ("/w/", "/api/", "/static/")


def is_public_post(request) -> bool:
    """Whether the request is a POST to a page anyone can reach (sign-in, portal, forms)."""
    return request.method == "POST" and not request.path.startswith(NOT_PUBLIC_PREFIXES)


class PublicPostThrottleMiddleware:
    """At most HEARD_PUBLIC_POST_LIMIT = (posts, seconds) POSTs per client address to the
    public pages, whatever the page. Pages with their own, stricter limits (axes for
    sign-in, portal links, concern forms, information requests) keep them; this catches the
    rest, and any public form added later, with a 429."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_public_post(request):
            allowed, window = settings.HEARD_PUBLIC_POST_LIMIT
            key = f"heard:public-post:{client_address(request)}"
            if count(key, window) > allowed:
                log.warning("public POST limit reached", extra={"path": request.path})
                return render(request, "core/throttled.html", status=429)
        return self.get_response(request)


# --- two-factor for owners


def is_two_factor_required(membership: Membership) -> bool:
    """Whether this member must have two-factor to open the workspace: where the workspace
    requires it of everyone, and for owners where HEARD_OWNER_TWO_FACTOR_REQUIRED (on in
    production mode, HEARD_SECURE=1)."""
    if membership.workspace.is_two_factor_required:
        return True
    return membership.role == Role.OWNER and settings.HEARD_OWNER_TWO_FACTOR_REQUIRED


# --- HTML from users

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "a",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitise_html(html: str) -> str:
    """HTML a user wrote, reduced to harmless formatting (nh3): no script, style, event
    handlers, iframes or javascript:/data: links; links get rel="noopener noreferrer".
    Heard stores no user HTML today (text is escaped on output); any rich text goes here."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
