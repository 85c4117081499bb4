"""`heard demo` engagements: several time zones, consistent derived dates, fatigue."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Min

from heard.core.models import Workspace
from heard.core.search import full_text_filter
from heard.engagements.models import Engagement, Participation, Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("demo", size="small", stdout=StringIO())
    return {ws.slug: ws for ws in Workspace.objects.all()}


def test_demo_engagements_sessions_and_fatigue(demo):
    acme = demo["acme"]
    engagements = Engagement.objects.filter(workspace=acme)
    assert engagements.count() >= 40
    assert set(engagements.values_list("status", flat=True)) >= {
        "planned",
        "held",
        "loop_closed",
    }
    zones = set(Session.objects.filter(workspace=acme).values_list("time_zone", flat=True))
    assert len(zones) >= 5
    # The seed's example: one session run at 10:00 Paris and 09:00 Los Angeles.
    paired = Session.objects.filter(workspace=acme, time_zone="America/Los_Angeles").first()
    if paired is not None:
        assert paired.local_starts_at.hour == 9
    # Derived dates match what the services keep.
    for engagement in engagements.annotate(first=Min("sessions__starts_at"))[:30]:
        first = engagement.sessions.order_by("starts_at").first()
        assert engagement.starts_on == first.local_starts_at.date()
    mismatched = Participation.objects.filter(workspace=acme).exclude(
        engaged_on=models_f("engagement__starts_on")
    )
    assert not mismatched.exists()
    # Some stakeholders are over the fatigue threshold in the rolling window.
    since = datetime.date.today() - datetime.timedelta(days=acme.fatigue_window_days)
    busy = (
        Participation.objects.filter(workspace=acme, engaged_on__gte=since)
        .values("stakeholder_id")
        .annotate(n=Count("engagement_id", distinct=True))
        .filter(n__gt=acme.fatigue_threshold)
    )
    assert busy.count() >= 3
    assert full_text_filter(engagements, "roundtable").exists()


def models_f(name):
    from django.db.models import F

    return F(name)
