"""The dashboard pages: figures, links that lead to the records behind them, the comparison,
empty states, roles, confidentiality and a constant number of queries."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.core.models import Role
from tests.conftest import member_client
from tests.factories import EngagementFactory, InputFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def dashboard_url(workspace, fixed, initiative=None, **extra) -> str:
    if initiative is not None:
        base = reverse("dashboards:initiative", args=[workspace.slug, initiative.pk])
    else:
        base = reverse("dashboards:workspace", args=[workspace.slug])
    params = {
        "period": "custom",
        "from": fixed.period.start.isoformat(),
        "to": fixed.period.end.isoformat(),
        **extra,
    }
    return f"{base}?{urlencode(params)}"


def listed(client, url: str) -> int:
    """How many records the list page behind a link shows."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page_obj"].paginator.count


def test_workspace_dashboard_figures(workspace, owner_client, fixed):
    response = owner_client.get(dashboard_url(workspace, fixed))
    assert response.status_code == 200
    board = response.context["board"]
    assert board.current.input_count == 7
    assert board.current.median_days == 15.0
    compared = {c.label: c for c in response.context["comparisons"]}
    assert compared["Inputs received"].previous == 1
    assert compared["Inputs received"].delta == 6
    assert compared["Loops closed"].value == 28.6
    assert compared["Loops closed"].previous == 100.0
    assert compared["Loops closed"].trend == "worse"
    assert compared["Median days to response"].delta == 10.0
    assert compared["Median days to response"].trend == "worse"
    html = response.content.decode()
    assert "28.6%" in html
    assert "+6" in html
    assert "Appeals" in html  # a theme
    assert "80.00" in html  # EUR paid


def test_figures_link_to_their_records(workspace, owner_client, fixed):
    """Follow each link: the list shows the records the figure counts."""
    response = owner_client.get(dashboard_url(workspace, fixed))
    links = response.context["links"]
    compared = {c.label: c for c in response.context["comparisons"]}
    assert listed(owner_client, compared["Inputs received"].url) == 7
    assert listed(owner_client, compared["Loops closed"].url) == 2
    assert listed(owner_client, compared["Overdue loops"].url) == 2
    assert listed(owner_client, compared["Engagements"].url) == 3
    charts = response.context["charts"]
    outcomes = {p.label: p for p in charts["outcomes"].points}
    assert listed(owner_client, outcomes["Adopted"].url) == 2
    assert listed(owner_client, outcomes["Not decided yet"].url) == 1
    teams = {p.label: p for p in charts["teams"].points}
    assert listed(owner_client, teams["Policy"].url) == 4
    assert listed(owner_client, teams["Product"].url) == 2
    assert teams["No team recorded"].url == ""
    hrdd = {p.label: p for p in charts["hrdd"].points}
    assert listed(owner_client, hrdd["Identify & assess"].url) == 2
    assert listed(owner_client, hrdd["Remedy"].url) == 1
    stages = {p.label: p for p in charts["stages"].points}
    assert listed(owner_client, stages["Testing"].url) == 1
    rights = {p.label: p for p in charts["rights"].points}
    assert [p.value for p in rights.values()] == [3, 2]
    assert [listed(owner_client, p.url) for p in rights.values()] == [3, 2]
    impacts = {p.label: p for p in charts["impacts"].points}
    assert listed(owner_client, impacts["Impact X"].url) == 2
    assert listed(owner_client, links.inputs(global_majority="yes")) == 3
    assert listed(owner_client, links.stakeholders(global_majority="yes")) == 1
    e1 = fixed.engagements["E1"]
    assert listed(owner_client, links.inputs(engagement=e1.pk, loop="closed")) == 2


def test_initiative_dashboard_counts_and_links(workspace, owner_client, fixed):
    a = fixed.initiative_a
    response = owner_client.get(dashboard_url(workspace, fixed, a))
    assert response.status_code == 200
    board = response.context["board"]
    assert (board.current.input_count, board.current.engagement_count) == (4, 2)
    compared = {c.label: c for c in response.context["comparisons"]}
    assert listed(owner_client, compared["Inputs received"].url) == 4
    assert listed(owner_client, compared["Engagements"].url) == 2
    assert listed(owner_client, compared["Loops closed"].url) == 2
    assert compared["Engagements"].previous == 1  # E0
    detail = owner_client.get(reverse("impacts:initiative_detail", args=[workspace.slug, a.pk]))
    assert reverse("dashboards:initiative", args=[workspace.slug, a.pk]) in detail.content.decode()


