"""Reads of disclosure reports shared by the pages and the API."""

from __future__ import annotations

from django.db.models import QuerySet

from heard.core.models import Workspace
from heard.insights.disclosure.models import DisclosureReport


def report_list(workspace: Workspace) -> QuerySet[DisclosureReport]:
    """A workspace's reports, newest first, without the stored HTML."""
    return (
        DisclosureReport.objects.for_workspace(workspace)
        .filter(archived_at__isnull=True)
        .select_related("requested_by")
        .defer("body_html")
        .order_by("-created_at", "-id")
    )
