"""Reads of themes shared by pages, the command line and other apps (briefs, dashboards)."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import Count, QuerySet

from heard.core.models import Workspace
from heard.feedback.models import Input
from heard.feedback.models.choices import Outcome
from heard.insights.themes.models import RunStatus, Theme, ThemeMembership, ThemeRun
from heard.insights.themes.text import fold

SORTS = {
    "size": ("-input_count", "id"),
    "name": ("search_text", "id"),
    "recent": ("-created_at", "-id"),
}


def grouped_inputs(workspace: Workspace) -> QuerySet:
    """The inputs themes are made of: active and not merged into another."""
    return Input.objects.for_workspace(workspace).filter(
        archived_at__isnull=True, merged_into__isnull=True
    )


def themes(workspace: Workspace) -> QuerySet:
    """The workspace's current themes (merged and replaced ones are archived)."""
    return Theme.objects.for_workspace(workspace).active()


def theme_list(workspace: Workspace, params: Mapping) -> tuple[QuerySet, str, str]:
    """Current themes matching `q` (accents ignored), sorted by `sort`: (rows, q, sort)."""
    q = (params.get("q") or "").strip()
    sort = params.get("sort") if params.get("sort") in SORTS else "size"
    rows = themes(workspace)
    for word in fold(q).split()[:8]:
        rows = rows.filter(search_text__contains=word)
    return rows.order_by(*SORTS[sort]), q, sort


def theme_inputs(theme: Theme) -> QuerySet:
    """A theme's inputs, newest first, with what attribution and the page need."""
    return (
        grouped_inputs(theme.workspace)
        .filter(theme_membership__theme=theme)
        .select_related("engagement", "stakeholder", "organisation", "theme_membership")
        .order_by("-created_at", "-id")
    )


def region_counts(theme: Theme) -> list[tuple[str, int]]:
    """How many of the theme's inputs came from each region (stakeholder's, else the
    organisation's): counts only, so no one is named."""
    rows = (
        theme_inputs(theme)
        .order_by()
        .values("stakeholder__region", "organisation__region")
        .annotate(n=Count("id"))
    )
    counts: dict[str, int] = {}
    for row in rows:
        region = row["stakeholder__region"] or row["organisation__region"] or ""
        counts[region] = counts.get(region, 0) + row["n"]
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def outcome_counts(theme: Theme) -> list[tuple[str, str, int]]:
    """(outcome, label, inputs) of the theme, in the outcomes' order; "" is not decided yet."""
    rows = theme_inputs(theme).order_by().values_list("outcome").annotate(n=Count("id"))
    counts = dict(rows.values_list("outcome", "n"))
    ordered = [(value, str(label)) for value, label in Outcome.choices] + [("", "")]
    return [(value, label, counts[value]) for value, label in ordered if counts.get(value)]


def ungrouped_count(workspace: Workspace) -> int:
    """Active inputs no theme holds yet (recorded since the last run)."""
    return grouped_inputs(workspace).filter(theme_membership__isnull=True).count()


def last_run(workspace: Workspace) -> ThemeRun | None:
    """The latest finished run."""
    return (
        ThemeRun.objects.for_workspace(workspace)
        .filter(status=RunStatus.DONE)
        .order_by("-finished_at")
        .first()
    )


def latest_run(workspace: Workspace) -> ThemeRun | None:
    """The latest run, finished or not."""
    return ThemeRun.objects.for_workspace(workspace).order_by("-created_at", "-id").first()


def membership_of(input: Input) -> ThemeMembership | None:
    """Where an input sits, with its theme."""
    return ThemeMembership.objects.filter(input=input).select_related("theme").first()


def theme_choices(workspace: Workspace, *, exclude: Theme | None = None) -> list[tuple[int, str]]:
    """(pk, label) of current themes, largest first, for select boxes."""
    rows = themes(workspace).order_by("-input_count", "id")
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return [
        (t.pk, f"{t.label} ({t.input_count})")
        for t in rows.only("name", "top_terms", "input_count")[:500]
    ]
