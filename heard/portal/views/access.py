"""Getting in and out: the start page, asking for a link, opening one, signing out.

Opening a link is two steps: the link (GET) shows a button, the button (POST) signs in. Mail
scanners that follow every link in a message would otherwise use up single-use links before
the stakeholder clicks.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from heard.core.crypto import blind_index
from heard.portal import links, services, throttle
from heard.portal.forms import LinkRequestForm
from heard.portal.links import LinkState
from heard.portal.preferences import portal_language
from heard.portal.session import current_stakeholder, sign_in, sign_out


def _too_many(request):
    return render(request, "portal/too_many.html", status=429)


def start(request):
    """The portal's front door: signed-in visitors go home, others may ask for a link."""
    if current_stakeholder(request) is not None:
        return redirect("portal:home")
    return render(request, "portal/start.html", {"form": LinkRequestForm()})


def request_link(request):
    """Ask for a link by email. The answer is the same whether or not the address is known."""
    if request.method != "POST":
        return redirect("portal:start")
    form = LinkRequestForm(request.POST)
    if not form.is_valid():
        return render(request, "portal/start.html", {"form": form}, status=400)
    email = form.cleaned_data["email"]
    if not throttle.allow(request, "request_ip", "request_address", blind_index(email)):
        return _too_many(request)
    services.queue_links_for_address(email)
    return render(request, "portal/link_requested.html")


def _open_limited(request, token: str) -> bool:
    claimed = links.token_access_id(token)
    return not throttle.allow(
        request, "open_ip", "open_address", str(claimed) if claimed is not None else None
    )


def open_link(request, token: str):
    """GET: check the link and show a button; POST: use it up and start the portal session."""
    if _open_limited(request, token):
        return _too_many(request)
    if request.method != "POST":
        check = links.check_link(token)
        if check.state != LinkState.VALID:
            return _link_problem(request, token, check)
        with translation.override(portal_language(check.access.stakeholder)):
            return render(request, "portal/open.html", {"token": token, "next": _next(request)})
    check = links.use_link(token)
    if check.state != LinkState.VALID:
        return _link_problem(request, token, check)
    stakeholder = check.access.stakeholder
    sign_in(request, stakeholder)
    language = portal_language(stakeholder)
    response = redirect(_landing(request, stakeholder))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response


def _next(request) -> str:
    value = request.POST.get("engagement") or request.GET.get("engagement") or ""
    return value if value.isdigit() else ""


def _landing(request, stakeholder) -> str:
    engagement = _next(request)
    if engagement:
        return reverse("portal:engagement", args=[int(engagement)])
    return reverse("portal:home")


def _link_problem(request, token: str, check):
    """Used, expired or unknown links: say which, and offer a fresh link."""
    status = 410 if check.state in (LinkState.USED, LinkState.EXPIRED) else 404
    context = {
        "state": check.state.value,
        "token": token,
        "can_renew": check.access is not None,
        "form": LinkRequestForm(),
    }
    return render(request, "portal/link_problem.html", context, status=status)


@require_POST
def renew_link(request, token: str):
    """Send a fresh link for a used or expired one, to the stakeholder's own address only."""
    if _open_limited(request, token):
        return _too_many(request)
    check = links.check_link(token)
    if check.access is not None:
        stakeholder = check.access.stakeholder
        if not throttle.hit("request_address", stakeholder.email_index or str(stakeholder.pk)):
            return _too_many(request)
        if stakeholder.email_index:
            services.queue_links_for_address(stakeholder.email)
    return render(request, "portal/link_requested.html")


@require_POST
def sign_out_view(request):
    """End the portal session."""
    sign_out(request)
    messages.success(request, _("You are signed out. Use the link in your next email to return."))
    return redirect("portal:start")
