"""The permission matrix: which role may do what. Enforced here and only here.

Views declare the action they need (`permission = "edit"`); the workspace base view asks
`role_can(membership.role, action)`. docs/permissions.md renders this same table, and
tests/core/test_permissions.py walks it.
"""

from __future__ import annotations

from heard.core.models.workspaces import Role

# Actions, in the words the views use.
VIEW = "view"  # read workspace records (high-risk identities pseudonymised)
VIEW_IDENTITY = "view_identity"  # see names and contacts of high-risk stakeholders
EDIT = "edit"  # create and update records
CONTRIBUTE = "contribute"  # add records (stakeholders, later inputs) without changing others
ARCHIVE = "archive"  # archive, restore, merge
IMPORT = "import"  # bulk import
EXPORT = "export"  # export lists
VIEW_AUDIT = "view_audit"  # read the workspace audit log
MANAGE_MEMBERS = "manage_members"  # invite, change roles, remove members
MANAGE_SETTINGS = "manage_settings"  # workspace settings, 2FA policy
# Concerns and grievances: reading them needs VIEW_IDENTITY (they carry who raised them);
# taking the steps of the procedure (acknowledge, assess, decide, remedy, close) needs this.
HANDLE_CONCERNS = "handle_concerns"
MANAGE_TRANSPARENCY = "manage_transparency"  # publish and edit the public transparency centre
# Erase a stakeholder's identity (on request or by the retention rule): irreversible, so only
# owners and managers.
ERASE = "erase"

ACTIONS: tuple[str, ...] = (
    VIEW,
    VIEW_IDENTITY,
    CONTRIBUTE,
    EDIT,
    ARCHIVE,
    IMPORT,
    EXPORT,
    VIEW_AUDIT,
    MANAGE_MEMBERS,
    MANAGE_SETTINGS,
    MANAGE_TRANSPARENCY,
    HANDLE_CONCERNS,
    ERASE,
)

MATRIX: dict[str, frozenset[str]] = {
    Role.OWNER: frozenset(ACTIONS),
    # Managers may publish the transparency centre: a statement to the public, so not editors.
    Role.MANAGER: frozenset(ACTIONS) - {MANAGE_SETTINGS},
    Role.EDITOR: frozenset(
        {
            VIEW,
            VIEW_IDENTITY,
            CONTRIBUTE,
            EDIT,
            ARCHIVE,
            IMPORT,
            EXPORT,
            VIEW_AUDIT,
            HANDLE_CONCERNS,
        }
    ),
    Role.CONTRIBUTOR: frozenset({VIEW, CONTRIBUTE}),
    Role.VIEWER: frozenset({VIEW}),
    # Auditors read everything, identities and the audit log included, and change nothing.
    Role.AUDITOR: frozenset({VIEW, VIEW_IDENTITY, EXPORT, VIEW_AUDIT}),
}


def role_can(role: str, action: str) -> bool:
    """Whether `role` may perform `action`; unknown actions are refused, never allowed."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    return action in MATRIX.get(role, frozenset())
