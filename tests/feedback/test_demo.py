"""`heard demo` feedback: inputs with decisions, closed and overdue loops, commitments — with
the derived fields the services keep."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from heard.core.audit import verify_chain
from heard.core.models import Workspace
from heard.feedback import queries
from heard.feedback.models import Commitment, Decision, Input, Response
from heard.feedback.services.loops import refresh_loops

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("demo", size="small", stdout=StringIO())
    return {ws.slug: ws for ws in Workspace.objects.all()}


def test_demo_feedback(demo):
    acme = demo["acme"]
    inputs = Input.objects.filter(workspace=acme)
    assert inputs.count() > 50
    assert set(inputs.values_list("language", flat=True)) >= {"en", "fr", "es"}
    assert Decision.objects.filter(workspace=acme, is_current=True).count() > 20
    assert Response.objects.filter(workspace=acme).exists()
    assert Commitment.objects.filter(workspace=acme).count() == 6
    assert inputs.filter(merged_into__isnull=False).count() == 1
    assert queries.overdue_loops(acme).exists()
    assert inputs.filter(loop_closed_at__isnull=False).exists()
    # The denormalised outcome matches the current decision everywhere.
    for row in inputs.filter(outcome__gt="")[:200]:
        assert row.decisions.get(is_current=True).outcome == row.outcome
    # Loop closure in the demo follows the service's rule: recomputing changes nothing.
    sample = list(inputs.filter(merged_into__isnull=True).values_list("pk", flat=True)[:300])
    assert refresh_loops(acme, sample) == []
    assert not verify_chain()
    assert all(
        i.loop_due_on is not None
        for i in inputs.filter(engagement__held_at__lte=timezone.now())[:50]
    )
