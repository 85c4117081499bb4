"""`heard demo` sets up an advisory council per workspace, with a rotation due soon."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from heard.councils.models import Council, CouncilMember
from heard.councils.queries import meetings_of, terms_ending

pytestmark = pytest.mark.django_db


def test_demo_councils():
    call_command("demo", size="small", verbosity=0)
    today = timezone.localdate()
    for council in Council.objects.select_related("workspace"):
        members = CouncilMember.objects.filter(council=council)
        current = [m for m in members if m.term_start <= today <= m.term_end]
        assert len(current) >= 8
        assert any(m.term_end < today for m in members)  # a past member
        assert [m.role for m in members].count("chair") == 1
        meetings = list(meetings_of(council))
        assert len(meetings) == 4
        assert all(m.format == "advisory_council" for m in meetings)
        assert sum(m.starts_on < today for m in meetings) == 3
        assert all(m.participant_count == len(current) for m in meetings)
    soon = terms_ending(today, None)
    assert soon and all(m.term_end <= today + datetime.timedelta(days=60) for m in soon)
