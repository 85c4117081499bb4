"""Core models: users, workspaces and memberships, the scoped base model, the audit log."""

from heard.core.models.audit import AuditAction, AuditEntry
from heard.core.models.schedule import ScheduledRun
from heard.core.models.scoped import WorkspaceQuerySet, WorkspaceScopedModel
from heard.core.models.users import User
from heard.core.models.workspaces import (
    CountryClassificationOverride,
    Invitation,
    Membership,
    Role,
    Workspace,
)

__all__ = [
    "AuditAction",
    "AuditEntry",
    "CountryClassificationOverride",
    "Invitation",
    "Membership",
    "Role",
    "ScheduledRun",
    "User",
    "Workspace",
    "WorkspaceQuerySet",
    "WorkspaceScopedModel",
]
