"""API tokens in Chromium: an editor creates a token (shown once), a program uses it, the
editor revokes it, and the interactive API docs load from Heard itself under its CSP."""

import json
import urllib.error
import urllib.request

import pytest

from heard.core.models import Role
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _get(url: str, token: str) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_create_use_and_revoke_a_token(page, live_server):
    member = MembershipFactory(role=Role.EDITOR, user__email="editor@example.org")
    OrganisationFactory(workspace=member.workspace, name="Digital Rights Watch")
    page.set_default_timeout(60_000)  # a loaded machine; the flow itself is quick
    log_in(page, "editor@example.org", PASSWORD)
    page.goto(f"/w/{member.workspace.slug}/")
    page.get_by_text(member.workspace.name).first.click()
    page.get_by_role("link", name="API tokens").click()
    assert page.get_by_text("No tokens yet.").is_visible()
    assert_accessible(page)
    page.get_by_label("Name").fill("Data warehouse")
    page.get_by_label("Scope").select_option("read")
    page.get_by_role("button", name="Create token").click()
    secret = page.get_by_role("textbox", name="Token").input_value()
    assert secret.startswith("heard_")
    assert_accessible(page)
    screenshot(page, "api-tokens-created")

    status, body = _get(f"{live_server.url}/api/v1/organisations", secret)
    assert status == 200
    assert [row["name"] for row in body["results"]] == ["Digital Rights Watch"]

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Revoke Data warehouse").click()
    assert page.get_by_text("Revoked", exact=True).is_visible()
    status, body = _get(f"{live_server.url}/api/v1/organisations", secret)
    assert status == 401 and body["code"] == "not_authenticated"


def test_the_interactive_docs_render(page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_default_timeout(60_000)  # the Swagger UI bundle is large; a loaded machine
    page.goto("/api/v1/docs")
    page.locator(".opblock-tag", has_text="stakeholders").first.wait_for()
    assert "Heard API" in page.locator(".info .title").inner_text()
    assert page.locator(".opblock").count() > 20
    assert not [e for e in errors if "Content Security Policy" in e], errors
