"""Tenancy, enforced once and tested for every URL: another workspace's objects are 404."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.test import Client

from heard.core.models import Role, WorkspaceScopedModel
from tests.conftest import member_client
from tests.factories import FACTORIES, make
from tests.urlwalk import route_objects, workspace_routes

ROUTES = workspace_routes()
OBJECT_ROUTES = [r for r in ROUTES if len(r.kwargs) > 1]


def test_the_walk_finds_workspace_and_object_urls():
    names = {r.name for r in ROUTES}
    assert "stakeholders:stakeholder_list" in names
    assert "stakeholders:stakeholder_detail" in {r.name for r in OBJECT_ROUTES}


def test_every_workspace_model_has_a_factory():
    scoped = [
        m
        for m in apps.get_models()
        if issubclass(m, WorkspaceScopedModel) and m.__module__.startswith("heard.")
    ]
    missing = [m.__name__ for m in scoped if m not in FACTORIES]
    assert not missing, f"Add factories to tests/factories.py FACTORIES for: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name or r.route)
def test_non_member_gets_404(route, workspace, other_workspace):
    """A member of workspace B asking for any URL of workspace A gets a 404."""
    values = route_objects(route, workspace, make)
    outsider = member_client(other_workspace, Role.OWNER)
    path = route.path(workspace_slug=workspace.slug, **values)
    assert outsider.get(path).status_code == 404
    assert outsider.post(path).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=lambda r: r.name or r.route)
def test_object_of_other_workspace_is_404_in_own_workspace(route, workspace, other_workspace):
    """Workspace A's object through workspace B's URL is a 404 — and the same URL with B's own
    object is not, so the 404 is tenancy, not a broken URL."""
    foreign = route_objects(route, workspace, make)
    own = route_objects(route, other_workspace, make)
    client = member_client(other_workspace, Role.OWNER)
    foreign_path = route.path(workspace_slug=other_workspace.slug, **foreign)
    own_path = route.path(workspace_slug=other_workspace.slug, **own)
    assert client.get(foreign_path).status_code == 404
    assert client.post(foreign_path).status_code == 404
    assert client.get(own_path).status_code != 404


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name or r.route)
def test_anonymous_is_sent_to_login(route, workspace):
    values = route_objects(route, workspace, make)
    response = Client().get(route.path(workspace_slug=workspace.slug, **values))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def _scoped_model_names() -> set[str]:
    return {
        m.__name__
        for m in apps.get_models()
        if issubclass(m, WorkspaceScopedModel) and m.__module__.startswith("heard.")
    }


def test_views_and_api_never_reach_model_objects_directly():
    """Views and API go through `for_workspace` helpers (queries.py), never `Model.objects`."""
    root = Path(__file__).resolve().parents[2] / "heard"
    names = "|".join(sorted(_scoped_model_names()))
    pattern = re.compile(rf"\b({names})\.objects\.(?!for_workspace\b)")
    offenders = []
    for path in root.rglob("*.py"):
        if path.name in {"views.py", "api.py"} or path.parent.name == "views":
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if pattern.search(line):
                    offenders.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
