"""Themes pages over HTTP: list and detail (query counts, attribution), curation forms,
the re-clustering button, the input page's theme box."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.core.models import Role
from heard.engagements.models import AttributionRule
from heard.insights.themes import services
from heard.insights.themes.models import RunStatus, Theme, ThemeMembership, ThemeRun
from tests.conftest import member_client
from tests.factories import EngagementFactory, InputFactory, StakeholderFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _themed_inputs(workspace, theme, count: int, **fields):
    rows = []
    for _ in range(count):
        row = InputFactory(workspace=workspace, **fields)
        ThemeMembership.objects.create(workspace=workspace, theme=theme, input=row)
        rows.append(row)
    services.recount(workspace, [theme])
    return rows


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_theme_list_query_count_does_not_grow(workspace, owner_client):
    url = reverse("themes:theme_list", args=[workspace.slug])
    ThemeFactory.create_batch(2, workspace=workspace)
    owner_client.get(url)  # the first request of a session writes session rows
    client_queries = _queries(owner_client, url)
    ThemeFactory.create_batch(20, workspace=workspace)
    assert _queries(owner_client, url) == client_queries


def test_theme_detail_query_count_does_not_grow(workspace, owner_client):
    theme = ThemeFactory(workspace=workspace)
    engagement = EngagementFactory(workspace=workspace)
    _themed_inputs(
        workspace,
        theme,
        2,
        engagement=engagement,
        stakeholder=StakeholderFactory(workspace=workspace),
    )
    url = reverse("themes:theme_detail", args=[workspace.slug, theme.pk])
    owner_client.get(url)  # the first request of a session writes session rows
    few = _queries(owner_client, url)
    for _ in range(10):
        _themed_inputs(
            workspace,
            theme,
            1,
            engagement=EngagementFactory(workspace=workspace),
            stakeholder=StakeholderFactory(workspace=workspace, country="KE"),
            outcome="adopted",
        )
    assert _queries(owner_client, url) == few


def test_list_searches_accent_blind_sorts_and_says_when_grouping_ran(workspace, owner_client):
    ThemeFactory(workspace=workspace, name="Modération des recours", input_count=3, top_terms=[])
    ThemeFactory(workspace=workspace, name="Accessibility", input_count=9, top_terms=[])
    ThemeRun.objects.create(
        workspace=workspace,
        status=RunStatus.DONE,
        input_count=12,
        theme_count=2,
        backend="tfidf",
        finished_at="2026-01-01T10:00Z",
    )
    InputFactory(workspace=workspace)  # recorded after: not yet grouped
    url = reverse("themes:theme_list", args=[workspace.slug])
    page = owner_client.get(url, {"q": "moderation"}).content.decode()
    assert "Modération des recours" in page and "Accessibility" not in page
    page = owner_client.get(url, {"sort": "name"}).content.decode()
    assert page.index("Accessibility") < page.index("Modération")
    assert "Last grouped" in page and "1 input not yet grouped" in page


def test_empty_list_says_what_to_do(workspace, owner_client):
    page = owner_client.get(reverse("themes:theme_list", args=[workspace.slug])).content.decode()
    assert "No themes yet" in page and "Group inputs again" in page


def test_detail_hides_chatham_house_sources_outside_the_core_team(workspace, owner_client):
    theme = ThemeFactory(workspace=workspace)
    engagement = EngagementFactory(
        workspace=workspace, attribution_rule=AttributionRule.CHATHAM_HOUSE
    )
    speaker = StakeholderFactory(workspace=workspace, name="Amina Okafor", country="NG")
    _themed_inputs(
        workspace, theme, 1, engagement=engagement, stakeholder=speaker, outcome="adopted"
    )
    url = reverse("themes:theme_detail", args=[workspace.slug, theme.pk])
    assert "Amina Okafor" in owner_client.get(url).content.decode()
    viewer = member_client(workspace, Role.VIEWER)
    page = viewer.get(url).content.decode()
    assert "Amina Okafor" not in page
    assert "Chatham House" in page
    assert "Africa" in page  # the region, as a count
    assert "Adopted" in page


def test_rename_merge_split_through_the_pages(workspace, owner_client):
    theme, other = ThemeFactory(workspace=workspace), ThemeFactory(workspace=workspace)
    rows = _themed_inputs(workspace, theme, 4)
    _themed_inputs(workspace, other, 1)
    base = reverse("themes:theme_detail", args=[workspace.slug, theme.pk])
    response = owner_client.post(base + "rename/", {"name": "Appeals", "description": ""})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name == "Appeals" and theme.is_curated
    response = owner_client.post(
        base + "split/", {"name": "Strikes", "inputs": [rows[0].pk, rows[1].pk]}
    )
    new = Theme.objects.get(name="Strikes")
    assert response["Location"] == reverse("themes:theme_detail", args=[workspace.slug, new.pk])
    assert new.input_count == 2
    response = owner_client.post(base + "split/", {"name": "Nothing"})
    assert response.status_code == 400 and "at least one input" in response.content.decode()
    other_url = reverse("themes:theme_detail", args=[workspace.slug, other.pk])
    owner_client.post(other_url + "merge/", {"theme": theme.pk})
    other.refresh_from_db()
    theme.refresh_from_db()
    assert other.merged_into == theme and theme.input_count == 3
    assert "merged into another" in owner_client.get(other_url).content.decode()


def test_move_an_input_from_its_page(workspace, owner_client):
    theme, target = (
        ThemeFactory(workspace=workspace),
        ThemeFactory(workspace=workspace, name="Labour"),
    )
    (row,) = _themed_inputs(workspace, theme, 1)
    detail = reverse("feedback:input_detail", args=[workspace.slug, row.pk])
    page = owner_client.get(detail).content.decode()
    assert "Move to" in page and theme.label in page
    move = reverse("themes:input_move", args=[workspace.slug, row.pk])
    response = owner_client.post(move, {"theme": target.pk, "next": detail})
    assert response["Location"] == detail
    membership = ThemeMembership.objects.get(input=row)
    assert membership.theme == target and membership.pinned
    # An address elsewhere is not followed.
    response = owner_client.post(move, {"theme": theme.pk, "next": "https://evil.example/"})
    assert response["Location"] == reverse("themes:theme_detail", args=[workspace.slug, theme.pk])


def test_viewers_see_the_theme_box_without_the_move_form(workspace):
    theme = ThemeFactory(workspace=workspace, name="Labour")
    (row,) = _themed_inputs(workspace, theme, 1)
    viewer = member_client(workspace, Role.VIEWER)
    page = viewer.get(
        reverse("feedback:input_detail", args=[workspace.slug, row.pk])
    ).content.decode()
    assert "Labour" in page and "Move to" not in page


def test_the_button_queues_a_run_and_the_page_shows_its_progress(
    workspace, owner_client, django_capture_on_commit_callbacks
):
    InputFactory.create_batch(3, workspace=workspace)
    url = reverse("themes:recluster", args=[workspace.slug])
    with django_capture_on_commit_callbacks(execute=False):
        response = owner_client.post(url)
    assert response.status_code == 302
    run = ThemeRun.objects.get(workspace=workspace)
    assert run.status == RunStatus.QUEUED and run.requested_by == owner_client.user
    page = owner_client.get(reverse("themes:theme_list", args=[workspace.slug])).content.decode()
    assert "Waiting for the background worker" in page and "<progress" in page
    progress = reverse("themes:run_progress", args=[workspace.slug, run.pk])
    assert "theme-run" in owner_client.get(progress, HTTP_HX_REQUEST="true").content.decode()
    editor = member_client(workspace, Role.CONTRIBUTOR)
    assert editor.post(url).status_code == 403
