"""Template helpers of the policy pages."""

from django import template

from heard.policies.text import render_policy_text

register = template.Library()


@register.filter
def policy_text(text: str):
    """Policy text as safe HTML (everything escaped; paragraphs, headings, lists)."""
    return render_policy_text(text)


@register.filter
def person(user) -> str:
    """A member's name, or their email."""
    if user is None:
        return ""
    return getattr(user, "full_name", "") or getattr(user, "email", "") or str(user)
