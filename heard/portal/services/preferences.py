"""What a stakeholder changes about themselves: language, channel, topics, consent, and
whether they want to be invited again. Consent goes through the registry's own services, so
the stakeholder page shows the same history whoever recorded it."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.errors import DomainError
from heard.portal.links import access_for
from heard.portal.models import ContactChannel, PortalAccess
from heard.portal.preferences import PORTAL_LANGUAGES
from heard.portal.services.common import PortalActor
from heard.stakeholders import services as registry
from heard.stakeholders.models import (
    Consent,
    ConsentMethod,
    ConsentPurpose,
    Stakeholder,
    Topic,
)

# Withdrawing consent to take part is how "do not invite me again" is recorded: invitations
# skip people whose consent to take part was withdrawn and not given again.
INVITATIONS = ConsentPurpose.PARTICIPATION


@transaction.atomic
def save_preferences(
    *,
    stakeholder: Stakeholder,
    language: str,
    contact_channel: str,
    topics: Iterable[Topic] | None = None,
) -> PortalAccess:
    """Store language and channel on the portal access and topics on the stakeholder."""
    if language and language not in PORTAL_LANGUAGES:
        raise DomainError(_("Choose one of the languages offered."), field="language")
    if contact_channel and contact_channel not in ContactChannel.values:
        raise DomainError(_("Choose one of the ways of contact offered."), field="contact_channel")
    actor = PortalActor(stakeholder)
    access = PortalAccess.objects.select_for_update().get(pk=access_for(stakeholder).pk)
    before = audit.snapshot(access)
    access.language, access.contact_channel = language, contact_channel
    access.save(update_fields=["language", "contact_channel", "updated_at"])
    audit.record_update(workspace=stakeholder.workspace, actor=actor, obj=access, before=before)
    if topics is not None:
        topics = list(topics)
        current = set(stakeholder.topics.values_list("pk", flat=True))
        if {t.pk for t in topics} != current:
            registry.update_stakeholder(
                workspace=stakeholder.workspace, actor=actor, stakeholder=stakeholder, topics=topics
            )
    stakeholder.portal_access = access
    return access


def _valid(stakeholder: Stakeholder, purpose: str):
    return Consent.objects.valid().filter(stakeholder=stakeholder, purpose=purpose)


@transaction.atomic
def give_consent(*, stakeholder: Stakeholder, purpose: str) -> Consent | None:
    """Record consent for `purpose` through the portal (nothing new if one is valid already)."""
    if purpose not in ConsentPurpose.values:
        raise DomainError(_("Choose what you consent to."), field="purpose")
    existing = _valid(stakeholder, purpose).first()
    if existing is not None:
        return existing
    return registry.record_consent(
        workspace=stakeholder.workspace,
        actor=PortalActor(stakeholder),
        stakeholder=stakeholder,
        purpose=purpose,
        method=ConsentMethod.PORTAL,
        notes=_("Given in the stakeholder portal."),
    )


@transaction.atomic
def withdraw_consent(*, stakeholder: Stakeholder, purpose: str) -> int:
    """Withdraw every valid consent for `purpose`; returns how many were withdrawn."""
    if purpose not in ConsentPurpose.values:
        raise DomainError(_("Choose what you withdraw consent for."), field="purpose")
    withdrawn = 0
    for consent in _valid(stakeholder, purpose):
        registry.withdraw_consent(
            workspace=stakeholder.workspace, actor=PortalActor(stakeholder), consent=consent
        )
        withdrawn += 1
    return withdrawn


@transaction.atomic
def decline_invitations(*, stakeholder: Stakeholder) -> None:
    """Record "do not invite me to future engagements": consent to take part is withdrawn;
    when none was recorded, a record saying so is written (given and withdrawn at once), so
    the decision is visible in the consent history."""
    if withdraw_consent(stakeholder=stakeholder, purpose=INVITATIONS):
        return
    consent = registry.record_consent(
        workspace=stakeholder.workspace,
        actor=PortalActor(stakeholder),
        stakeholder=stakeholder,
        purpose=INVITATIONS,
        method=ConsentMethod.PORTAL,
        notes=_("Declined future invitations in the stakeholder portal."),
    )
    registry.withdraw_consent(
        workspace=stakeholder.workspace,
        actor=PortalActor(stakeholder),
        consent=consent,
        at=timezone.now(),
    )


def has_declined_invitations(stakeholder: Stakeholder) -> bool:
    """Whether consent to take part was withdrawn and not given again."""
    rows = Consent.objects.filter(stakeholder=stakeholder, purpose=INVITATIONS)
    return (
        rows.filter(withdrawn_at__isnull=False).exists()
        and not _valid(stakeholder, INVITATIONS).exists()
    )


@transaction.atomic
def resume_invitations(*, stakeholder: Stakeholder) -> Consent | None:
    """Undo a decline: consent to take part, given again."""
    return give_consent(stakeholder=stakeholder, purpose=INVITATIONS)
