"""The portal side: a stakeholder's own requests, the forms, clear messages for bad input
with nothing written, the daily limit, and another stakeholder's request as a 404."""

from __future__ import annotations

import pytest
from django.utils import translation

from heard.requests import services
from heard.requests.models import DataRequest, InformationRequest, RequestSettings
from tests.factories import (
    EngagementFactory,
    ParticipationFactory,
    PolicyFactory,
    StakeholderFactory,
)
from tests.requests.conftest import portal_client

pytestmark = pytest.mark.django_db

ASK = "/portal/requests/ask/"
DATA = "/portal/requests/data/"
LIST = "/portal/requests/"


def valid(**changes) -> dict:
    data = {
        "question": "Which languages do your appeal reviewers read?",
        "reasons": "Our community writes in Swahili.",
        "about": "",
        "preferred_format": "written",
        "language": "en",
    }
    data.update(changes)
    return data


def test_without_a_portal_session_the_pages_send_to_the_start():
    from django.test import Client

    for path in (LIST, ASK, DATA, "/portal/requests/1/"):
        response = Client().get(path)
        assert response.status_code == 302 and response["Location"].startswith("/portal/")


def test_ask_for_information_about_an_engagement(workspace, person, portal):
    engagement = EngagementFactory(workspace=workspace, title="Appeals roundtable")
    ParticipationFactory(workspace=workspace, engagement=engagement, stakeholder=person)
    EngagementFactory(workspace=workspace, title="Not theirs")
    page = portal.get(ASK).content.decode()
    assert "Appeals roundtable" in page and "Not theirs" not in page
    response = portal.post(ASK, valid(about=f"engagement:{engagement.pk}", language="fr"))
    request = InformationRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/portal/requests/{request.pk}/"
    assert (request.stakeholder, request.engagement, request.language) == (
        person,
        engagement,
        "fr",
    )
    detail = portal.get(response["Location"]).content.decode()
    assert "Which languages do your appeal reviewers read?" in detail
    assert "We received your request" in detail


def test_a_published_policy_can_be_named(workspace, portal):
    from django.utils import timezone

    policy = PolicyFactory(workspace=workspace, title="Appeals policy", published_at=timezone.now())
    PolicyFactory(workspace=workspace, title="Draft policy")
    page = portal.get(ASK).content.decode()
    assert "Appeals policy" in page and "Draft policy" not in page
    portal.post(ASK, valid(about=f"policy:{policy.pk}"))
    assert InformationRequest.objects.get().policy == policy


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"question": "x" * 5001}, "“What would you like to know?” is too long"),
        ({"reasons": ""}, "Say why you are asking"),
        ({"preferred_format": "telepathy"}, "Choose how you would like the answer."),
        ({"language": "xx-evil"}, "Choose the language of the answer from the list."),
        ({"about": "engagement:999999"}, "Choose what the request is about from the list."),
        ({"about": "policy:abc"}, "Choose what the request is about from the list."),
    ],
)
def test_bad_input_gets_a_message_naming_the_field_and_writes_nothing(
    workspace, portal, changes, message
):
    response = portal.post(ASK, valid(**changes))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "Nothing was sent." in page
    assert InformationRequest.objects.count() == 0


def test_another_stakeholders_engagement_cannot_be_named(workspace, portal):
    engagement = EngagementFactory(workspace=workspace)
    response = portal.post(ASK, valid(about=f"engagement:{engagement.pk}"))
    assert response.status_code == 400 and InformationRequest.objects.count() == 0


def test_the_daily_limit_gives_a_clear_message(workspace, portal):
    RequestSettings.objects.create(workspace=workspace, daily_limit=2)
    assert portal.post(ASK, valid()).status_code == 302
    assert portal.post(DATA, {"kind": "export"}).status_code == 302
    response = portal.post(ASK, valid())
    assert response.status_code == 429
    assert "the most we accept in a day" in response.content.decode()
    assert InformationRequest.objects.count() == 1


