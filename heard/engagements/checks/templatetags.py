"""`{% engagement_checks engagement as checks %}`: the engagement page's checks, computed where
the partial renders so the page's view stays unaware of them. Registered in settings
(TEMPLATES OPTIONS "libraries") because this package is not an app."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def engagement_checks(context, engagement) -> dict:
    """The inclusivity and fatigue reports of `engagement` (a constant number of queries)."""
    from heard.engagements.checks.fatigue import engagement_fatigue
    from heard.engagements.checks.inclusivity import engagement_inclusivity

    workspace = context.get("workspace")
    if workspace is not None and workspace.pk == engagement.workspace_id:
        engagement.workspace = workspace  # the page's own: saves a query

    return {
        "inclusivity": engagement_inclusivity(engagement),
        "fatigue": engagement_fatigue(engagement),
    }
