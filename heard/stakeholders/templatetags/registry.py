"""Template helpers of the registry pages."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from heard.stakeholders.vocab import language_label as _language_label

register = template.Library()


@register.filter
def language_label(code: str) -> str:
    """A language code's name in the viewer's language."""
    return _language_label(code)


@register.filter
def get_item(mapping, key):
    """mapping[key], or "" when missing."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.simple_tag
def consent_flag(stakeholder) -> str:
    """The consent badge: a stakeholder without valid consent to contact is flagged wherever
    they could be contacted. A tag, not an include: it is rendered on every row of long lists."""
    if stakeholder.has_valid_consent:
        return format_html(
            '<span class="badge badge-ok">✓ {}</span>', gettext("Consent to contact")
        )
    return format_html(
        '<span class="badge badge-danger flag-no-consent" role="note">⚠ {}</span>',
        gettext("No valid consent to contact"),
    )


@register.simple_tag(takes_context=True)
def stakeholder_rows(context, stakeholders) -> str:
    """The registry list's rows (heard/stakeholders/rows.py renders them in Python)."""
    from django.utils.safestring import mark_safe

    from heard.stakeholders.rows import RowRenderer

    renderer = RowRenderer(
        workspace_slug=context["workspace"].slug,
        membership=context.get("membership"),
        can_edit=bool((context.get("can") or {}).get("edit")),
    )
    return mark_safe("\n".join(renderer.row(s) for s in stakeholders))
