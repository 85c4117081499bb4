"""The "did you feel heard" survey: one answer per stakeholder and engagement, editable."""

from __future__ import annotations

import pytest
from django.urls import reverse

from heard.core.errors import DomainError
from heard.portal import services
from heard.portal.models import SurveyAnswer
from tests.factories import EngagementFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

ANSWERS = {"felt_heard": "4", "understood_outcome": "5", "would_take_part_again": "3"}


def test_answer_then_change_the_survey(portal_client, person, held_engagement):
    url = reverse("portal:survey", args=[held_engagement.pk])
    assert portal_client.get(url).status_code == 200
    first = portal_client.post(url, {**ANSWERS, "comment": "Good facilitation."})
    assert first.status_code == 302
    answer = SurveyAnswer.objects.get()
    assert (answer.stakeholder, answer.engagement, answer.felt_heard) == (
        person,
        held_engagement,
        4,
    )
    page = portal_client.get(reverse("portal:engagement", args=[held_engagement.pk]))
    assert "You answered 4 out of 5" in page.content.decode()
    edit = portal_client.get(url).content.decode()
    assert 'value="4" id="id_felt_heard_3" checked' in edit or (
        'value="4"' in edit and "checked" in edit
    )
    portal_client.post(url, {**ANSWERS, "felt_heard": "2", "comment": ""})
    answer = SurveyAnswer.objects.get()  # still one
    assert answer.felt_heard == 2 and answer.comment == ""


def test_survey_answer_out_of_range_names_the_field(portal_client, held_engagement):
    url = reverse("portal:survey", args=[held_engagement.pk])
    answer = portal_client.post(url, {**ANSWERS, "felt_heard": "9"})
    assert answer.status_code == 400
    assert "I felt heard" in answer.content.decode()
    assert not SurveyAnswer.objects.exists()


def test_survey_opens_only_after_the_engagement_was_held(portal_client, workspace, person):
    planned = EngagementFactory(workspace=workspace, status="invitations_sent")
    ParticipationFactory(engagement=planned, workspace=workspace, stakeholder=person)
    assert portal_client.get(reverse("portal:survey", args=[planned.pk])).status_code == 404
    with pytest.raises(DomainError):
        services.save_survey(
            stakeholder=person,
            engagement=planned,
            felt_heard=3,
            understood_outcome=3,
            would_take_part_again=3,
        )
    assert not SurveyAnswer.objects.exists()


def test_survey_service_refuses_bad_scores(person, held_engagement):
    with pytest.raises(DomainError) as error:
        services.save_survey(
            stakeholder=person,
            engagement=held_engagement,
            felt_heard=0,
            understood_outcome=3,
            would_take_part_again=3,
        )
    assert error.value.field == "felt_heard"
