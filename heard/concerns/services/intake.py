"""Raising a concern: through the public form, the portal, or recorded by the team from an
email, a call, a meeting or a partner organisation."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.concerns.models import (
    Concern,
    ConcernChannel,
    ConcernChannelSettings,
    ConcernStatus,
    EventKind,
)
from heard.concerns.references import new_reference
from heard.concerns.services.common import add_event, check_same_workspace, validate
from heard.concerns.services.notify import inform_person
from heard.core import audit
from heard.core.errors import DomainError
from heard.core.models import Workspace
from heard.core.search import normalise
from heard.stakeholders.vocab import language_names


def channel_settings(workspace: Workspace) -> ConcernChannelSettings:
    """The workspace's channel settings, or unsaved defaults (channel closed)."""
    found = ConcernChannelSettings.objects.filter(workspace=workspace).first()
    return found or ConcernChannelSettings(workspace=workspace)


def _unused_reference() -> str:
    for _attempt in range(10):
        code = new_reference()
        if not Concern.objects.filter(reference=code).exists():
            return code
    raise RuntimeError("Could not find an unused reference code")  # pragma: no cover


def _deadlines(workspace: Workspace, raised_at: datetime.datetime) -> dict:
    channel = channel_settings(workspace)
    day = timezone.localdate(raised_at)
    return {
        "acknowledge_due_on": day + datetime.timedelta(days=channel.acknowledgement_days),
        "assessment_due_on": day + datetime.timedelta(days=channel.assessment_days),
        "outcome_due_on": day + datetime.timedelta(days=channel.outcome_days),
    }


def _contact(is_anonymous: bool, name: str, email: str, stakeholder) -> tuple[str, str]:
    name, email = (name or "").strip(), (email or "").strip()
    if is_anonymous and name:
        raise DomainError(
            _("Name: leave it empty to stay anonymous, or untick “anonymous”."),
            field="contact_name",
        )
    if is_anonymous and stakeholder is not None:
        raise DomainError(_("An anonymous concern is not linked to a stakeholder."))
    if len(name) > 200:
        raise DomainError(
            _("Name: use at most 200 characters."), field="contact_name", code="too_long"
        )
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            raise DomainError(
                _("Email: enter a valid email address, or leave it empty."), field="contact_email"
            ) from error
    return name, email


def _language(code: str) -> str:
    code = (code or "").strip() or settings.LANGUAGE_CODE
    if code not in language_names():
        raise DomainError(_("Language: choose a language from the list."), field="language")
    return code


@transaction.atomic
def raise_concern(
    *,
    workspace: Workspace,
    actor,
    description: str,
    channel: str,
    product_named: str = "",
    is_anonymous: bool = False,
    contact_name: str = "",
    contact_email: str = "",
    stakeholder=None,
    language: str = "",
    raised_at: datetime.datetime | None = None,
    initiative=None,
    handler=None,
) -> Concern:
    """Record a new concern with its reference code and deadlines, and tell the person it
    was received. `actor` is a member, or a label ("public form") for the public channels."""
    check_same_workspace(workspace, stakeholder, initiative)
    if channel not in ConcernChannel.values:
        raise DomainError(_("Channel: choose one of the listed channels."), field="channel")
    name, email = _contact(is_anonymous, contact_name, contact_email, stakeholder)
    raised_at = raised_at or timezone.now()
    if raised_at > timezone.now() + datetime.timedelta(minutes=5):
        raise DomainError(_("Raised at: the date cannot be in the future."), field="raised_at")
    concern = Concern(
        workspace=workspace,
        reference=_unused_reference(),
        description=(description or "").strip(),
        product_named=(product_named or "").strip(),
        channel=channel,
        raised_at=raised_at,
        is_anonymous=is_anonymous,
        contact_name=name,
        contact_email=email,
        stakeholder=stakeholder,
        language=_language(language),
        initiative=initiative,
        handler=handler,
        status=ConcernStatus.RECEIVED,
        **_deadlines(workspace, raised_at),
    )
    concern.due_on = concern.acknowledge_due_on
    concern.search_text = normalise(concern.reference, concern.description, concern.product_named)
    validate(concern)
    concern.save()
    audit.record_create(workspace=workspace, actor=actor, obj=concern)
    event = add_event(concern, EventKind.RECEIVED, actor=actor, at=raised_at)
    inform_person(concern, event)
    return concern
