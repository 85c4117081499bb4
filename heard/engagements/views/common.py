"""Helpers shared by the engagement pages."""

from __future__ import annotations

from django.http import HttpResponseNotAllowed
from django.urls import reverse


class PostOnlyMixin:
    """Views that only change things: GET answers 405 (after the role and tenancy checks)."""

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])


def detail_url(view, pk: int, anchor: str = "") -> str:
    """The engagement page, optionally at a section."""
    url = reverse("engagements:engagement_detail", args=[view.workspace.slug, pk])
    return f"{url}#{anchor}" if anchor else url
