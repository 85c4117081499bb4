"""Two-factor authentication: set-up with a real TOTP code, backup codes, verification, the
mandatory policy, switching off."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.core.models import AuditAction, AuditEntry, Role
from tests.conftest import member_client
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_throttle_delay(settings):
    """django-otp refuses codes for 2^n seconds after n wrong ones; these tests type a wrong
    code and the right one within a second, so the delay is off here (and tested below)."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


SETUP = "/accounts/two-factor/setup/"
VERIFY = "/accounts/two-factor/"


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or `steps_ahead` 30-second steps later)."""
    device.refresh_from_db()
    value = totp(
        device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=steps_ahead
    )
    return f"{value:0{device.digits}d}"


def enrolled_user():
    """A user with a confirmed TOTP device and backup codes, set up through the pages."""
    user = UserFactory()
    client = Client()
    client.force_login(user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    client.post(SETUP, {"action": "confirm", "code": code_for(device)})
    return user, TOTPDevice.objects.get(user=user, confirmed=True)


def password_login(user) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_setup_shows_an_inline_svg_qr_code_and_the_key_then_confirms_with_a_real_code(
    workspace,
):
    client = member_client(workspace, Role.EDITOR)
    page = client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=client.user)
    assert not device.confirmed
    # Inline SVG: no image request, nothing the strict CSP would block.
    svg = re.search(r"<svg[^>]*>.*?</svg>", html, re.S).group(0)
    assert "<path" in svg and "style=" not in svg and "<script" not in svg
    assert "<?xml" not in html
    assert page.context["secret"].replace(" ", "") in html.replace(" ", "")
    # Reloading keeps the same key, so a half-done scan still matches.
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=client.user).count() == 1

    wrong = client.post(SETUP, {"action": "confirm", "code": "000000"})
    assert "code" in wrong.context["confirm_form"].errors
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed

    done = client.post(SETUP, {"action": "confirm", "code": code_for(device)})
    assert done.status_code == 200
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "no-store" in done["Cache-Control"]
    assert StaticToken.objects.filter(device__user=client.user).count() == 10
    # Shown once: the page afterwards says how many are left, never the codes.
    later = client.get(SETUP).content.decode()
    assert "10 unused backup codes left" in later
    assert not any(code in later for code in codes)
    # Turning it on is a security event in the member's workspaces.
    entry = AuditEntry.objects.filter(workspace=workspace).latest("sequence")
    assert entry.action == AuditAction.SECURITY
    assert entry.changes["two_factor"] == [None, "on"]


def test_after_login_a_user_with_a_device_must_enter_a_code(workspace):
    user, device = enrolled_user()
    MembershipFactory(user=user, workspace=workspace, role=Role.EDITOR)
    client = Client()
    response = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert response["Location"].startswith(VERIFY)

    # Until then, workspace pages and home send them to the code page.
    home = f"/w/{workspace.slug}/"
    blocked = client.get(home)
    assert blocked.status_code == 302 and blocked["Location"].startswith(VERIFY)
    assert client.get("/")["Location"].startswith(VERIFY)
    # So does the password change page.
    assert client.get("/accounts/password/")["Location"].startswith(VERIFY)

    wrong = client.post(VERIFY, {"code": "123456", "next": home})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["code"]
    assert client.get(home).status_code == 302

    right = client.post(VERIFY, {"code": code_for(device, steps_ahead=1), "next": home})
    assert right.status_code == 302 and right["Location"] == home
    assert client.get(home).status_code == 200


def test_verify_ignores_next_urls_to_other_sites():
    user, device = enrolled_user()
    client = password_login(user)
    response = client.post(
        VERIFY, {"code": code_for(device, steps_ahead=1), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_a_backup_code_works_once():
    user, _device = enrolled_user()
    code = StaticToken.objects.filter(device__user=user).first().token
    first = password_login(user)
    assert first.post(VERIFY, {"code": code})["Location"] == "/"
    second = password_login(user)
    assert second.post(VERIFY, {"code": code}).status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_a_user_without_a_device_is_not_asked_for_a_code(workspace):
    client = member_client(workspace, Role.EDITOR)
    assert client.get(f"/w/{workspace.slug}/").status_code == 200
    assert client.get(VERIFY)["Location"].startswith(SETUP)


def test_mandatory_two_factor_sends_members_without_a_device_to_set_up(workspace):
    workspace.is_two_factor_required = True
    workspace.save(update_fields=["is_two_factor_required"])
    client = member_client(workspace, Role.VIEWER)
    page = f"/w/{workspace.slug}/stakeholders/"
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)
    assert "next=" in response["Location"]

    client.get(SETUP)
    device = TOTPDevice.objects.get(user=client.user)
    done = client.post(SETUP, {"action": "confirm", "code": code_for(device), "next": page})
    assert done.context["next"] == page
    assert client.get(page).status_code == 200


def test_mandatory_two_factor_asks_enrolled_members_for_their_code(workspace):
    workspace.is_two_factor_required = True
    workspace.save(update_fields=["is_two_factor_required"])
    user, device = enrolled_user()
    MembershipFactory(user=user, workspace=workspace, role=Role.OWNER)
    client = password_login(user)
    assert client.get(f"/w/{workspace.slug}/")["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": code_for(device, steps_ahead=1)})
    assert client.get(f"/w/{workspace.slug}/").status_code == 200


def test_switching_off_needs_a_current_code(workspace):
    user, device = enrolled_user()
    MembershipFactory(user=user, workspace=workspace)
    client = password_login(user)
    client.post(VERIFY, {"code": code_for(device, steps_ahead=1)})

    refused = client.post(SETUP, {"action": "disable", "code": "000000"})
    assert refused.context["disable_form"].errors
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    backup = StaticToken.objects.filter(device__user=user).first().token
    assert client.post(SETUP, {"action": "disable", "code": backup}).status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()
    entry = AuditEntry.objects.filter(workspace=workspace).latest("sequence")
    assert entry.changes["two_factor"] == ["on", "off"]
    # A fresh login no longer asks for a code.
    fresh = Client()
    response = fresh.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert response["Location"] == "/"


def test_new_backup_codes_replace_the_old_ones():
    user, device = enrolled_user()
    client = password_login(user)
    client.post(VERIFY, {"code": code_for(device, steps_ahead=1)})
    old = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    response = client.post(SETUP, {"action": "backup_codes", "code": old.pop()})
    new = set(response.context["codes"])
    assert len(new) == 10 and not (new & old)
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == new


def test_repeated_wrong_codes_are_throttled_with_a_clear_message(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    settings.OTP_STATIC_THROTTLE_FACTOR = 60
    user, device = enrolled_user()
    client = password_login(user)
    client.post(VERIFY, {"code": "000000"})
    response = client.post(VERIFY, {"code": code_for(device, steps_ahead=1)})
    assert response.status_code == 200
    assert "wait a few seconds" in str(response.context["form"].errors["code"])
    assert not client.session.get("otp_device_id")
