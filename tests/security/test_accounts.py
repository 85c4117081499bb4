"""Two-factor required for owners in production mode, session expiry (idle and absolute), and
the security events the audit log records."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.core import security
from heard.core.models import AuditAction, AuditEntry, Role
from tests.conftest import member_client
from tests.core.test_two_factor import code_for, enrolled_user
from tests.factories import PASSWORD, MembershipFactory, UserFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def _no_throttle_delay(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def events(workspace) -> list[str]:
    """The security events recorded in `workspace`, oldest first."""
    entries = AuditEntry.objects.filter(workspace=workspace, action=AuditAction.SECURITY)
    return [e.changes["event"][1] for e in entries.order_by("sequence") if "event" in e.changes]


def password_login(email: str, password: str = PASSWORD) -> Client:
    client = Client()
    client.post(LOGIN, {"username": email, "password": password})
    return client


# --- two-factor for owners


def test_owner_without_device_is_sent_to_set_up_in_production_mode(settings, workspace):
    settings.HEARD_OWNER_TWO_FACTOR_REQUIRED = True
    owner = member_client(workspace, Role.OWNER)
    response = owner.get(f"/w/{workspace.slug}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/setup/")
    # Other roles are not asked (unless the workspace requires it of everyone).
    viewer = member_client(workspace, Role.VIEWER)
    assert viewer.get(f"/w/{workspace.slug}/").status_code == 200


def test_owner_with_device_enters_a_code_then_works(settings):
    settings.HEARD_OWNER_TWO_FACTOR_REQUIRED = True
    user, device = enrolled_user()
    workspace = WorkspaceFactory()
    MembershipFactory(workspace=workspace, user=user, role=Role.OWNER)
    client = password_login(user.email)
    response = client.get(f"/w/{workspace.slug}/")
    assert response["Location"].startswith("/accounts/two-factor/?")
    client.post("/accounts/two-factor/", {"code": code_for(device, steps_ahead=1)})
    assert client.get(f"/w/{workspace.slug}/").status_code == 200


def test_owners_are_not_forced_in_the_demo_and_dev_default(settings, workspace):
    assert settings.HEARD_OWNER_TWO_FACTOR_REQUIRED is False  # HEARD_SECURE unset
    owner = member_client(workspace, Role.OWNER)
    assert owner.get(f"/w/{workspace.slug}/").status_code == 200
    assert not TOTPDevice.objects.filter(user=owner.user).exists()


# --- sessions expire


def test_idle_session_is_signed_out(settings, owner_client, workspace):
    page = f"/w/{workspace.slug}/"
    assert owner_client.get(page).status_code == 200
    session = owner_client.session
    session[security.SEEN_AT_KEY] -= settings.HEARD_SESSION_IDLE_SECONDS + 1
    session.save()
    response = owner_client.get(page)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in owner_client.session
    assert events(workspace)[-1] == security.SESSION_EXPIRED


def test_session_older_than_the_maximum_age_is_signed_out_however_active(
    settings, owner_client, workspace
):
    session = owner_client.session
    session[security.AUTH_AT_KEY] -= settings.HEARD_SESSION_MAX_AGE + 1
    session.save()
    response = owner_client.get(f"/w/{workspace.slug}/")
    assert response["Location"].startswith(LOGIN)


def test_last_seen_is_written_at_most_once_a_minute(owner_client, workspace):
    """No session write per request: the stamp moves only when a minute has passed."""
    owner_client.get(f"/w/{workspace.slug}/")
    first = owner_client.session[security.SEEN_AT_KEY]
    owner_client.get(f"/w/{workspace.slug}/")
    assert owner_client.session[security.SEEN_AT_KEY] == first
    session = owner_client.session
    session[security.SEEN_AT_KEY] -= security.SEEN_RESOLUTION
    session.save()
    stale = owner_client.session[security.SEEN_AT_KEY]
    owner_client.get(f"/w/{workspace.slug}/")
    assert owner_client.session[security.SEEN_AT_KEY] > stale


def test_active_session_stays(owner_client, workspace):
    for _ in range(3):
        assert owner_client.get(f"/w/{workspace.slug}/").status_code == 200


# --- the audit log records logins and security events


@pytest.fixture
def person():
    """A user in two workspaces (each records the user's security events)."""
    user = UserFactory(email="amina@example.org")
    first, second = WorkspaceFactory(), WorkspaceFactory()
    MembershipFactory(workspace=first, user=user, role=Role.OWNER)
    MembershipFactory(workspace=second, user=user, role=Role.VIEWER)
    return user, first, second


def test_login_and_logout_are_recorded_in_each_of_the_users_workspaces(person):
    user, first, second = person
    client = password_login("Amina@example.org")
    client.post("/accounts/logout/")
    for workspace in (first, second):
        assert events(workspace) == [security.LOGIN, security.LOGOUT]
    entry = AuditEntry.objects.filter(workspace=first, action=AuditAction.SECURITY).last()
    assert entry.actor == user and entry.changes["ip_address"] == [None, "127.0.0.1"]


def test_failed_login_is_recorded_without_the_password(person):
    user, first, _second = person
    password_login(user.email, "Secret-Guess-123")
    assert events(first) == [security.LOGIN_FAILED]
    entry = AuditEntry.objects.get(workspace=first, action=AuditAction.SECURITY)
    assert entry.actor is None and entry.actor_label == "anonymous"
    assert "Secret-Guess-123" not in str(entry.changes) + entry.object_repr


def test_failed_login_for_an_unknown_address_records_nothing(person):
    before = AuditEntry.objects.count()
    password_login("nobody-here@example.org", "whatever")
    assert AuditEntry.objects.count() == before
    assert not AuditEntry.objects.filter(changes__icontains="nobody-here").exists()


def test_lockout_is_recorded_once_however_often_the_locked_account_is_tried(person):
    user, first, _second = person
    for _ in range(9):
        password_login(user.email, "wrong")
    recorded = events(first)
    assert recorded.count(security.LOCKED_OUT) == 1
    assert recorded.count(security.LOGIN_FAILED) <= 5


def test_password_change_and_reset_are_recorded(person):
    user, first, _second = person
    client = Client()
    client.force_login(user)
    new = "Another-long-passphrase-42"
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert events(first)[-1] == security.PASSWORD_CHANGED

    Client().post("/accounts/password/reset/", {"email": user.email})
    assert events(first)[-1] == security.PASSWORD_RESET_REQUESTED
    link = re.search(r"/accounts/password/reset/\S+/\S+/", mail.outbox[-1].body).group(0)
    reset = Client()
    form_url = reset.get(link)["Location"]
    newer = "Yet-another-passphrase-43"
    reset.post(form_url, {"new_password1": newer, "new_password2": newer})
    assert events(first)[-1] == security.PASSWORD_RESET


def test_reset_request_for_an_unknown_address_records_nothing(person):
    before = AuditEntry.objects.count()
    Client().post("/accounts/password/reset/", {"email": "stranger@example.org"})
    assert AuditEntry.objects.count() == before


def test_two_factor_changes_and_role_changes_are_security_events(workspace):
    client = member_client(workspace, Role.OWNER)
    client.get("/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=client.user)
    client.post("/accounts/two-factor/setup/", {"action": "confirm", "code": code_for(device)})
    client.post(
        "/accounts/two-factor/setup/",
        {"action": "backup_codes", "code": code_for(device, steps_ahead=1)},
    )
    assert events(workspace)[-1] == security.BACKUP_CODES_RENEWED
    changes = [
        e.changes
        for e in AuditEntry.objects.filter(workspace=workspace, action=AuditAction.SECURITY)
    ]
    assert {"two_factor": [None, "on"]} in changes
    # Role changes and removals are SECURITY entries too (heard.core.services).
    from heard.core import services

    other = MembershipFactory(workspace=workspace, role=Role.VIEWER)
    services.change_role(
        workspace=workspace, actor=client.user, membership=other, role=Role.MANAGER
    )
    last = AuditEntry.objects.filter(workspace=workspace).order_by("sequence").last()
    assert last.action == AuditAction.SECURITY and last.changes["role"] == ["viewer", "manager"]


def test_idle_portal_session_is_signed_out(settings, workspace):
    from heard.stakeholders import services as registry
    from tests.factories import ConsentFactory
    from tests.portal.conftest import sign_in

    person = registry.create_stakeholder(
        workspace=workspace, actor=None, name="Amina Yusuf", email="amina@example.org"
    )
    ConsentFactory(stakeholder=person, workspace=workspace, purpose="contact")
    client = sign_in(Client(), person)
    assert security.SEEN_AT_KEY in client.session  # stamped in the sign-in's own save
    assert client.get("/portal/home/").status_code == 200
    session = client.session
    session[security.SEEN_AT_KEY] -= settings.HEARD_SESSION_IDLE_SECONDS + 1
    session.save()
    response = client.get("/portal/home/")
    assert response.status_code == 302 and "/portal/home/" not in response["Location"]
    assert security.PORTAL_SESSION_KEY not in client.session
