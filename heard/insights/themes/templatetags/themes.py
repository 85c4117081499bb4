"""Template tags other apps' pages use to show themes (the input page's theme box)."""

from __future__ import annotations

from django import template

from heard.insights.themes import queries

register = template.Library()


@register.inclusion_tag("themes/partials/input_theme.html", takes_context=True)
def input_theme(context, input) -> dict:
    """The theme an input sits in, with a small form to move it (for editors)."""
    can = context.get("can") or {}
    membership = queries.membership_of(input)
    is_grouped = input.archived_at is None and input.merged_into_id is None
    editable = bool(can.get("edit")) and is_grouped
    return {
        "input": input,
        "membership": membership,
        "workspace": context.get("workspace"),
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "choices": queries.theme_choices(input.workspace) if editable else [],
        "editable": editable,
        "is_grouped": is_grouped,
    }
