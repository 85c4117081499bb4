"""Sending and revoking magic links. A link only ever goes to the stakeholder's own email on
record, whoever asks for it (high-risk people included): never to a colleague's address."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.crypto import blind_index
from heard.core.errors import DomainError
from heard.core.models import AuditAction, User, Workspace
from heard.engagements.models import Engagement
from heard.portal.links import access_for, link_url
from heard.portal.models import PortalAccess, new_portal_key
from heard.portal.preferences import portal_language
from heard.stakeholders.consent import has_contact_consent
from heard.stakeholders.models import Stakeholder


def _check_workspace(workspace: Workspace, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.workspace_id != workspace.pk:
            raise DomainError(_("That record belongs to another workspace."), code="forbidden")


def _link_email(stakeholder: Stakeholder, url: str) -> EmailMessage:
    """The email carrying a link, in the stakeholder's language. No name in it: the message
    may be read over someone's shoulder, and high-risk people stay unnamed."""
    context = {
        "url": url,
        "workspace_name": stakeholder.workspace.name,
        "days": settings.SESAME_MAX_AGE // (60 * 60 * 24),
    }
    with translation.override(portal_language(stakeholder)):
        subject = render_to_string("portal/email/link_subject.txt", context)
        body = render_to_string("portal/email/link.txt", context)
    return EmailMessage(" ".join(subject.split()), body, None, [stakeholder.email])


def _queue(message: EmailMessage) -> None:
    transaction.on_commit(message.send, robust=True)


@transaction.atomic
def send_link(
    *,
    workspace: Workspace,
    actor: User | None,
    stakeholder: Stakeholder,
    engagement: Engagement | None = None,
) -> PortalAccess:
    """Email the stakeholder a fresh link (staff action): needs an email address and a valid
    consent to be contacted, like every other message."""
    _check_workspace(workspace, stakeholder, engagement)
    if stakeholder.archived_at is not None or stakeholder.merged_into_id:
        raise DomainError(_("Restore the stakeholder before sending a portal link."))
    if not stakeholder.email:
        raise DomainError(_("There is no email address to send a portal link to."), field="email")
    if not has_contact_consent(stakeholder):
        raise DomainError(
            _("No valid consent to be contacted: record consent before sending a portal link."),
            code="no_consent",
        )
    access = access_for(stakeholder)
    access.last_link_sent_at = timezone.now()
    access.save(update_fields=["last_link_sent_at", "updated_at"])
    _queue(
        _link_email(stakeholder, link_url(access, engagement_id=getattr(engagement, "pk", None)))
    )
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.UPDATE,
        obj=stakeholder,
        changes={"portal_link": [None, "sent"]},
    )
    return access


@transaction.atomic
def revoke_links(*, workspace: Workspace, actor: User | None, stakeholder: Stakeholder) -> None:
    """Make every link sent so far stop working and end open portal sessions (a new key)."""
    _check_workspace(workspace, stakeholder)
    access = access_for(stakeholder)
    access = PortalAccess.objects.select_for_update().get(pk=access.pk)
    access.key = new_portal_key()
    access.links_revoked_at = timezone.now()
    access.save(update_fields=["key", "links_revoked_at", "updated_at"])
    stakeholder.portal_access = access
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.SECURITY,
        obj=stakeholder,
        changes={"portal_links": ["active", "revoked"]},
    )


def send_links_for_address(address_index: str) -> int:
    """Email a fresh link to every active stakeholder whose email has this keyed hash (one
    per workspace that knows them); returns how many were sent. Run as a background task, so
    the page answers the same, at the same speed, whether or not the address is known."""
    if not address_index:
        return 0
    people = list(
        Stakeholder.objects.filter(
            email_index=address_index, archived_at__isnull=True, merged_into__isnull=True
        )
        .select_related("workspace", "portal_access")
        .prefetch_related("language_links")
    )
    sent = 0
    for stakeholder in people:
        if not stakeholder.email:
            continue
        with transaction.atomic():
            access = access_for(stakeholder)
            access.last_link_sent_at = timezone.now()
            access.save(update_fields=["last_link_sent_at", "updated_at"])
            _queue(_link_email(stakeholder, link_url(access)))
            audit.record(
                workspace=stakeholder.workspace,
                actor=None,
                action=AuditAction.UPDATE,
                obj=stakeholder,
                changes={"portal_link": [None, "sent on request"]},
                object_repr=stakeholder.pseudonym_label,
            )
        sent += 1
    return sent


def queue_links_for_address(email: str) -> None:
    """Hand the request to the worker; only the address's keyed hash is stored in the queue."""
    from heard.portal.tasks import send_portal_links

    send_portal_links.enqueue(blind_index(email))