def test_data_request_forms(workspace, person, portal):
    response = portal.post(DATA, {"kind": "correction", "details": ""})
    assert response.status_code == 400
    assert "Say what should be corrected." in response.content.decode()
    response = portal.post(DATA, {"kind": "delete-everything"})
    assert response.status_code == 400
    assert "Choose what you are asking for." in response.content.decode()
    response = portal.post(DATA, {"kind": "export", "details": "d" * 5001})
    assert "“Details” is too long" in response.content.decode()
    assert DataRequest.objects.count() == 0
    response = portal.post(DATA, {"kind": "erasure", "details": "Remove my phone number."})
    assert response.status_code == 302
    assert DataRequest.objects.get().stakeholder == person
    page = portal.get(LIST).content.decode()
    assert "Erasure of my data" in page and "Remove my phone number." in page


def test_the_list_shows_only_their_own_requests_and_the_answers(workspace, person, portal, ask):
    mine = ask("Mine?")
    services.answer_request(workspace=workspace, actor=None, request=mine, answer="Yes, yours.")
    stranger = StakeholderFactory(workspace=workspace)
    ask("Someone else's question", stakeholder=stranger)
    page = portal.get(LIST).content.decode()
    assert "Mine?" in page and "Yes, yours." in page
    assert "Someone else&#x27;s question" not in page and "Someone else's" not in page


def test_another_stakeholders_request_is_404(workspace, portal, ask):
    stranger = StakeholderFactory(workspace=workspace)
    theirs = ask(stakeholder=stranger)
    assert portal.get(f"/portal/requests/{theirs.pk}/").status_code == 404
    assert portal.post(f"/portal/requests/{theirs.pk}/withdraw/").status_code == 404
    assert portal.get("/portal/requests/999999/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "open"


def test_a_stakeholder_of_another_workspace_sees_nothing(workspace, ask):
    request = ask()
    elsewhere = portal_client(StakeholderFactory())
    assert elsewhere.get(f"/portal/requests/{request.pk}/").status_code == 404
    assert "How do you review appeals?" not in elsewhere.get(LIST).content.decode()


def test_withdraw_own_request(workspace, portal, ask):
    request = ask()
    response = portal.post(f"/portal/requests/{request.pk}/withdraw/")
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "withdrawn"
    assert portal.get(f"/portal/requests/{request.pk}/withdraw/").status_code == 405


def test_portal_pages_are_small(workspace, person, portal, ask, ask_data):
    for n in range(8):
        ask(f"Question {n} " + "q" * 300)
    ask_data()
    for path in (LIST, ASK, DATA):
        assert len(portal.get(path).content) < 50_000, path


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Que souhaitez-vous savoir ?"),
        ("es", "¿Qué le gustaría saber?"),
        ("ar", "ما الذي تودّ معرفته؟"),
    ],
)
def test_portal_pages_are_translated(portal, language, expected):
    with translation.override(language):
        response = portal.get(ASK, headers={"accept-language": language})
    page = response.content.decode()
    assert expected in page
    if language == "ar":
        assert 'dir="rtl"' in page


def test_portal_list_queries_do_not_grow(workspace, person, portal, ask, ask_data):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ask()
    ask_data()
    portal.get(LIST)
    with CaptureQueriesContext(connection) as small:
        portal.get(LIST)
    RequestSettings.objects.update_or_create(workspace=workspace, defaults={"daily_limit": 99})
    engagement = EngagementFactory(workspace=workspace)
    for n in range(15):
        ask(f"Question {n}", engagement=engagement)
    for _ in range(5):
        ask_data()
    with CaptureQueriesContext(connection) as large:
        assert portal.get(LIST).status_code == 200
    assert len(large) <= len(small)


def test_the_portal_list_is_paged(workspace, portal, ask):
    RequestSettings.objects.create(workspace=workspace, daily_limit=99)
    for n in range(25):
        ask(f"Numbered question {n:02d}")
    first = portal.get(LIST).content.decode()
    assert "Numbered question 24" in first and "Numbered question 04" not in first
    second = portal.get(LIST + "?page=2").content.decode()
    assert "Numbered question 04" in second and "Numbered question 24" not in second
