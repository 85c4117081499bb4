"""Template helpers of the feedback pages: who gave an input, as the viewer may see it."""

from __future__ import annotations

from django import template

from heard.feedback import attribution

register = template.Library()


@register.simple_tag(takes_context=True)
def source_of(context, input) -> str:
    """Who gave `input`, or "Not attributed" — decided by heard.feedback.attribution."""
    return attribution.source_label(input, getattr(context.get("request"), "membership", None))


@register.simple_tag(takes_context=True)
def attribution_shown(context, input) -> bool:
    """Whether the viewer may see who gave `input` (for links to the stakeholder)."""
    membership = getattr(context.get("request"), "membership", None)
    return attribution.attribution_visible(input, membership)


@register.inclusion_tag("feedback/partials/engagement_inputs.html", takes_context=True)
def engagement_inputs(context, engagement, shown: int = 5) -> dict:
    """The engagement page's Inputs section: loop counts and the latest inputs."""
    from heard.feedback import queries

    return {
        "request": context.get("request"),
        "workspace": context.get("workspace"),
        "can": context.get("can"),
        "engagement": engagement,
        "feedback": {
            "counts": queries.engagement_loop_counts(engagement),
            "recent": list(queries.engagement_inputs(engagement)[:shown]),
        },
    }


@register.filter
def sent_body(body: str) -> str:
    """A response's message as stored: the portal-link marker shown as words, not a link."""
    from django.utils.translation import gettext

    from heard.feedback.portal import without_portal_link

    return without_portal_link(body or "", gettext("(personal portal link)"))
