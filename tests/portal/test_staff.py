"""The "Portal link" box on the stakeholder page: send a link, revoke all links."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from heard.core.models import AuditEntry, Role
from heard.portal.models import PortalAccess
from tests.conftest import member_client
from tests.portal.conftest import magic_path, sign_in

pytestmark = pytest.mark.django_db


def urls(workspace, person):
    return (
        reverse("portal:staff_send_link", args=[workspace.slug, person.pk]),
        reverse("portal:staff_revoke_links", args=[workspace.slug, person.pk]),
    )


def test_stakeholder_page_shows_the_portal_box(owner_client, workspace, person):
    page = owner_client.get(
        reverse("stakeholders:stakeholder_detail", args=[workspace.slug, person.pk])
    )
    body = page.content.decode()
    send, revoke = urls(workspace, person)
    assert "Portal link" in body and send in body and revoke in body


def test_send_link_emails_the_stakeholder_only(
    owner_client, workspace, person, django_capture_on_commit_callbacks
):
    send, _revoke = urls(workspace, person)
    with django_capture_on_commit_callbacks(execute=True):
        answer = owner_client.post(send)
    assert answer.status_code == 302
    assert [m.to for m in mail.outbox] == [["amina@example.org"]]
    assert PortalAccess.objects.get(stakeholder=person).last_link_sent_at is not None
    entry = AuditEntry.objects.filter(workspace=workspace).order_by("-sequence").first()
    assert entry.changes == {"portal_link": [None, "sent"]}
    assert entry.actor_label == owner_client.user.email


def test_send_link_needs_consent_to_contact(owner_client, workspace, make_stakeholder):
    person = make_stakeholder("No Consent", "nc@example.org", consent=False)
    send, _revoke = urls(workspace, person)
    owner_client.post(send)
    assert not mail.outbox


def test_revoke_from_the_stakeholder_page(owner_client, workspace, person):
    signed_in = sign_in(Client(), person)
    unused = magic_path(person)
    _send, revoke = urls(workspace, person)
    assert owner_client.post(revoke).status_code == 302
    assert Client().post(unused).status_code == 404
    assert signed_in.get(reverse("portal:home")).status_code == 302
    assert AuditEntry.objects.filter(workspace=workspace, action="security").exists()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTRIBUTOR])
def test_roles_without_edit_cannot_send_or_revoke(workspace, person, role):
    client = member_client(workspace, role)
    for url in urls(workspace, person):
        assert client.post(url).status_code == 403
    assert not mail.outbox


def test_other_workspace_stakeholder_is_404(outsider_client, workspace, person):
    for url in urls(workspace, person):
        assert outsider_client.post(url).status_code == 404


def test_high_risk_stakeholder_gets_the_link_at_their_own_address_unnamed(
    owner_client, workspace, make_stakeholder, django_capture_on_commit_callbacks
):
    person = make_stakeholder("Hidden Defender", "hd@example.org", safety_level="high_risk")
    send, _revoke = urls(workspace, person)
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(send)
    (message,) = mail.outbox
    assert message.to == ["hd@example.org"]
    assert "Hidden" not in message.body + message.subject
    entry = AuditEntry.objects.filter(workspace=workspace).order_by("-sequence").first()
    assert "Hidden" not in entry.object_repr
