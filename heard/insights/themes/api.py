"""Themes in the API, read-only: the current themes with how many inputs each holds, and for
one theme its inputs counted by region and by decision outcome — counts only, so no one is
named (as on the theme's page)."""

from __future__ import annotations

import datetime

from ninja import Query, Router, Schema
from pydantic import Field

from heard.api.auth import can
from heard.api.common import get_in_workspace
from heard.api.pagination import PageParams, page_schema, paginate
from heard.core import permissions
from heard.core.concurrency import version_of
from heard.insights.themes import queries
from heard.insights.themes.models import Theme

themes = Router(tags=["themes"])


class ThemeOut(Schema):
    id: int
    version: str
    label: str = Field(description="The name, else its top terms.")
    name: str
    description: str
    top_terms: list[str]
    input_count: int
    is_curated: bool = Field(description="Named by a person: survives re-grouping.")
    created_at: datetime.datetime
    updated_at: datetime.datetime


class CountOut(Schema):
    key: str
    label: str
    count: int


class ThemeDetailOut(ThemeOut):
    regions: list[CountOut] = Field(description="Inputs per region ('' when unknown).")
    outcomes: list[CountOut] = Field(description="Inputs per decision outcome ('' undecided).")


class ThemeFilters(Schema):
    q: str | None = Field(None, max_length=200, description="Words of the label or terms.")


ThemePage = page_schema(ThemeOut, "ThemePage")


def theme_out(theme: Theme) -> dict:
    return {
        "id": theme.pk,
        "version": version_of(theme),
        "label": str(theme.label),
        "name": theme.name,
        "description": theme.description,
        "top_terms": [str(term) for term in (theme.top_terms or [])],
        "input_count": theme.input_count,
        "is_curated": theme.is_curated,
        "created_at": theme.created_at,
        "updated_at": theme.updated_at,
    }


@themes.get("", response=ThemePage, summary="List themes", auth=can(permissions.VIEW))
def list_themes(request, filters: Query[ThemeFilters], page: Query[PageParams]):
    """The current themes (merged or replaced ones are gone), searched as the page does."""
    rows, _q, _sort = queries.theme_list(request.workspace, {"q": filters.q or ""})
    return paginate(rows, page, theme_out)


@themes.get(
    "/{int:pk}", response=ThemeDetailOut, summary="Read a theme", auth=can(permissions.VIEW)
)
def read_theme(request, pk: int):
    theme = get_in_workspace(queries.themes(request.workspace), pk)
    regions = [
        {"key": region, "label": region, "count": n} for region, n in queries.region_counts(theme)
    ]
    outcomes = [
        {"key": value, "label": label, "count": n}
        for value, label, n in queries.outcome_counts(theme)
    ]
    return {**theme_out(theme), "regions": regions, "outcomes": outcomes}
