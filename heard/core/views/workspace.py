"""Workspace administration: members and their roles, invitations, settings."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from heard.core import permissions, services
from heard.core.concurrency import ConflictMixin
from heard.core.errors import DomainError
from heard.core.forms import InviteForm, RoleForm, WorkspaceSettingsForm
from heard.core.models import Invitation, Membership, Role, Workspace
from heard.core.queries import members_with_two_factor, pending_invitations
from heard.core.views.base import WorkspaceMixin, WorkspaceObjectMixin

# --- members


class MembersView(WorkspaceMixin, TemplateView):
    """Members with their roles, pending invitations, and the invite form (POST)."""

    permission = permissions.MANAGE_MEMBERS
    template_name = "core/members.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        roles = services.assignable_roles(self.membership)
        members = members_with_two_factor(self.workspace)
        owner_count = sum(1 for m in members if m.role == Role.OWNER)
        for member in members:
            # Managers see owners' roles but cannot change them; the last owner stays owner.
            member.is_last_owner = member.role == Role.OWNER and owner_count == 1
            member.is_editable_by_me = not member.is_last_owner and (
                self.membership.role == Role.OWNER or member.role != Role.OWNER
            )
        context.update(
            nav="members",
            members=members,
            invitations=pending_invitations(self.workspace),
            invite_form=kwargs.get("invite_form") or InviteForm(roles=roles),
            roles=roles,
        )
        return context

    def post(self, request, *args, **kwargs):
        form = InviteForm(request.POST, roles=services.assignable_roles(self.membership))
        if form.is_valid():
            try:
                issued = services.invite_member(
                    workspace=self.workspace, actor=request.user, **form.cleaned_data
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(
                    request,
                    _("Invitation sent to %(email)s. The link works once, for 7 days.")
                    % {"email": issued.invitation.email},
                )
                return redirect("members", workspace_slug=self.workspace.slug)
        return self.render_to_response(self.get_context_data(invite_form=form), status=400)


class _MemberAction(WorkspaceObjectMixin, View):
    """A POST-only action on one membership or invitation of this workspace."""

    permission = permissions.MANAGE_MEMBERS

    def post(self, request, *args, **kwargs):
        try:
            message = self.act(request, self.get_object())
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, message)
        return self.after(request)

    def after(self, request):
        # The actor may have just removed or demoted themselves.
        membership = Membership.objects.for_workspace(self.workspace).filter(user=request.user)
        member = membership.first()
        if member is None:
            return redirect("home")
        if not member.can(permissions.MANAGE_MEMBERS):
            return redirect("workspace_home", workspace_slug=self.workspace.slug)
        return redirect("members", workspace_slug=self.workspace.slug)


class MemberRoleView(_MemberAction):
    """Give a member another role."""

    model = Membership

    def act(self, request, membership) -> str:
        form = RoleForm(request.POST)
        if not form.is_valid():
            raise DomainError(_("Choose a role from the list."), field="role")
        membership = services.change_role(
            workspace=self.workspace,
            actor=request.user,
            membership=membership,
            role=form.cleaned_data["role"],
        )
        return _("%(email)s is now %(role)s.") % {
            "email": membership.user.email,
            "role": membership.get_role_display(),
        }


class MemberRemoveView(_MemberAction):
    """Remove a member from the workspace."""

    model = Membership

    def act(self, request, membership) -> str:
        email = membership.user.email
        services.remove_member(workspace=self.workspace, actor=request.user, membership=membership)
        return _("%(email)s no longer has access to this workspace.") % {"email": email}


class InvitationResendView(_MemberAction):
    """Send a pending invitation again with a fresh link."""

    model = Invitation

    def act(self, request, invitation) -> str:
        services.resend_invitation(
            workspace=self.workspace, actor=request.user, invitation=invitation
        )
        return _("A new link was sent to %(email)s; the old one no longer works.") % {
            "email": invitation.email
        }


class InvitationRevokeView(_MemberAction):
    """Make a pending invitation's link stop working."""

    model = Invitation

    def act(self, request, invitation) -> str:
        services.revoke_invitation(
            workspace=self.workspace, actor=request.user, invitation=invitation
        )
        return _("The invitation to %(email)s was revoked.") % {"email": invitation.email}


# --- settings


def classification_url(workspace) -> str | None:
    """The Global Majority classification page, when the registry provides one."""
    try:
        return reverse("stakeholders:classification", kwargs={"workspace_slug": workspace.slug})
    except NoReverseMatch:
        return None


class WorkspaceSettingsView(ConflictMixin, WorkspaceMixin, TemplateView):
    """Name, languages, time zone, deadlines and thresholds, and the two-factor policy."""

    permission = permissions.MANAGE_SETTINGS
    template_name = "core/workspace_settings.html"
    version_fields = Workspace.settings_fields

    def versioned_object(self):
        return self.workspace

    def conflict_form(self):
        return WorkspaceSettingsForm(self.request.POST, instance=copy.copy(self.workspace))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        members = members_with_two_factor(self.workspace)
        context.update(
            nav="settings",
            form=kwargs.get("form") or WorkspaceSettingsForm(instance=self.workspace),
            classification_url=classification_url(self.workspace),
            members_without_two_factor=sum(1 for m in members if not m.has_two_factor),
        )
        return context

    def post(self, request, *args, **kwargs):
        # A copy: a ModelForm writes the submitted values into its instance even when invalid,
        # and the page header must keep showing the saved name.
        form = WorkspaceSettingsForm(request.POST, instance=copy.copy(self.workspace))
        if form.is_valid():
            try:
                services.update_workspace_settings(
                    workspace=self.workspace,
                    actor=request.user,
                    version=self.submitted_version(),
                    **form.cleaned_data,
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Settings saved."))
                return redirect("workspace_settings", workspace_slug=self.workspace.slug)
        return self.render_to_response(self.get_context_data(form=form), status=400)
