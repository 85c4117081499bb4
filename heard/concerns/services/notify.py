"""Telling the person: an email at each step when there is an address, in their language where
the messages are translated. Without an address, the status page is how they are told."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from heard.concerns.explanations import step_text
from heard.concerns.models import Concern, ConcernChannel, ConcernEvent, EventKind
from heard.stakeholders.consent import may_email

# A sentence of the email, to tell which languages have the messages translated.
PROBE = "Update on your concern"


def email_languages() -> list[str]:
    """The default language and each interface language whose catalogue has the emails."""
    codes = [settings.LANGUAGE_CODE]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            if code not in codes and translation.gettext(PROBE) != PROBE:
                codes.append(code)
    return codes


def person_language(concern: Concern) -> str:
    """The concern's preferred language if the messages exist in it, else the default."""
    return concern.language if concern.language in email_languages() else settings.LANGUAGE_CODE


def follow_up_url(concern: Concern) -> str:
    """Where the person follows their concern: the portal if they raised it there, else the
    public status page (asks for the reference code)."""
    base = settings.HEARD_BASE_URL.rstrip("/")
    try:
        if concern.channel == ConcernChannel.PORTAL and concern.stakeholder_id:
            return base + reverse("concerns_portal:list")
        return base + reverse("concerns_public:status", args=[concern.workspace.slug])
    except NoReverseMatch:
        return ""


def _email(concern: Concern, event: ConcernEvent, address: str) -> EmailMessage:
    context = {
        "concern": concern,
        "event": event,
        "workspace_name": concern.workspace.name,
        "reference": concern.reference_display,
        "follow_up_url": follow_up_url(concern),
        "remedies": list(concern.remedies.all())
        if event.kind in (EventKind.REMEDY, EventKind.REMEDY_UPDATE)
        else [],
    }
    with translation.override(person_language(concern)):
        context["step_text"] = step_text(event, concern)
        subject = render_to_string("concerns/email/update_subject.txt", context)
        body = render_to_string("concerns/email/update.txt", context)
    return EmailMessage(" ".join(subject.split()), body, None, [address])


def inform_person(concern: Concern, event: ConcernEvent) -> bool:
    """Email the person about `event` once the transaction commits; False when there is no
    address (anonymous without contact: the status page shows the step instead)."""
    address = concern.reply_address
    if not address:
        return False
    # The one consent gate: a reply to the person's own concern, refused once they withdrew.
    if concern.stakeholder_id and not may_email(concern.stakeholder, replying=True):
        return False
    message = _email(concern, event, address)
    transaction.on_commit(message.send, robust=True)
    event.is_person_emailed = True
    event.save(update_fields=["is_person_emailed", "updated_at"])
    return True
