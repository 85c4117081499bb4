"""Engagement pages run the same number of queries whatever the amount of data."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.engagements.models import HrddStep
from heard.engagements.services import participation as participation_services
from tests.factories import ImpactFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


def count(client, url) -> int:
    client.get(url)  # warm per-process caches outside the count
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def fill(workspace, make_engagement, add_session, n: int, offset: int = 0):
    initiative = InitiativeFactory(workspace=workspace)
    steps = list(HrddStep.objects.filter(workspace=workspace)[:3])
    made = []
    for i in range(offset, offset + n):
        engagement = make_engagement(
            f"Engagement {i:03}", initiative=initiative, hrdd_steps=steps, languages=["en", "fr"]
        )
        add_session(
            engagement, start=datetime.datetime(2026, 1, 1, 10) + datetime.timedelta(days=i)
        )
        add_session(
            engagement,
            start=datetime.datetime(2026, 1, 1, 9) + datetime.timedelta(days=i),
            time_zone="America/Los_Angeles",
        )
        made.append(engagement)
    return made


def test_engagement_list_queries_do_not_grow(workspace, owner_client, make_engagement, add_session):
    url = reverse("engagements:engagement_list", args=[workspace.slug]) + "?per_page=100"
    fill(workspace, make_engagement, add_session, 2)
    small = count(owner_client, url)
    fill(workspace, make_engagement, add_session, 20, offset=2)
    assert count(owner_client, url) == small
    step = HrddStep.objects.filter(workspace=workspace).first()
    filtered = url + f"&q=engagement&status=planned&hrdd_step={step.pk}&language=fr&sort=title"
    assert count(owner_client, filtered) == small


def test_engagement_detail_queries_do_not_grow(
    workspace, owner_client, make_engagement, add_session, make_person
):
    (engagement,) = fill(workspace, make_engagement, add_session, 1)
    engagement.impacts.set([ImpactFactory(workspace=workspace) for _ in range(2)])
    url = reverse("engagements:engagement_detail", args=[workspace.slug, engagement.pk])

    def invite(n, offset):
        people = [
            make_person(
                f"P{i}", consent=i % 2 == 0, languages=["en", "sw"], safety_level="high_risk"
            )
            for i in range(offset, offset + n)
        ]
        participation_services.add_participants(
            workspace=workspace, actor=None, engagement=engagement, stakeholders=people
        )

    checks = reverse("checks:engagement_checks", args=[workspace.slug, engagement.pk])
    invite(2, 0)
    small, small_checks = count(owner_client, url), count(owner_client, checks)
    engagement.impacts.add(ImpactFactory(workspace=workspace))
    invite(20, 2)
    assert count(owner_client, url) == small
    assert count(owner_client, checks) == small_checks


def test_participant_add_and_scheduling_queries_do_not_grow(
    workspace, owner_client, make_engagement, make_person
):
    engagement = make_engagement()
    add = reverse("engagements:participant_add", args=[workspace.slug, engagement.pk])
    schedule = (
        reverse("engagements:scheduling", args=[workspace.slug, engagement.pk])
        + "?date=2026-05-05&start_time=10:00&duration=60&time_zone=UTC"
    )

    def people(n, offset):
        made = [
            make_person(f"Q{i}", consent=True, languages=["en"], time_zone="Africa/Nairobi")
            for i in range(offset, offset + n)
        ]
        participation_services.add_participants(
            workspace=workspace, actor=None, engagement=engagement, stakeholders=made[::2]
        )

    people(2, 0)
    small_add, small_schedule = count(owner_client, add), count(owner_client, schedule)
    people(20, 2)
    assert count(owner_client, add) == small_add
    assert count(owner_client, schedule) == small_schedule
