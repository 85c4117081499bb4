"""The to-do's overdue-loop read: exact for owners of a few engagements, bounded for many."""

from __future__ import annotations

import pytest

from heard.core.models import Role
from heard.feedback import queries, services
from tests.conftest import member_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead_with_loops(workspace, make_engagement, record):
    lead = member_client(workspace, Role.EDITOR).user
    engagements = [make_engagement(f"E{n}", held_days_ago=100 - n, owner=lead) for n in range(3)]
    for n, engagement in enumerate(engagements):
        for _ in range(n + 1):
            record(engagement=engagement)
    services.record_input(workspace=workspace, actor=lead, text="Outside any engagement")
    other = make_engagement("Someone else's", held_days_ago=100)
    record(engagement=other)
    return lead, engagements


def test_exact_groups_for_a_few_engagements(workspace, lead_with_loops):
    lead, engagements = lead_with_loops
    from django.utils import timezone

    later = timezone.localdate() + timezone.timedelta(days=120)
    found = queries.overdue_groups(workspace, lead, today=later)
    assert found["total"] == 1 + 2 + 3 + 1 and not found["is_capped"]
    by_engagement = {g["engagement_id"]: g["count"] for g in found["groups"]}
    assert by_engagement == {
        engagements[0].pk: 1,
        engagements[1].pk: 2,
        engagements[2].pk: 3,
        None: 1,
    }
    assert found["groups"][0]["engagement_id"] == engagements[0].pk  # oldest due first


def test_bounded_read_for_owners_of_many_engagements(workspace, lead_with_loops, monkeypatch):
    lead, engagements = lead_with_loops
    monkeypatch.setattr(queries, "MANY_ENGAGEMENTS", 1)
    monkeypatch.setattr(queries, "COUNT_CAP", 4)
    found = queries.overdue_groups(workspace, lead, shown=2)
    assert [g["engagement_id"] for g in found["groups"]] == [engagements[0].pk, engagements[1].pk]
    assert [g["count"] for g in found["groups"]] == [1, 2]
    assert found["total"] == 4 and found["is_capped"]
