"""Logging in through the real page in Chromium."""

import pytest

from heard.core.models import Role
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import PASSWORD, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_lands_in_the_workspace_and_pages_are_accessible(page):
    membership = MembershipFactory(role=Role.OWNER, workspace__name="Acme Social")
    page.goto("/accounts/login/")
    assert_accessible(page)
    log_in(page, membership.user.email, PASSWORD)
    assert page.url.endswith(f"/w/{membership.workspace.slug}/")
    assert page.get_by_role("heading", name="Acme Social").is_visible()
    screenshot(page, "workspace-home")
    assert_accessible(page)


def test_wrong_password_says_so(page):
    membership = MembershipFactory()
    log_in(page, membership.user.email, "not the password")
    assert "/accounts/login/" in page.url
    assert page.get_by_role("alert").is_visible()
