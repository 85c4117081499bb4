"""Links into the stakeholder portal: every message that points a stakeholder at the portal
gets its link here, and only here.

The link is a personal magic link (heard/portal/links.py): it signs the stakeholder in once,
expires, and stops working when their links are revoked. It carries no name.
"""

from __future__ import annotations

# Where a drafted message gets the stakeholder's link. A draft is shown to staff and stored with
# the response, so it holds this marker, never the link itself: a magic link is a credential
# that only the stakeholder's inbox should ever see. `with_portal_link` puts it in at sending.
PORTAL_LINK_MARKER = "[portal-link]"


def portal_link(stakeholder, *, engagement=None) -> str:
    """The magic link where `stakeholder` sees their inputs, decisions and responses (landing
    on `engagement` when given)."""
    # Imported here: the portal app sits above feedback (it reads feedback's records).
    from heard.portal.links import access_for, link_url

    return link_url(
        access_for(stakeholder), engagement_id=engagement.pk if engagement is not None else None
    )


def with_portal_link(body: str, stakeholder, *, engagement=None) -> str:
    """`body` with the marker replaced by the stakeholder's own magic link (made here)."""
    if PORTAL_LINK_MARKER not in body:
        return body
    return body.replace(PORTAL_LINK_MARKER, portal_link(stakeholder, engagement=engagement))


def without_portal_link(body: str, replacement: str = "") -> str:
    """`body` as shown once sent (staff pages, the portal): the marker replaced by `replacement`."""
    return body.replace(PORTAL_LINK_MARKER, replacement)
