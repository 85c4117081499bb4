"""The workspace settings page and service, and `heard workspace create`."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from heard.core import services
from heard.core.audit import verify_chain
from heard.core.errors import DomainError
from heard.core.forms import language_choices
from heard.core.models import AuditAction, AuditEntry, Membership, Role, User, Workspace
from tests.conftest import member_client

pytestmark = pytest.mark.django_db


def settings_data(**changes) -> dict:
    data = {
        "name": "Acme Social",
        "languages": ["en", "sw"],
        "time_zone": "Africa/Nairobi",
        "loop_closure_days": 45,
        "fatigue_window_days": 120,
        "fatigue_threshold": 4,
        "key_relationship_months": 3,
        "is_two_factor_required": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_owner_saves_every_setting_and_the_audit_keeps_before_and_after(workspace):
    client = member_client(workspace, Role.OWNER)
    assert client.get(f"/w/{workspace.slug}/settings/").status_code == 200
    response = client.post(f"/w/{workspace.slug}/settings/", settings_data())
    assert response.status_code == 302
    workspace.refresh_from_db()
    assert workspace.name == "Acme Social"
    assert workspace.languages == ["en", "sw"]
    assert workspace.time_zone == "Africa/Nairobi"
    assert (workspace.loop_closure_days, workspace.fatigue_window_days) == (45, 120)
    assert (workspace.fatigue_threshold, workspace.key_relationship_months) == (4, 3)
    assert workspace.is_two_factor_required

    entry = AuditEntry.objects.get(workspace=workspace)
    assert entry.action == AuditAction.UPDATE
    assert entry.changes["time_zone"] == ["UTC", "Africa/Nairobi"]
    assert entry.changes["languages"] == [["en"], ["en", "sw"]]
    assert entry.changes["is_two_factor_required"] == [False, True]
    assert "audit_head_hash" not in entry.changes
    # Saving settings must not disturb the audit chain's head.
    assert verify_chain([workspace]) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("time_zone", "Mars/Olympus_Mons"),
        ("languages", ["xx"]),
        ("languages", None),
        ("loop_closure_days", 0),
        ("fatigue_window_days", 5000),
        ("fatigue_threshold", "many"),
        ("name", ""),
    ],
)
def test_invalid_values_are_refused_naming_the_field(workspace, field, value):
    client = member_client(workspace, Role.OWNER)
    response = client.post(f"/w/{workspace.slug}/settings/", settings_data(**{field: value}))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    # The message is shown at the field, tied to it for screen readers.
    assert f'id="id_{field}_error"' in response.content.decode()
    workspace.refresh_from_db()
    assert workspace.time_zone == "UTC" and not AuditEntry.objects.exists()
    # The header keeps the saved name even when the submitted one was refused.
    assert response.context["workspace"].name == workspace.name


def test_the_service_validates_too(workspace):
    owner = Membership.objects.create(
        workspace=workspace, user=User.objects.create_user("o@example.org"), role=Role.OWNER
    ).user
    with pytest.raises(DomainError) as error:
        services.update_workspace_settings(workspace=workspace, actor=owner, time_zone="Nowhere")
    assert error.value.field == "time_zone"
    manager = Membership.objects.create(
        workspace=workspace, user=User.objects.create_user("m@example.org"), role=Role.MANAGER
    ).user
    with pytest.raises(DomainError):
        services.update_workspace_settings(workspace=workspace, actor=manager, name="Nope")


def test_language_names_follow_the_viewers_language():
    with translation.override("fr"):
        names = dict(language_choices())
    assert names["de"] == "allemand (de)"
    assert all(len(code) == 2 for code in names)
    assert dict(language_choices())["de"] == "German (de)"


def test_classification_link_appears_only_when_the_page_exists(workspace):
    client = member_client(workspace, Role.OWNER)
    html = client.get(f"/w/{workspace.slug}/settings/").content.decode()
    try:
        url = reverse("stakeholders:classification", kwargs={"workspace_slug": workspace.slug})
    except NoReverseMatch:
        assert "Global Majority classification" not in html
    else:
        assert f'href="{url}"' in html


# --- the command line


def test_workspace_create_command_makes_the_owner(capsys):
    call_command(
        "workspace",
        "create",
        "--name",
        "Acme",
        "--slug",
        "acme",
        "--owner",
        "Boss@Acme.example",
        "--password",
        "a long enough passphrase 9",
    )
    workspace = Workspace.objects.get(slug="acme")
    owner = User.objects.get(email="boss@acme.example")
    assert owner.check_password("a long enough passphrase 9")
    assert Membership.objects.get(workspace=workspace, user=owner).role == Role.OWNER
    assert AuditEntry.objects.filter(workspace=workspace).count() == 2
    assert "/w/acme/" in capsys.readouterr().out


def test_workspace_create_reuses_an_account_and_refuses_a_taken_slug(capsys):
    user = User.objects.create_user("boss@acme.example", "whatever pass 12")
    call_command("workspace", "create", "--name", "A", "--slug", "a", "--owner", user.email)
    assert Membership.objects.get(user=user).role == Role.OWNER
    with pytest.raises(CommandError):
        call_command("workspace", "create", "--name", "B", "--slug", "a", "--owner", user.email)
    with pytest.raises(CommandError):
        call_command(
            "workspace", "create", "--name", "C", "--slug", "c", "--owner", "x@y.org",
            "--password", "123",
        )  # fmt: skip
    assert not User.objects.filter(email="x@y.org").exists()


def test_workspace_create_without_password_prints_a_random_one(capsys):
    call_command("workspace", "create", "--name", "A", "--slug", "a", "--owner", "n@a.org")
    out = capsys.readouterr().out
    password = out.split("(shown once): ")[1].split()[0]
    assert User.objects.get(email="n@a.org").check_password(password)
