"""Two-factor set-up, members and settings in Chromium, with axe-core on each page."""

import base64

import pytest
from django_otp.oath import totp

from heard.core.models import Invitation, Role
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import PASSWORD, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code_from_key(secret: str) -> str:
    raw = secret.replace(" ", "")
    return f"{totp(base64.b32decode(raw + '=' * (-len(raw) % 8))):06d}"


def test_owner_sets_up_two_factor_invites_and_edits_settings(page):
    membership = MembershipFactory(role=Role.OWNER, workspace__name="Acme Social")
    slug = membership.workspace.slug
    log_in(page, membership.user.email, PASSWORD)

    page.goto("/accounts/two-factor/setup/")
    assert page.locator("svg.qr-code").is_visible()
    assert_accessible(page)
    secret = page.locator("code.secret").inner_text()
    page.get_by_label("Code").fill(_code_from_key(secret))
    page.get_by_role("button", name="Turn on two-factor").click()
    assert page.get_by_role("heading", name="Your backup codes").is_visible()
    assert page.locator("ol.backup-codes li").count() == 10
    screenshot(page, "two-factor-backup-codes")
    assert_accessible(page)

    page.goto(f"/w/{slug}/members/")
    assert_accessible(page)
    page.get_by_label("Email", exact=True).fill("nia@partner.example")
    page.get_by_label("Role", exact=True).select_option("editor")
    page.get_by_role("button", name="Send invitation").click()
    assert page.get_by_text("Invitation sent to nia@partner.example").is_visible()
    assert Invitation.objects.get(email="nia@partner.example").role == Role.EDITOR
    screenshot(page, "members")

    page.goto(f"/w/{slug}/settings/")
    assert_accessible(page)
    page.get_by_label("French (fr)").check()
    page.get_by_label("Loop-closure deadline (days)").fill("0")
    page.get_by_role("button", name="Save settings").click()
    assert page.get_by_role("alert").get_by_role("link", name="Loop-closure deadline").is_visible()
    assert_accessible(page)
    page.get_by_label("Loop-closure deadline (days)").fill("30")
    page.get_by_role("button", name="Save settings").click()
    assert page.get_by_text("Settings saved.").is_visible()
    membership.workspace.refresh_from_db()
    assert membership.workspace.languages == ["en", "fr"]
    assert membership.workspace.loop_closure_days == 30
    screenshot(page, "workspace-settings")
