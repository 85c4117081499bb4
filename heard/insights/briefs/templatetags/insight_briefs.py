"""Template tags of the insight cycle: the "re-evaluate" badge other apps' pages include."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch

from heard.insights.briefs.reevaluate import flagged_ids, needs_reevaluation

register = template.Library()


@register.simple_tag
def reevaluate_flags(objects) -> set[tuple[str, int]]:
    """The rows of a list page that need re-evaluation, in one query per model:
    `{% reevaluate_flags page_obj.object_list as flags %}`."""
    return flagged_ids(list(objects))


@register.inclusion_tag("briefs/partials/reevaluate_badge.html")
def reevaluate_badge(obj, flags=None) -> dict:
    """The badge for one policy or impact; pass `flags` on list pages (else one query)."""
    shown = needs_reevaluation(obj) if flags is None else (obj._meta.label_lower, obj.pk) in flags
    return {"shown": shown, "object": obj}


@register.simple_tag
def object_url(obj) -> str:
    """`obj.get_absolute_url()`, or "" while its page does not exist (themes' pages are built
    by another app; the brief must not break without them)."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""
