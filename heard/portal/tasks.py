"""Background work of the portal, run by `heard worker`."""

from __future__ import annotations

from django_tasks import task


@task()
def send_portal_links(address_index: str) -> int:
    """Email fresh links to the stakeholders with this address (by its keyed hash)."""
    from heard.portal.services.links import send_links_for_address

    return send_links_for_address(address_index)


@task()
def forget_used_links() -> int:
    """Delete the fingerprints of used links that have expired since: an expired link is
    refused by its signed timestamp, so its fingerprint no longer protects anything."""
    from heard.portal.links import forget_expired_uses

    return forget_expired_uses()
