"""Helpers shared by the feedback pages."""

from __future__ import annotations

from django.http import HttpResponseNotAllowed
from django.urls import reverse

from heard.engagements.models import Engagement, Session
from heard.feedback.models import Input


class PostOnlyMixin:
    """Views that only change things: GET answers 405 (after the role and tenancy checks)."""

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])


def input_url(view, pk: int, anchor: str = "") -> str:
    """An input's page, optionally at a section."""
    url = reverse("feedback:input_detail", args=[view.workspace.slug, pk])
    return f"{url}#{anchor}" if anchor else url


def workspace_input(view, pk) -> Input | None:
    """An input of the current workspace by number, or None."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return Input.objects.for_workspace(view.workspace).filter(pk=pk).first()


def session_choices(engagement: Engagement) -> list[tuple[int, str]]:
    """(id, label) of the engagement's sessions that were not cancelled."""
    sessions = Session.objects.for_workspace(engagement.workspace_id).filter(
        engagement=engagement, cancelled_at__isnull=True
    )
    return [(s.pk, s.label or s.local_starts_at.strftime("%Y-%m-%d %H:%M")) for s in sessions]
