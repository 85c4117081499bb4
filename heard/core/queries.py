"""Reads shared by core pages."""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from heard.core.models import AuditEntry, Invitation, Membership, Workspace


def workspace_overview(workspace: Workspace) -> dict[str, int]:
    """Counts for the workspace home page."""
    stakeholder = apps.get_model("stakeholders", "Stakeholder")
    organisation = apps.get_model("stakeholders", "Organisation")
    return {
        "stakeholders": stakeholder.objects.for_workspace(workspace).active().count(),
        "organisations": organisation.objects.for_workspace(workspace).active().count(),
        "high_risk": stakeholder.objects.for_workspace(workspace)
        .active()
        .filter(safety_level="high_risk")
        .count(),
    }


def audit_entries(workspace: Workspace) -> QuerySet[AuditEntry]:
    """The workspace's audit log, newest first, ready for a list page."""
    return (
        AuditEntry.objects.filter(workspace=workspace)
        .select_related("actor", "content_type")
        .order_by("-sequence")
    )


def object_history(workspace: Workspace, obj) -> QuerySet[AuditEntry]:
    """Audit entries about one object."""
    return audit_entries(workspace).filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )


def members_with_two_factor(workspace: Workspace) -> list[Membership]:
    """The workspace's members by name, each with `has_two_factor` (two queries in all)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    members = list(
        Membership.objects.for_workspace(workspace)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    enrolled = set(
        TOTPDevice.objects.filter(
            user__memberships__workspace=workspace, confirmed=True
        ).values_list("user_id", flat=True)
    )
    for member in members:
        member.has_two_factor = member.user_id in enrolled
    return members


def pending_invitations(workspace: Workspace) -> QuerySet[Invitation]:
    """Invitations neither accepted nor revoked (expired ones too, so they can be resent)."""
    return (
        Invitation.objects.for_workspace(workspace)
        .filter(accepted_at=None, revoked_at=None)
        .select_related("invited_by")
        .order_by("-created_at")
    )


def audited_types() -> list[ContentType]:
    """Object types the audit log can name (Heard's own models), for its type filter."""
    labels = [c.label for c in apps.get_app_configs() if c.name.startswith("heard.")]
    return sorted(
        ContentType.objects.filter(app_label__in=labels), key=lambda ct: str(ct.name).casefold()
    )
