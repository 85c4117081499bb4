"""Invitations: hashed single-use tokens that expire, the email, and every way of accepting."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from heard.core import services
from heard.core.errors import DomainError
from heard.core.models import AuditAction, AuditEntry, Invitation, Membership, Role, User
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(workspace):
    return MembershipFactory(workspace=workspace, role=Role.OWNER).user


def invite(workspace, actor, email="ada@example.org", role=Role.EDITOR):
    return services.invite_member(workspace=workspace, actor=actor, email=email, role=role)


# --- the service


def test_invite_stores_only_the_hash_expires_in_7_days_and_emails_an_absolute_link(
    workspace, owner, settings, django_capture_on_commit_callbacks
):
    settings.HEARD_BASE_URL = "https://heard.example.com/"
    with django_capture_on_commit_callbacks(execute=True):
        issued = invite(workspace, owner, email=" Ada@Example.org ")
    invitation = issued.invitation
    assert invitation.email == "ada@example.org"
    assert invitation.token_hash == hashlib.sha256(issued.token.encode()).hexdigest()
    assert issued.token not in str(Invitation.objects.filter(pk=invitation.pk).values().get())
    lifetime = invitation.expires_at - invitation.created_at
    assert abs(lifetime - timedelta(days=7)) < timedelta(seconds=5)

    (message,) = mail.outbox
    assert message.to == ["ada@example.org"]
    assert workspace.name in message.subject
    assert f"https://heard.example.com/invitations/{issued.token}/" in message.body
    assert "Editor" in message.body

    entry = AuditEntry.objects.get(workspace=workspace)
    assert (entry.action, entry.object_id) == (AuditAction.CREATE, str(invitation.pk))
    assert "token_hash" not in entry.changes and entry.changes["email"] == [None, invitation.email]


def test_no_email_is_sent_when_the_transaction_rolls_back(workspace, owner):
    # Without the commit (the test's transaction never commits) nothing is sent.
    invite(workspace, owner)
    assert mail.outbox == []


def test_email_is_in_the_inviters_language(workspace, owner, django_capture_on_commit_callbacks):
    from django.utils import translation

    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        invite(workspace, owner)
    # English fallbacks are fine until the French catalogue exists; the link is always there.
    assert "/invitations/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("actor_role", "invited_role", "allowed"),
    [
        (Role.OWNER, Role.OWNER, True),
        (Role.OWNER, Role.AUDITOR, True),
        (Role.MANAGER, Role.MANAGER, True),
        (Role.MANAGER, Role.OWNER, False),
        (Role.EDITOR, Role.VIEWER, False),
        (Role.AUDITOR, Role.VIEWER, False),
    ],
)
def test_who_may_invite_whom(workspace, actor_role, invited_role, allowed):
    actor = MembershipFactory(workspace=workspace, role=actor_role).user
    if allowed:
        assert invite(workspace, actor, role=invited_role).invitation.role == invited_role
    else:
        with pytest.raises(DomainError):
            invite(workspace, actor, role=invited_role)
        assert not Invitation.objects.exists()


def test_a_second_pending_invitation_for_the_same_email_is_refused(workspace, owner):
    invite(workspace, owner)
    with pytest.raises(DomainError) as error:
        invite(workspace, owner, email="ADA@example.org")
    assert error.value.field == "email"


def test_resend_replaces_the_link_and_revoke_kills_it(
    workspace, owner, django_capture_on_commit_callbacks
):
    first = invite(workspace, owner)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.resend_invitation(
            workspace=workspace, actor=owner, invitation=first.invitation
        )
    assert second.token != first.token
    assert second.token in mail.outbox[0].body
    assert services.find_invitation(first.token) is None
    assert services.find_invitation(second.token) == first.invitation

    services.revoke_invitation(workspace=workspace, actor=owner, invitation=first.invitation)
    assert services.invitation_problem(services.find_invitation(second.token)) == "revoked"
    actions = list(
        AuditEntry.objects.filter(workspace=workspace)
        .order_by("sequence")
        .values_list("action", flat=True)
    )
    assert actions == [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.SECURITY]


# --- accepting through the link


def test_get_never_uses_the_link_up(workspace, owner):
    issued = invite(workspace, owner)
    user = UserFactory(email="ada@example.org")
    client = Client()
    client.force_login(user)
    page = client.get(f"/invitations/{issued.token}/")
    assert page.status_code == 200
    assert b"Join the workspace" in page.content
    assert not Membership.objects.filter(user=user).exists()


def test_logged_in_invitee_joins_once(workspace, owner):
    issued = invite(workspace, owner, role=Role.CONTRIBUTOR)
    user = UserFactory(email="ada@example.org")
    client = Client()
    client.force_login(user)
    response = client.post(f"/invitations/{issued.token}/")
    assert response["Location"] == f"/w/{workspace.slug}/"
    membership = Membership.objects.get(user=user, workspace=workspace)
    assert membership.role == Role.CONTRIBUTOR
    issued.invitation.refresh_from_db()
    assert issued.invitation.accepted_at is not None
    created = AuditEntry.objects.filter(workspace=workspace, action=AuditAction.CREATE).first()
    assert created.object_id == str(membership.pk) and created.actor == user

    # Single use: the same link now explains itself instead of joining anyone again.
    again = Client().get(f"/invitations/{issued.token}/")
    assert again.status_code == 410
    assert b"already used" in again.content


def test_new_person_signs_up_and_joins(workspace, owner):
    issued = invite(workspace, owner, email="new@example.org", role=Role.VIEWER)
    client = Client()
    form = client.get(f"/invitations/{issued.token}/")
    assert b"Create my account and join" in form.content

    weak = client.post(
        f"/invitations/{issued.token}/",
        {"full_name": "Nia Okafor", "password1": "12345678", "password2": "12345678"},
    )
    assert weak.status_code == 200 and weak.context["form"].errors["password1"]
    assert not User.objects.filter(email="new@example.org").exists()

    good = "sunrise over the delta 77"
    response = client.post(
        f"/invitations/{issued.token}/",
        {"full_name": "Nia Okafor", "password1": good, "password2": good},
    )
    assert response["Location"] == f"/w/{workspace.slug}/"
    user = User.objects.get(email="new@example.org")
    assert user.full_name == "Nia Okafor" and user.check_password(good)
    assert Membership.objects.get(user=user, workspace=workspace).role == Role.VIEWER
    assert client.get(f"/w/{workspace.slug}/").status_code == 200


def test_existing_account_logs_in_first_then_comes_back(workspace, owner):
    issued = invite(workspace, owner)
    user = UserFactory(email="ada@example.org")
    client = Client()
    link = f"/invitations/{issued.token}/"
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "next=" in response["Location"]
    login = client.post(
        "/accounts/login/", {"username": user.email, "password": PASSWORD, "next": link}
    )
    assert login["Location"] == link
    assert client.post(link)["Location"] == f"/w/{workspace.slug}/"
    assert Membership.objects.filter(user=user, workspace=workspace).exists()


def test_someone_else_logged_in_gets_a_clear_page(workspace, owner):
    issued = invite(workspace, owner)
    client = Client()
    client.force_login(UserFactory(email="someone@example.org"))
    response = client.post(f"/invitations/{issued.token}/")
    assert response.status_code == 403
    assert b"ada@example.org" in response.content
    assert not Membership.objects.filter(workspace=workspace, user__email="someone@example.org")


@pytest.mark.parametrize(
    ("state", "status", "text"),
    [
        ("expired", 410, b"has expired"),
        ("revoked", 410, b"was withdrawn"),
        ("accepted", 410, b"already used"),
        ("unknown", 404, b"not valid"),
    ],
)
def test_dead_links_explain_themselves(workspace, owner, state, status, text):
    issued = invite(workspace, owner)
    invitation = issued.invitation
    token = issued.token
    if state == "expired":
        invitation.expires_at = timezone.now() - timedelta(minutes=1)
    elif state == "revoked":
        invitation.revoked_at = timezone.now()
    elif state == "accepted":
        invitation.accepted_at = timezone.now()
    else:
        token = "not-a-real-token"
    invitation.save()
    for method in ("get", "post"):
        response = getattr(Client(), method)(f"/invitations/{token}/")
        assert response.status_code == status
        assert text in response.content
    assert not Membership.objects.filter(user__email="ada@example.org").exists()


def test_members_page_invites_through_the_service(
    workspace, owner, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/w/{workspace.slug}/members/", {"email": "zoe@example.org", "role": Role.AUDITOR}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="zoe@example.org")
    assert invitation.role == Role.AUDITOR and invitation.invited_by == owner
    token = re.search(r"/invitations/([\w-]+)/", mail.outbox[0].body).group(1)
    assert services.find_invitation(token) == invitation
