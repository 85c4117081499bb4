"""Template helpers of the sign-in pages."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.db.models import Max
from django.utils.translation import ngettext

register = template.Library()


@register.simple_tag(takes_context=True)
def lockout_ends_at(context, username: str, cool_off: timedelta | None) -> datetime | None:
    """When django-axes lets this username try again from this address: its last failure
    plus the cool-off (failures during the pause do not extend it)."""
    from axes.models import AccessAttempt

    request = context.get("request")
    if not (username and cool_off and request is not None):
        return None
    last = AccessAttempt.objects.filter(
        username=username, ip_address=getattr(request, "axes_ip_address", None)
    ).aggregate(last=Max("attempt_time"))["last"]
    return last + cool_off if last else None


@register.filter
def duration_words(delta: timedelta | None) -> str:
    """A duration in hours and minutes, in words ("1 hour", "30 minutes")."""
    if not delta:
        return ""
    minutes = max(1, round(delta.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    if minutes:
        parts.append(ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes})
    return " ".join(parts)
