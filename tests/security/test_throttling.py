"""Every public POST is rate-limited: the back-stop limit per client address covers each
public page found by the URL walk; the stricter limits of sign-in (axes), portal links,
concern forms and information requests are tested in their apps (tests/core/test_login.py,
tests/portal/test_links.py, tests/concerns/test_public.py, tests/requests/test_portal.py)."""

from __future__ import annotations

import pytest
from django.test import Client

from heard.core.models import Role
from tests.conftest import member_client
from tests.security.test_csrf import PUBLIC_ROUTES, _public_path

pytestmark = pytest.mark.django_db

LIMIT = 3


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.HEARD_PUBLIC_POST_LIMIT = (LIMIT, 600)


@pytest.mark.parametrize("route", PUBLIC_ROUTES, ids=lambda r: r.name or r.route)
def test_every_public_post_is_throttled(route):
    client = Client()
    path = _public_path(route)
    for _ in range(LIMIT):
        assert client.post(path, {"email": "a@example.org"}).status_code != 429
    response = client.post(path, {"email": "a@example.org"})
    assert response.status_code == 429
    assert b"Too many attempts" in response.content


def test_the_limit_is_per_client_address(settings):
    for _ in range(LIMIT + 1):
        Client(REMOTE_ADDR="10.0.0.1").post("/portal/link/", {"email": "a@example.org"})
    assert Client(REMOTE_ADDR="10.0.0.2").post("/portal/link/", {}).status_code != 429
    assert Client(REMOTE_ADDR="10.0.0.1").post("/portal/link/", {}).status_code == 429


def test_gets_and_workspace_posts_are_not_counted(workspace):
    client = Client()
    for _ in range(LIMIT + 2):
        assert client.get("/accounts/login/").status_code == 200
    owner = member_client(workspace, Role.OWNER)
    for _ in range(LIMIT + 2):
        assert owner.post(f"/w/{workspace.slug}/settings/", {}).status_code != 429


def test_login_brute_force_is_stopped_by_axes_before_the_back_stop(settings):
    """Axes pauses an account after 5 failures from one address (tests/core/test_login.py);
    the back-stop additionally limits one address spraying many accounts."""
    settings.HEARD_PUBLIC_POST_LIMIT = (10, 600)
    client = Client()
    statuses = [
        client.post(
            "/accounts/login/", {"username": f"u{n}@example.org", "password": "x"}
        ).status_code
        for n in range(11)
    ]
    assert statuses[:10] == [200] * 10 and statuses[10] == 429
