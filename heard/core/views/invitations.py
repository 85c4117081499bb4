"""Accepting an invitation: `/invitations/<token>/`, the link in the invitation email.

GET never uses the link up (mail scanners open links); joining is a POST. Every dead end —
unknown, expired, used or revoked link, wrong account — is a page that says what to do.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from heard.core import services
from heard.core.errors import DomainError
from heard.core.forms import SignUpForm
from heard.core.models import Membership, User

PROBLEM_STATUS = {"unknown": 404, "expired": 410, "accepted": 410, "revoked": 410}


@method_decorator([never_cache, sensitive_post_parameters("password1", "password2")], "dispatch")
class InvitationAcceptView(View):
    """Join a workspace from an invitation: as the logged-in invitee, or by signing up."""

    def dispatch(self, request, token: str):
        self.invitation = services.find_invitation(token)
        problem = services.invitation_problem(self.invitation)
        if problem:
            return render(
                request,
                "core/invitation_invalid.html",
                {"problem": problem, "invitation": self.invitation},
                status=PROBLEM_STATUS[problem],
            )
        user = request.user
        if user.is_authenticated:
            if user.email.lower() != self.invitation.email.lower():
                return render(
                    request,
                    "core/invitation_wrong_account.html",
                    {"invitation": self.invitation},
                    status=403,
                )
            if (
                Membership.objects.for_workspace(self.invitation.workspace)
                .filter(user=user)
                .exists()
            ):
                messages.info(request, _("You are already a member of this workspace."))
                return redirect("workspace_home", workspace_slug=self.invitation.workspace.slug)
            return super().dispatch(request, token)
        if User.objects.filter(email__iexact=self.invitation.email).exists():
            messages.info(request, _("Log in to accept the invitation."))
            return redirect_to_login(request.get_full_path())
        return self.sign_up(request)

    def get(self, request, token: str):
        return self._render(request, "core/invitation_accept.html", {})

    def post(self, request, token: str):
        try:
            services.accept_invitation(invitation=self.invitation, user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("home")
        return self._joined(request)

    def sign_up(self, request):
        """No account for the invited address yet: create one and join in one step."""
        form = SignUpForm(request.POST or None, email=self.invitation.email)
        if request.method == "POST" and form.is_valid():
            try:
                user, _membership = services.sign_up_and_accept(
                    invitation=self.invitation,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return self._joined(request)
        return self._render(request, "core/invitation_signup.html", {"form": form})

    def _render(self, request, template: str, context: dict):
        context.update(invitation=self.invitation, role=self.invitation.get_role_display())
        return render(request, template, context)

    def _joined(self, request):
        workspace = self.invitation.workspace
        messages.success(request, _("Welcome to %(name)s.") % {"name": workspace.name})
        return redirect("workspace_home", workspace_slug=workspace.slug)
