"""The public form and status page: no login, honeypot, throttle, bad input writes nothing,
closed channel 404, the code shows progress and nothing internal."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from heard.concerns import services
from heard.concerns.models import Concern
from heard.core.models import AuditEntry
from tests.concerns.conftest import raise_one, walk_to
from tests.factories import WorkspaceFactory

pytestmark = pytest.mark.django_db


def new_url(workspace):
    return reverse("concerns_public:new", args=[workspace.slug])


def status_url(workspace):
    return reverse("concerns_public:status", args=[workspace.slug])


GOOD = {
    "description": "The translation feature mislabelled my messages as hate speech.",
    "product_named": "Chat app",
    "language": "en",
    "contact_email": "",
    "contact_name": "",
    "website": "",
}


def test_form_explains_the_procedure_without_login(workspace, channel):
    page = Client().get(new_url(workspace)).content.decode()
    assert "What happens next" in page
    assert "within 5 days" in page and "within 30 days" in page
    assert "retaliation" in page
    assert "Confidentiality" in page
    assert 'name="website"' in page  # the honeypot


def test_closed_or_unknown_channel_is_404(workspace):
    client = Client()
    assert client.get(new_url(workspace)).status_code == 404
    assert client.post(new_url(workspace), GOOD).status_code == 404
    assert client.get(status_url(workspace)).status_code == 404
    assert client.get("/concerns/no-such-company/new/").status_code == 404
    assert not Concern.objects.exists()


def test_anonymous_submission_shows_the_code_once_and_tracks_it(workspace, channel):
    client = Client()
    response = client.post(new_url(workspace), {**GOOD, "is_anonymous": "on"})
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.is_anonymous and concern.channel == "public_form"
    assert concern.contact_email == "" and concern.stakeholder is None
    page = client.get(response["Location"]).content.decode()
    assert concern.reference_display in page
    assert concern.reference_display not in response["Location"]  # not in the address


def test_honeypot_writes_nothing(workspace, channel):
    response = Client().post(new_url(workspace), {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 400
    assert not Concern.objects.exists()


@pytest.mark.parametrize(
    "change, field_label",
    [
        ({"description": ""}, "What happened?"),
        ({"description": "x" * 10_001}, "What happened?"),
        ({"contact_email": "not-an-email"}, "Your email address (optional)"),
        ({"language": "xx"}, "Language for our replies"),
        ({"product_named": "p" * 201}, "Which product or service is it about? (optional)"),
        ({"is_anonymous": "on", "contact_name": "Amina"}, "Your name (optional)"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(workspace, channel, change, field_label):
    before = AuditEntry.objects.count()
    response = Client().post(new_url(workspace), {**GOOD, **change})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was saved" in page
    assert field_label in page
    assert not Concern.objects.exists()
    assert AuditEntry.objects.count() == before


@override_settings(HEARD_CONCERN_THROTTLE={"raise": (3, 3600)})
def test_throttle_per_address(workspace, channel):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(3):
        assert client.post(new_url(workspace), GOOD).status_code == 302
    response = client.post(new_url(workspace), GOOD)
    assert response.status_code == 429
    assert Concern.objects.count() == 3
    # Another address is not held back.
    assert Client(REMOTE_ADDR="203.0.113.10").post(new_url(workspace), GOOD).status_code == 302


def test_status_page_shows_progress_and_messages_but_no_internal_notes(workspace, channel, handler):
    concern = raise_one(workspace, is_anonymous=True)
    services.acknowledge(
        workspace=workspace, actor=handler, concern=concern, message="We are on it."
    )
    services.assess(
        workspace=workspace, actor=handler, concern=concern, notes="SECRET-NOTE about the team"
    )
    response = Client().post(status_url(workspace), {"reference": concern.reference.lower()})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Being assessed" in page
    assert "We are on it." in page
    assert "SECRET-NOTE" not in page
    assert handler.email not in page
    assert concern.description not in page  # a leaked code does not reveal what was said


def test_wrong_code_gives_one_clear_message_without_leaking(workspace, channel):
    """An unknown code, another company's code and junk all get the same answer, which shows
    nothing of any concern."""
    other = WorkspaceFactory()
    services.update_channel_settings(workspace=other, actor=None, is_enabled=True)
    foreign = raise_one(other)
    client = Client()
    answers = [
        client.post(status_url(workspace), {"reference": code})
        for code in ("ABCDE-23456", foreign.reference, "'; DROP TABLE concerns")
    ]
    assert [a.status_code for a in answers] == [404, 404, 404]
    for answer in answers:
        page = answer.content.decode()
        assert "We found no concern with this code here" in page
        assert "Current step" not in page
        assert "Received" not in page  # no step list, no status of any concern


@override_settings(HEARD_CONCERN_THROTTLE={"lookup": (2, 3600)})
def test_code_guessing_is_throttled(workspace, channel):
    client = Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(2):
        assert client.post(status_url(workspace), {"reference": "ABCDE-23456"}).status_code == 404
    assert client.post(status_url(workspace), {"reference": "ABCDE-23456"}).status_code == 429


def test_feedback_through_the_status_page(workspace, channel, handler):
    concern = walk_to(raise_one(workspace), "outcome_decided", handler)
    client = Client()
    page = client.post(status_url(workspace), {"reference": concern.reference}).content.decode()
    assert "Was this fair?" in page
    url = reverse("concerns_public:feedback", args=[workspace.slug])
    response = client.post(url, {"reference": concern.reference, "rating": "2", "comment": "Slow."})
    assert response.status_code == 200
    concern.refresh_from_db()
    assert (concern.satisfaction_rating, concern.satisfaction_comment) == (2, "Slow.")
    assert client.post(url, {"reference": "ABCDE-23456", "rating": "5"}).status_code == 404


def test_public_pages_render_in_arabic_right_to_left(workspace, channel):
    client = Client(HTTP_ACCEPT_LANGUAGE="ar")
    page = client.get(new_url(workspace)).content.decode()
    assert 'dir="rtl"' in page
    assert "ماذا حدث؟" in page