def test_previous_period_link_shows_the_previous_figures(workspace, owner_client, fixed):
    response = owner_client.get(dashboard_url(workspace, fixed))
    previous = owner_client.get(response.context["previous_url"])
    assert previous.context["board"].period == fixed.period.previous()
    assert previous.context["board"].current.input_count == 1


def test_period_presets_and_invalid_dates(workspace, owner_client):
    url = reverse("dashboards:workspace", args=[workspace.slug])
    response = owner_client.get(url)
    assert response.context["board"].period.days == 90  # the default
    assert response.context["board"].period.end == datetime.date.today()
    response = owner_client.get(url + "?period=365")
    assert response.context["board"].period.days == 365
    assert response.context["preset"] == "365"
    response = owner_client.get(url + "?period=custom&from=2026-13-01&to=2026-02-10")
    assert response.context["notes"]  # the invalid date is named, not a 500
    assert response.context["board"].period.end == datetime.date(2026, 2, 10)
    response = owner_client.get(url + "?period=custom&from=2026-03-01&to=2026-02-01")
    assert response.context["board"].period.start == datetime.date(2026, 2, 1)


def test_empty_workspace_says_so(workspace, owner_client):
    response = owner_client.get(reverse("dashboards:workspace", args=[workspace.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was recorded in this period yet." in html
    assert "No themes yet" in html
    assert "did you feel heard" in html.lower()
    assert "No compensation was recorded as paid in this period." in html


@pytest.mark.parametrize(
    "role",
    [Role.OWNER, Role.MANAGER, Role.EDITOR, Role.CONTRIBUTOR, Role.VIEWER, Role.AUDITOR],
)
def test_every_role_sees_the_dashboards(workspace, fixed, role):
    client = member_client(workspace, role)
    assert client.get(dashboard_url(workspace, fixed)).status_code == 200
    assert client.get(dashboard_url(workspace, fixed, fixed.initiative_a)).status_code == 200


def test_auditor_gets_no_write_actions(workspace):
    client = member_client(workspace, Role.AUDITOR)
    html = client.get(reverse("dashboards:workspace", args=[workspace.slug])).content.decode()
    assert reverse("feedback:input_create", args=[workspace.slug]) not in html
    assert 'method="post"' not in html.split("<main", 1)[1]


def test_outsiders_and_anonymous_are_kept_out(workspace, fixed, outsider_client, client):
    url = dashboard_url(workspace, fixed)
    assert outsider_client.get(url).status_code == 404
    assert client.get(url).status_code == 302
    other = reverse("dashboards:initiative", args=[workspace.slug, 999_999])
    assert member_client(workspace, Role.OWNER).get(other).status_code == 404


def test_high_risk_names_are_pseudonymised_for_viewers(workspace, fixed):
    viewer = member_client(workspace, Role.VIEWER)
    html = viewer.get(dashboard_url(workspace, fixed)).content.decode()
    assert "Ana Secret" not in html
    assert fixed.stakeholders["gm"].pseudonym in html
    owner = member_client(workspace, Role.OWNER)
    assert "Ana Secret" in owner.get(dashboard_url(workspace, fixed)).content.decode()


def queries(client, url) -> int:
    client.get(url)  # per-process caches warmed outside the count
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url + "&fresh=1")
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_data(workspace, owner_client, fixed):
    urls = [dashboard_url(workspace, fixed), dashboard_url(workspace, fixed, fixed.initiative_a)]
    small = [queries(owner_client, url) for url in urls]
    today = fixed.today
    for n in range(12):
        engagement = EngagementFactory(
            workspace=workspace,
            starts_on=today - datetime.timedelta(days=n + 1),
            initiative=fixed.initiative_a,
            accountable_function=f"Team {n}",
        )
        ParticipationFactory(workspace=workspace, engagement=engagement)
        for _ in range(3):
            InputFactory(workspace=workspace, engagement=engagement)
    assert [queries(owner_client, url) for url in urls] == small
    with CaptureQueriesContext(connection) as ctx:
        owner_client.get(urls[0])  # from the cache: only the request's own queries
    assert len(ctx.captured_queries) < small[0] / 3
