"""CSRF on every form: a POST without a token is refused (403) on every page, workspace and
public — found by walking the URL patterns, so a new page is covered by itself."""

from __future__ import annotations

import pytest
from django.test import Client

from heard.core.models import Role
from tests.factories import make
from tests.urlwalk import all_routes, route_objects

# Pages that accept POSTs without a CSRF token, and why. The API (/api/) authenticates with
# tokens in a header, which a forged cross-site request cannot carry, and is left out.
CSRF_EXEMPT: dict[str, str] = {}

ROUTES = [r for r in all_routes() if not r.route.lstrip("^").startswith("api/")]
WORKSPACE_ROUTES = [r for r in ROUTES if r.is_workspace]
PUBLIC_ROUTES = [r for r in ROUTES if not r.is_workspace]
PLACEHOLDERS = {
    "pk": 1,
    "token": "x" * 20,
    "public_slug": "acme",
    "uidb64": "MQ",
    "reference": "ABC123",
}


def _public_path(route) -> str:
    return route.path(**{k: PLACEHOLDERS.get(k, "x") for k in route.kwargs})


def test_no_view_is_csrf_exempt():
    exempt = [r.name or r.route for r in ROUTES if getattr(r.callback, "csrf_exempt", False)]
    assert sorted(exempt) == sorted(CSRF_EXEMPT)


@pytest.mark.django_db
@pytest.mark.parametrize("route", WORKSPACE_ROUTES, ids=lambda r: r.name or r.route)
def test_workspace_post_without_token_is_403(route, workspace):
    from tests.conftest import member_client

    owner = member_client(workspace, Role.OWNER)
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner.user)
    path = route.path(workspace_slug=workspace.slug, **route_objects(route, workspace, make))
    assert client.post(path, {"name": "x"}).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("route", PUBLIC_ROUTES, ids=lambda r: r.name or r.route)
def test_public_post_without_token_is_403(route, user):
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.post(_public_path(route), {"email": "a@example.org"}).status_code == 403
    signed_in = Client(enforce_csrf_checks=True)
    signed_in.force_login(user)
    assert signed_in.post(_public_path(route), {"email": "a@example.org"}).status_code == 403


@pytest.mark.django_db
def test_post_with_the_token_gets_through(user):
    """The 403s above are CSRF's, not a broken URL: the same form with its token works."""
    client = Client(enforce_csrf_checks=True)
    page = client.get("/accounts/login/")
    token = page.cookies["csrftoken"].value
    response = client.post(
        "/accounts/login/",
        {"username": user.email, "password": "wrong", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 200
