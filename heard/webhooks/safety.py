"""Where webhooks may be sent: public http(s) addresses only (server-side request forgery).

Checked twice: when an endpoint is saved (the host must resolve to public addresses only) and
at delivery, on the socket actually connected — so a DNS answer that changes after the save
(DNS rebinding) still cannot reach the loopback, private or link-local networks (e.g. a
cloud's metadata service at 169.254.169.254). HEARD_WEBHOOKS_ALLOW_PRIVATE turns both off, for
tests and local development only.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from heard.core.errors import DomainError

SCHEMES = ("http", "https")


def allow_private() -> bool:
    """Whether private addresses are allowed (tests and local development)."""
    return bool(getattr(settings, "HEARD_WEBHOOKS_ALLOW_PRIVATE", False))


def is_public_address(address: str) -> bool:
    """Whether an IP address is globally routable (not loopback, private, link-local…)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str) -> None:
    """Refuse URLs webhooks must not be sent to; raises DomainError on the `url` field."""
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError as error:
        raise DomainError(_("This URL is not valid."), field="url") from error
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise DomainError(_("Use an http:// or https:// URL."), field="url")
    if parts.username or parts.password:
        raise DomainError(
            _("Do not put a user name or password in the URL: requests are signed instead."),
            field="url",
        )
    if allow_private():
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise DomainError(
            _("The host %(host)s could not be found.") % {"host": parts.hostname}, field="url"
        ) from error
    if not infos or not all(is_public_address(info[4][0]) for info in infos):
        raise DomainError(
            _(
                "The host %(host)s is a loopback, private or link-local address: "
                "webhooks are only sent to public addresses."
            )
            % {"host": parts.hostname},
            field="url",
        )


class RefusedAddress(OSError):
    """The connected peer is not a public address."""


def _public_connection(address, *args, **kwargs):
    """socket.create_connection, refusing a non-public peer before any byte is sent (before
    the TLS handshake too)."""
    sock = socket.create_connection(address, *args, **kwargs)
    if not allow_private():
        peer = sock.getpeername()[0]
        if not is_public_address(peer):
            sock.close()
            raise RefusedAddress(
                _("refused: %(address)s is not a public address") % {"address": peer}
            )
    return sock


class PublicHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection that only talks to public addresses."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _public_connection


class PublicHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection that only talks to public addresses."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _public_connection
