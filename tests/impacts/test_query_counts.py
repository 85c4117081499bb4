"""The impacts pages run the same number of queries whatever the amount of data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.impacts import services
from tests.factories import MembershipFactory, OrganisationFactory, StakeholderFactory

pytestmark = pytest.mark.django_db

RIGHTS = ["udhr-19", "iccpr-17", "iccpr-22", "ilo-c87", "icescr-12"]
GROUPS = ["women_girls", "hrd", "children", "workers"]


def count(client, url) -> int:
    client.get(url)  # warm up per-process caches outside the count
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def fill(workspace, n: int, offset: int = 0) -> list:
    """n initiatives, each with two impacts (rights, groups, initiatives) and an action."""
    owner = MembershipFactory(workspace=workspace).user
    impacts = []
    for i in range(offset, offset + n):
        initiative = services.create_initiative(
            workspace=workspace, actor=None, name=f"Initiative {i:03}", owning_team=f"Team {i % 4}"
        )
        for j in range(2):
            impact = services.create_impact(
                workspace=workspace,
                actor=None,
                title=f"Impact {i:03}-{j}",
                kind="potential" if j else "actual",
                scale=1 + i % 5,
                scope=1 + j,
                irremediability=3,
                likelihood=2 if j else None,
                rights=RIGHTS[i % 3 : i % 3 + 3],
                risk_groups=GROUPS[j : j + 2],
                initiatives=[initiative],
            )
            services.create_action(
                workspace=workspace, actor=None, impact=impact, description="Do", owner=owner
            )
            impacts.append(impact)
    return impacts


def test_initiative_list_queries_do_not_grow(workspace, owner_client):
    url = reverse("impacts:initiative_list", args=[workspace.slug]) + "?per_page=100"
    fill(workspace, 2)
    small = count(owner_client, url)
    fill(workspace, 20, offset=2)
    assert count(owner_client, url) == small
    assert count(owner_client, url + "&q=initiative&stage=research_design&sort=-impacts") == small


def test_impact_list_queries_do_not_grow(workspace, owner_client):
    url = reverse("impacts:impact_list", args=[workspace.slug]) + "?per_page=100"
    fill(workspace, 2)
    small = count(owner_client, url)
    fill(workspace, 20, offset=2)
    assert count(owner_client, url) == small
    filtered = url + "&q=impact&right=udhr-19&risk_group=hrd&actions=open&sort=-severity"
    assert count(owner_client, filtered) == small


def test_initiative_detail_queries_do_not_grow(workspace, owner_client):
    fill(workspace, 1)
    initiative = services.create_initiative(workspace=workspace, actor=None, name="Big")
    services.save_plan(
        workspace=workspace,
        actor=None,
        initiative=initiative,
        stage="development",
        stakeholders=[StakeholderFactory(workspace=workspace)],
        organisations=[OrganisationFactory(workspace=workspace)],
    )
    url = initiative.get_absolute_url()
    small = count(owner_client, url)
    for stage in ("testing", "launch", "in_use"):
        services.change_stage(workspace=workspace, actor=None, initiative=initiative, stage=stage)
        services.save_plan(
            workspace=workspace,
            actor=None,
            initiative=initiative,
            stage=stage,
            stakeholders=[StakeholderFactory(workspace=workspace) for _ in range(3)],
            organisations=[OrganisationFactory(workspace=workspace)],
        )
    for impact in fill(workspace, 5, offset=10):
        impact.initiatives.add(initiative)
    assert count(owner_client, url) == small


def test_impact_detail_queries_do_not_grow(workspace, owner_client):
    (impact, _other) = fill(workspace, 1)
    url = impact.get_absolute_url()
    small = count(owner_client, url)
    owner = MembershipFactory(workspace=workspace).user
    for k in range(10):
        services.create_action(
            workspace=workspace, actor=None, impact=impact, description=f"More {k}", owner=owner
        )
    services.update_impact(
        workspace=workspace,
        actor=None,
        impact=impact,
        rights=RIGHTS,
        risk_groups=GROUPS,
        initiatives=[
            services.create_initiative(workspace=workspace, actor=None, name=f"Also {k}")
            for k in range(5)
        ],
    )
    assert count(owner_client, url) == small


def test_action_list_queries_do_not_grow(workspace, owner_client):
    url = reverse("impacts:action_list", args=[workspace.slug]) + "?per_page=100"
    fill(workspace, 2)
    small = count(owner_client, url)
    fill(workspace, 20, offset=2)
    assert count(owner_client, url) == small
    assert count(owner_client, url + "&state=open&q=do&sort=-impact") == small
