"""Magic links: success, expiry, reuse, revocation, rate limits, no enumeration."""

from __future__ import annotations

import datetime
import re
import time

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from heard.core.models import AuditEntry
from heard.feedback.portal import portal_link
from heard.portal import links, services
from heard.portal.links import LinkState
from heard.portal.models import PortalLinkUse
from heard.portal.session import SESSION_KEY
from tests.portal.conftest import magic_path, sign_in

pytestmark = pytest.mark.django_db

HOME = "/portal/home/"


def _without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_link_opens_the_portal_once_and_lands_on_the_engagement(person, held_engagement):
    client = Client()
    path = magic_path(person, held_engagement)
    shown = client.get(path)
    assert shown.status_code == 200
    assert "Continue to my portal" in shown.content.decode()
    assert not PortalLinkUse.objects.exists()  # looking at the link does not use it up
    opened = client.post(path, {"engagement": held_engagement.pk})
    assert opened.status_code == 302
    assert opened["Location"] == reverse("portal:engagement", args=[held_engagement.pk])
    assert client.session[SESSION_KEY] == person.pk
    assert client.get(HOME).status_code == 200
    assert PortalLinkUse.objects.count() == 1


def test_link_carries_no_name_or_email(person):
    url = portal_link(person)
    assert "Amina" not in url and "amina" not in url and "example.org" not in url
    assert url.startswith("http") and "/portal/open/" in url


def test_reused_link_says_so_and_offers_a_fresh_one(person, django_capture_on_commit_callbacks):
    path = magic_path(person)
    first, second = Client(), Client()
    first.post(path)
    again = second.post(path)
    body = again.content.decode()
    assert again.status_code == 410
    assert "already used" in body
    assert "Email me a fresh link" in body
    assert SESSION_KEY not in second.session
    assert second.get(HOME).status_code == 302  # not signed in
    # The fresh link goes to the person's own address, and works.
    with django_capture_on_commit_callbacks(execute=True):
        renew = second.post(path.rstrip("/") + "/renew/")
    assert renew.status_code == 200
    assert [m.to for m in mail.outbox] == [["amina@example.org"]]
    fresh = mail.outbox[0].body.split("/portal/open/")[1].split("/")[0]
    assert second.post(reverse("portal:open", args=[fresh])).status_code == 302


def test_expired_link_is_refused(person):
    path = magic_path(person)
    with override_settings(SESAME_MAX_AGE=1):
        time.sleep(1.1)
        answer = Client().post(path)
    assert answer.status_code == 410
    assert "expired" in answer.content.decode()
    assert not PortalLinkUse.objects.exists()


def test_expiry_defaults_to_fourteen_days(settings):
    assert settings.SESAME_MAX_AGE == 14 * 24 * 60 * 60


def test_tampered_or_garbage_link_is_refused(person):
    token = links.create_token(links.access_for(person))
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    for bad in (tampered, "not-a-token", "x" * 500):
        answer = Client().post(reverse("portal:open", args=[bad]))
        assert answer.status_code == 404
        assert "does not work" in answer.content.decode()


def test_revoking_stops_every_link_and_ends_open_sessions(workspace, person):
    signed_in = sign_in(Client(), person)
    unused = magic_path(person)
    services.revoke_links(workspace=workspace, actor=None, stakeholder=person)
    assert links.check_link(unused.split("/")[-2]).state == LinkState.INVALID
    assert Client().post(unused).status_code == 404
    assert signed_in.get(HOME).status_code == 302  # the old session ended
    entry = AuditEntry.objects.filter(workspace=workspace).order_by("-sequence").first()
    assert entry.changes == {"portal_links": ["active", "revoked"]}
    sign_in(Client(), person)  # a new link works


def test_archived_stakeholder_cannot_open_links(workspace, person):
    path = magic_path(person)
    from heard.stakeholders import services as registry

    registry.archive(workspace=workspace, actor=None, obj=person)
    assert Client().post(path).status_code == 404


