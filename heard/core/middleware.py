"""Tenancy, enforced once: `/w/<slug>/…` resolves to the user's membership or a 404."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from heard.core.models import Membership
from heard.core.security import is_two_factor_required
from heard.core.two_factor import verification_redirect

LAST_WORKSPACE_KEY = "heard_last_workspace"


class WorkspaceMiddleware:
    """Sets `request.workspace` and `request.membership` for workspace URLs.

    A workspace the user is not a member of is a 404 — the same answer as a workspace that
    does not exist, so the URL confirms nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.workspace = None
        request.membership = None
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.get("workspace_slug")
        if slug is None:
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        membership = (
            Membership.objects.select_related("workspace")
            .filter(user=request.user, workspace__slug=slug)
            .first()
        )
        if membership is None:
            raise Http404
        request.membership = membership
        request.workspace = membership.workspace
        # Anyone with a device owes a code; where the workspace requires two-factor (or the
        # member is an owner in production mode), anyone without one is sent to set it up first.
        response = verification_redirect(request, required=is_two_factor_required(membership))
        if response is not None:
            return response
        if request.session.get(LAST_WORKSPACE_KEY) != slug:
            request.session[LAST_WORKSPACE_KEY] = slug  # `home` brings the user back here
        return None
