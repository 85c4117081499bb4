"""Helpers shared by the feedback pages."""

from __future__ import annotations

from django.http import HttpResponseNotAllowed
from django.urls import reverse

from heard.feedback.models import Input
from heard.feedback.queries import session_choices  # noqa: F401 (the entry pages import it here)


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
