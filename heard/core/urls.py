"""Core pages inside a workspace: home, audit log, members, invitations, settings."""

from django.urls import path

from heard.core.views import workspace
from heard.core.views.audit import AuditLogView
from heard.core.views.home import WorkspaceHomeView

urlpatterns = [
    path("", WorkspaceHomeView.as_view(), name="workspace_home"),
    path("audit/", AuditLogView.as_view(), name="audit_log"),
    path("members/", workspace.MembersView.as_view(), name="members"),
    path("members/<int:pk>/role/", workspace.MemberRoleView.as_view(), name="member_role"),
    path("members/<int:pk>/remove/", workspace.MemberRemoveView.as_view(), name="member_remove"),
    path(
        "invitations/<int:pk>/resend/",
        workspace.InvitationResendView.as_view(),
        name="invitation_resend",
    ),
    path(
        "invitations/<int:pk>/revoke/",
        workspace.InvitationRevokeView.as_view(),
        name="invitation_revoke",
    ),
    path("settings/", workspace.WorkspaceSettingsView.as_view(), name="workspace_settings"),
]
