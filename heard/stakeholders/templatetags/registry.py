"""Template helpers of the registry pages."""

from django import template

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
