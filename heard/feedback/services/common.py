"""Helpers every feedback service shares."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from heard.core.errors import DomainError
from heard.core.models import Workspace


def validate(obj, *, exclude=("workspace",)) -> None:
    """`full_clean()` with the first problem raised as a DomainError fit to show a user."""
    try:
        obj.full_clean(exclude=list(exclude), validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(str(messages[0]), field=None if field == "__all__" else field) from error


def check_same_workspace(workspace: Workspace, *objects) -> None:
    """Refuse to link records of different workspaces."""
    for obj in objects:
        if obj is not None and obj.workspace_id != workspace.pk:
            raise DomainError(_("That record belongs to another workspace."), code="forbidden")
