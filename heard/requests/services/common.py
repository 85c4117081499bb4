"""Rules every request service shares: deadlines, the daily limit, who the stakeholder is."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core.errors import DomainError
from heard.core.models import Workspace
from heard.feedback.services.common import check_same_workspace, validate
from heard.requests.models import DataRequest, InformationRequest, settings_for
from heard.stakeholders.models import Stakeholder

__all__ = ["PORTAL_ACTOR", "check_same_workspace", "validate"]

# The audit log's actor for what stakeholders do in the portal (they are not Django users).
PORTAL_ACTOR = "stakeholder portal"


def due_on(received_at: datetime.datetime, days: int) -> datetime.date:
    """The date by which a request received at `received_at` must be answered."""
    return timezone.localdate(received_at) + datetime.timedelta(days=days)


def check_stakeholder(workspace: Workspace, stakeholder: Stakeholder | None) -> None:
    """A request comes from an active stakeholder of this workspace."""
    if stakeholder is None:
        raise DomainError(_("Say who made the request."), field="stakeholder")
    check_same_workspace(workspace, stakeholder)
    if stakeholder.archived_at is not None:
        raise DomainError(_("This stakeholder is archived."), field="stakeholder")


def check_daily_limit(workspace: Workspace, stakeholder: Stakeholder, now) -> None:
    """Refuse a request beyond the workspace's per-stakeholder daily limit (both kinds count):
    the portal is open to anyone holding a link, so a flood must not bury the team."""
    limit = settings_for(workspace).daily_limit
    since = now - datetime.timedelta(days=1)
    made = (
        InformationRequest.objects.for_workspace(workspace)
        .filter(stakeholder=stakeholder, received_at__gte=since)
        .count()
    )
    made += (
        DataRequest.objects.for_workspace(workspace)
        .filter(stakeholder=stakeholder, received_at__gte=since)
        .count()
    )
    if made >= limit:
        raise DomainError(
            _(
                "You have made %(n)d requests in the last 24 hours, the most we accept in a "
                "day. Please try again tomorrow."
            )
            % {"n": made},
            code="throttled",
        )


def required_text(value: str | None, *, field: str, message: str, max_length: int) -> str:
    """The trimmed text, or a DomainError naming the field when it is blank or too long."""
    text = (value or "").strip()
    if not text:
        raise DomainError(message, field=field)
    return limited_text(text, field=field, max_length=max_length)


def limited_text(value: str | None, *, field: str, max_length: int) -> str:
    """The trimmed text, or a DomainError naming the field when it is too long (TextField's
    max_length is not checked by model validation)."""
    text = (value or "").strip()
    if len(text) > max_length:
        raise DomainError(
            _("“%(field)s” is too long: at most %(limit)d characters.")
            % {"field": field, "limit": max_length},
            field=field,
        )
    return text
