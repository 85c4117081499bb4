"""Links into the stakeholder portal: every message that points a stakeholder at the portal
gets its link here, and only here.

The link is a personal magic link (heard/portal/links.py): it signs the stakeholder in once,
expires, and stops working when their links are revoked. It carries no name.
"""

from __future__ import annotations


def portal_link(stakeholder, *, engagement=None) -> str:
    """The magic link where `stakeholder` sees their inputs, decisions and responses (landing
    on `engagement` when given)."""
    # Imported here: the portal app sits above feedback (it reads feedback's records).
    from heard.portal.links import access_for, link_url

    return link_url(
        access_for(stakeholder), engagement_id=engagement.pk if engagement is not None else None
    )