def test_request_form_answers_the_same_for_known_and_unknown_addresses(
    person, django_capture_on_commit_callbacks
):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("portal:request_link"), {"email": "AMINA@example.org "})
        unknown = client.post(reverse("portal:request_link"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert _without_csrf(known) == _without_csrf(unknown)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@example.org"]
    assert "Amina" not in message.body  # no name in the email either
    assert "/portal/open/" in message.body


def test_request_form_sends_one_link_per_workspace_that_knows_the_address(
    make_stakeholder, other_workspace, django_capture_on_commit_callbacks
):
    make_stakeholder()
    make_stakeholder(ws=other_workspace)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(reverse("portal:request_link"), {"email": "amina@example.org"})
    assert len(mail.outbox) == 2


def test_malformed_request_names_the_field(person):
    answer = Client().post(reverse("portal:request_link"), {"email": "not an address"})
    assert answer.status_code == 400
    assert "Your email address" in answer.content.decode()
    assert not mail.outbox


@override_settings(HEARD_PORTAL_LIMITS={"request_address": (2, 3600), "request_ip": (50, 3600)})
def test_request_form_is_limited_per_address(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            Client(REMOTE_ADDR=f"10.0.0.{n}").post(
                reverse("portal:request_link"), {"email": "amina@example.org"}
            )
            for n in range(3)
        ]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert len(mail.outbox) == 2
    assert "Too many attempts" in answers[-1].content.decode()


@override_settings(HEARD_PORTAL_LIMITS={"request_ip": (2, 3600), "request_address": (50, 3600)})
def test_request_form_is_limited_per_ip(person):
    client = Client(REMOTE_ADDR="10.0.0.9")
    codes = [
        client.post(reverse("portal:request_link"), {"email": f"x{n}@example.org"}).status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 429]
    other_ip = Client(REMOTE_ADDR="10.0.0.10")
    assert (
        other_ip.post(reverse("portal:request_link"), {"email": "y@example.org"}).status_code == 200
    )


@override_settings(HEARD_PORTAL_LIMITS={"open_ip": (3, 600), "open_address": (100, 600)})
def test_opening_links_is_limited_per_ip(person):
    client = Client(REMOTE_ADDR="10.0.0.7")
    codes = [client.get(reverse("portal:open", args=[f"garbage{n}"])).status_code for n in range(4)]
    assert codes == [404, 404, 404, 429]
    assert sign_in(Client(REMOTE_ADDR="10.0.0.8"), person)


@override_settings(HEARD_PORTAL_LIMITS={"open_ip": (100, 600), "open_address": (2, 600)})
def test_opening_links_is_limited_per_address(person):
    path = magic_path(person)
    codes = [Client(REMOTE_ADDR=f"10.1.0.{n}").get(path).status_code for n in range(3)]
    assert codes == [200, 200, 429]


def test_feedback_emails_carry_a_working_magic_link(
    workspace, person, held_engagement, django_capture_on_commit_callbacks
):
    from heard.feedback import services as feedback

    row = feedback.record_input(
        workspace=workspace,
        actor=None,
        text="Point",
        engagement=held_engagement,
        stakeholder=person,
    )
    feedback.decide_input(workspace=workspace, actor=None, input=row, outcome="adopted")
    draft = feedback.compose_response(
        workspace=workspace, stakeholder=person, engagement=held_engagement
    )
    with django_capture_on_commit_callbacks(execute=True):
        feedback.send_response(
            workspace=workspace,
            actor=None,
            stakeholder=person,
            engagement=held_engagement,
            channel="email",
            subject=draft.subject,
            body=draft.body,
        )
    body = mail.outbox[-1].body
    token = body.split("/portal/open/")[1].split("/")[0]
    client = Client()
    answer = client.post(reverse("portal:open", args=[token]), {"engagement": held_engagement.pk})
    assert answer.status_code == 302
    assert "Point" in client.get(answer["Location"]).content.decode()


def test_fingerprints_of_used_links_are_forgotten_once_the_links_expired(person):
    """The worker's daily job keeps no more than it needs: a used link's fingerprint only
    matters while the link could still open."""
    from heard.portal.tasks import forget_used_links

    Client().post(magic_path(person))
    Client().post(magic_path(person))
    old, recent = PortalLinkUse.objects.order_by("pk")
    PortalLinkUse.objects.filter(pk=old.pk).update(
        used_at=timezone.now() - datetime.timedelta(days=15)  # links last 14 days
    )
    assert forget_used_links.enqueue().return_value == 1
    assert list(PortalLinkUse.objects.all()) == [recent]
