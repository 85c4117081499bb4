"""Template tags of the portal: navigation links that exist only once their app is built,
and the portal panel on the staff stakeholder page."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()

# The portal links other apps provide. Each entry: the label and the URL names tried in
# order (no arguments); an entry shows only when one of them resolves. Apps adding these
# pages use the first name of their entry.
EXTRA_LINKS: tuple[tuple[object, tuple[str, ...]], ...] = (
    (
        _("Ask for information"),
        (
            "requests_portal:information",
            "requests_portal:information_list",
            "requests_portal:index",
        ),
    ),
    (
        _("Raise a concern"),
        ("concerns_portal:list", "concerns_portal:new", "concerns_portal:raise"),
    ),
    (
        _("My data"),
        ("requests_portal:my_data", "requests_portal:data", "requests_portal:data_list"),
    ),
)


def resolve_first(names: tuple[str, ...]) -> str | None:
    """The URL of the first name that resolves, or None."""
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


@register.simple_tag
def portal_extra_links() -> list[dict]:
    """[{"url", "label"}] for the other apps' portal pages that exist."""
    found = []
    for label, names in EXTRA_LINKS:
        url = resolve_first(names)
        if url:
            found.append({"url": url, "label": label})
    return found


@register.simple_tag
def optional_url(name: str, *args) -> str:
    """The URL of `name`, or "" when no such URL exists (yet)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.inclusion_tag("portal/partials/staff_panel.html", takes_context=True)
def portal_link_panel(context, stakeholder) -> dict:
    """The stakeholder page's "Portal link" box: last link and sign-in, send, revoke."""
    from heard.portal.models import PortalAccess

    access = PortalAccess.objects.filter(stakeholder=stakeholder).first()
    return {
        "stakeholder": stakeholder,
        "access": access,
        "workspace": context.get("workspace"),
        "can": context.get("can"),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def portal_visitor(context):
    """The signed-in stakeholder: the page's `stakeholder`, else the one the portal's login
    decorator put on the request (pages of other apps)."""
    request = context.get("request")
    return context.get("stakeholder") or getattr(request, "stakeholder", None)
