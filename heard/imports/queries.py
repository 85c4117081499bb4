"""Reads shared by the import pages and the CLI."""

from __future__ import annotations

from django.db.models import QuerySet

from heard.core.models import Workspace
from heard.imports.models import ColumnMapping, ImportJob
from heard.stakeholders.models import Tag


def import_list(workspace: Workspace) -> QuerySet[ImportJob]:
    """A workspace's imports, newest first, with who uploaded them."""
    return (
        ImportJob.objects.for_workspace(workspace)
        .select_related("created_by")
        .defer("problems", "summary", "headers", "mapping")
        .order_by("-created_at", "-pk")
    )


def saved_mappings(workspace: Workspace, kind: str) -> QuerySet[ColumnMapping]:
    """The named mappings saved for this kind of import."""
    return ColumnMapping.objects.for_workspace(workspace).filter(kind=kind).order_by("name")


def saved_mapping(workspace: Workspace, kind: str, *, pk=None, name: str = ""):
    """One saved mapping by id or by name (case-insensitive), or None."""
    mappings = saved_mappings(workspace, kind)
    if pk is not None:
        return mappings.filter(pk=pk).first()
    return mappings.filter(name__iexact=name.strip()).first()


def tags_by_id(workspace: Workspace, ids) -> list[Tag]:
    """Tags of the workspace among `ids` (for links to the filtered registry)."""
    return list(Tag.objects.for_workspace(workspace).filter(pk__in=ids or []).order_by("name"))
