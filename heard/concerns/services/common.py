"""Helpers the concern services share: validation, workspace checks, the timeline."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.concerns.models import Concern, ConcernEvent
from heard.core.errors import DomainError
from heard.core.models import Workspace

# The audit log names who acted; the public form and the portal have no Django user.
PUBLIC_FORM_ACTOR = "public form"
PORTAL_ACTOR = "stakeholder portal"


def validate(obj, *, exclude=("workspace",)) -> None:
    """`full_clean()` with the first problem raised as a DomainError naming the field."""
    try:
        obj.full_clean(exclude=list(exclude), validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        label = ""
        if field != "__all__":
            try:
                label = str(obj._meta.get_field(field).verbose_name)
            except Exception:  # noqa: BLE001 - a non-field key: show the message alone
                label = ""
        message = f"{label.capitalize()}: {messages[0]}" if label else str(messages[0])
        raise DomainError(message, field=None if field == "__all__" else field) from error


def check_same_workspace(workspace: Workspace, *objects) -> None:
    """Refuse to link records of different workspaces."""
    for obj in objects:
        if obj is not None and obj.workspace_id != workspace.pk:
            raise DomainError(_("That record belongs to another workspace."), code="forbidden")


def require_text(value: str | None, *, field: str, message: str) -> str:
    """The stripped text, or a DomainError naming the field when it is empty."""
    text = (value or "").strip()
    if not text:
        raise DomainError(message, field=field)
    return text


def actor_fields(actor) -> dict:
    """The event's `actor` and `actor_label` for a user, or a label such as "public form"."""
    if getattr(actor, "pk", None):
        return {"actor": actor, "actor_label": actor.email}
    return {"actor": None, "actor_label": str(actor or "system")}


def add_event(
    concern: Concern, kind: str, *, actor, message: str = "", internal_note: str = "", at=None
) -> ConcernEvent:
    """Append a step to the concern's timeline."""
    event = ConcernEvent(
        workspace_id=concern.workspace_id,
        concern=concern,
        kind=kind,
        at=at or timezone.now(),
        message=(message or "").strip(),
        internal_note=(internal_note or "").strip(),
        **actor_fields(actor),
    )
    validate(event, exclude=("workspace", "concern"))
    event.save()
    return event
