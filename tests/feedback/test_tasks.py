"""The daily digest of overdue loops and the escalation to managers, by background task."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from heard.core.models import Role
from heard.feedback.digests import send_loop_digests
from heard.feedback.models import LoopReminder
from heard.feedback.tasks import send_overdue_loop_digests
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def lead(workspace):
    return MembershipFactory(
        workspace=workspace, role=Role.EDITOR, user__email="lead@example.org"
    ).user


@pytest.fixture
def manager(workspace):
    return MembershipFactory(
        workspace=workspace, role=Role.MANAGER, user__email="boss@example.org"
    ).user


def test_digest_to_the_lead_and_escalation_to_managers(
    workspace, lead, manager, make_engagement, record
):
    late = make_engagement("Very late", held_days_ago=90, owner=lead)  # 30 days overdue
    recent = make_engagement("Slightly late", held_days_ago=65, owner=lead)  # 5 days overdue
    record(engagement=late)
    record(engagement=recent)
    record(engagement=make_engagement("Not due yet", held_days_ago=10, owner=lead))
    assert send_loop_digests() == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    digest = by_recipient["lead@example.org"]
    assert "Very late" in digest.body and "Slightly late" in digest.body
    assert "Not due yet" not in digest.body
    escalation = by_recipient["boss@example.org"]
    assert "Very late" in escalation.body and "Slightly late" not in escalation.body
    # A second run the same day sends nothing.
    assert send_loop_digests() == 0
    assert LoopReminder.objects.count() == 2


def test_closed_and_archived_loops_are_not_reminded(
    workspace, lead, make_engagement, record, decide
):
    from heard.feedback import services

    engagement = make_engagement(held_days_ago=90, owner=lead)
    row = record(engagement=engagement)
    decide(row)
    services.save_summary(
        workspace=workspace,
        actor=None,
        engagement=engagement,
        what_we_heard="a",
        what_we_did="b",
        publish=True,
    )
    services.archive_input(workspace=workspace, actor=None, input=record(engagement=engagement))
    assert send_loop_digests() == 0


def test_recorder_owns_loops_of_engagements_without_a_lead(workspace, lead, make_engagement):
    from heard.feedback import services

    engagement = make_engagement(held_days_ago=90)
    services.record_input(workspace=workspace, actor=lead, text="x", engagement=engagement)
    assert send_loop_digests() == 1
    assert mail.outbox[0].to == ["lead@example.org"]


def test_task_with_the_immediate_backend(workspace, lead, make_engagement, record):
    record(engagement=make_engagement(held_days_ago=70, owner=lead))
    result = send_overdue_loop_digests.enqueue()
    assert result.return_value == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_command_queues_the_task_and_the_database_worker_runs_it(
    workspace, lead, make_engagement, record
):
    """As in production: committed rows, and a worker that closes its connections."""
    record(engagement=make_engagement("Worker roundtable", held_days_ago=70, owner=lead))
    with override_settings(TASKS=DB_TASKS):
        from django_tasks_db.models import DBTaskResult

        call_command("loop_digests")
        assert DBTaskResult.objects.count() == 1
        assert mail.outbox == []  # queued, not run
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        result = DBTaskResult.objects.get()
        assert result.status == "SUCCESSFUL", result.traceback
        assert result.return_value == 1
    assert len(mail.outbox) == 1
    assert "Worker roundtable" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_the_daily_digest_without_anyone_queueing_it(
    workspace, lead, make_engagement, record
):
    record(engagement=make_engagement("Forgotten roundtable", held_days_ago=75, owner=lead))
    with override_settings(TASKS=DB_TASKS):
        call_command("worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert [m.to for m in mail.outbox] == [["lead@example.org"]]
    assert "Forgotten roundtable" in mail.outbox[0].body
