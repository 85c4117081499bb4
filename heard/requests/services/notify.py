"""Telling the stakeholder what came of their request, by email, in their language."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from heard.feedback.portal import portal_link
from heard.stakeholders.consent import may_email
from heard.stakeholders.models import Stakeholder

PROBE = "Your request for information"


@cache
def template_languages() -> frozenset[str]:
    """Interface languages whose catalogue translates the request emails (others would come
    out in English), and the default."""
    codes = {settings.LANGUAGE_CODE}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            if translation.gettext(PROBE) != PROBE:
                codes.add(code)
    return frozenset(codes)


def message_language(stakeholder: Stakeholder, preferred: str = "") -> str:
    """The language the request was made in if a template exists, else the stakeholder's
    first such language, else the site's default."""
    available = template_languages()
    codes = [preferred] + [link.code for link in stakeholder.language_links.all()]
    return next((c for c in codes if c in available), settings.LANGUAGE_CODE)


def send_on_commit(
    *, stakeholder: Stakeholder | None, template: str, context: dict, language: str = ""
) -> bool:
    """Queue `requests/email/<template>.txt` (and its subject) to the stakeholder, sent once
    the transaction commits. Returns whether there was an address to send to."""
    # The one consent gate: a reply to the person's own request, refused once they withdrew.
    if not may_email(stakeholder, replying=True):
        return False
    language = message_language(stakeholder, language)
    context = {
        **context,
        "stakeholder_name": stakeholder.name,
        "workspace_name": stakeholder.workspace.name,
        "portal_url": portal_link(stakeholder),
    }
    with translation.override(language):
        subject = render_to_string(f"requests/email/{template}_subject.txt", context)
        body = render_to_string(f"requests/email/{template}.txt", context)
    message = EmailMessage(" ".join(subject.split()), body, None, [stakeholder.email])
    transaction.on_commit(message.send, robust=True)
    return True
