"""`{% query_link url key=value %}`: a dashboard link narrowed by more list filters."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template

register = template.Library()


@register.simple_tag
def query_link(url: str, **params) -> str:
    """`url` with `params` added to its query string (empty values left out)."""
    extra = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    if not extra:
        return url
    return f"{url}{'&' if '?' in url else '?'}{extra}"
