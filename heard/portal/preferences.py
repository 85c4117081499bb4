"""Reading a stakeholder's portal preferences (writes are in services/preferences.py)."""

from __future__ import annotations

from django.conf import settings

from heard.portal.models import PortalAccess
from heard.stakeholders.models import Stakeholder

PORTAL_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def portal_language(stakeholder: Stakeholder) -> str:
    """The language the portal and its emails use for `stakeholder`: the one they chose in
    the portal, else their first language the portal is translated into, else the default."""
    try:
        chosen = stakeholder.portal_access.language
    except PortalAccess.DoesNotExist:
        chosen = ""
    if chosen in PORTAL_LANGUAGES:
        return chosen
    codes = sorted(link.code for link in stakeholder.language_links.all())
    return next((c for c in codes if c in PORTAL_LANGUAGES), settings.LANGUAGE_CODE)
