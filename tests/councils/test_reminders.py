"""Rotation reminders: the relationship owner is emailed once, N days before a term ends —
through the task with the immediate backend, and through the real database worker."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from heard.councils import services
from heard.councils.models import CouncilMember
from heard.councils.reminders import send_term_reminders
from heard.councils.tasks import send_rotation_reminders
from heard.stakeholders.models import SafetyLevel
from tests.factories import MembershipFactory, StakeholderFactory

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def owner(workspace):
    return MembershipFactory(workspace=workspace, user__email="owner@example.org").user


def seat(workspace, council, *, ends_in: int, owner=None, **person):
    today = timezone.localdate()
    stakeholder = StakeholderFactory(workspace=workspace, relationship_owner=owner, **person)
    return services.add_member(
        workspace=workspace,
        actor=None,
        council=council,
        stakeholder=stakeholder,
        term_start=today - datetime.timedelta(days=400),
        term_end=today + datetime.timedelta(days=ends_in),
    )


def test_owner_gets_one_email_listing_terms_in_the_window(workspace, council, owner):
    council.reminder_days = 30
    council.save()
    soon = seat(workspace, council, ends_in=10, owner=owner, name="Amina Yusuf")
    seat(workspace, council, ends_in=25, owner=owner, name="Kofi Mensah")
    later = seat(workspace, council, ends_in=90, owner=owner, name="Lina Haddad")
    assert send_term_reminders() == 1
    (email,) = mail.outbox
    assert email.to == ["owner@example.org"]
    assert "Amina Yusuf" in email.body and "Kofi Mensah" in email.body
    assert "Lina Haddad" not in email.body
    assert f"/councils/{council.pk}/" in email.body
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.reminded_on == timezone.localdate()
    assert later.reminded_on is None
    # A second run the same day (or a retried task) sends nothing more.
    assert send_term_reminders() == 0
    assert len(mail.outbox) == 1


def test_convener_is_the_fallback_and_high_risk_names_never_leave(workspace, council, owner):
    council.convener = owner
    council.save()
    seat(
        workspace,
        council,
        ends_in=5,
        name="Secret Person",
        safety_level=SafetyLevel.HIGH_RISK,
        pseudonym="K7Q2",
    )
    assert send_term_reminders() == 1
    assert "Secret Person" not in mail.outbox[0].body
    assert "K7Q2" in mail.outbox[0].body


def test_archived_and_ended_terms_are_not_reminded(workspace, council, owner):
    gone = seat(workspace, council, ends_in=5, owner=owner)
    services.archive(workspace=workspace, actor=None, obj=gone)
    past = seat(workspace, council, ends_in=5, owner=owner)
    CouncilMember.objects.filter(pk=past.pk).update(
        term_end=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert send_term_reminders() == 0
    assert mail.outbox == []


def test_task_with_the_immediate_backend(workspace, council, owner):
    seat(workspace, council, ends_in=3, owner=owner)
    result = send_rotation_reminders.enqueue()
    assert result.return_value == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_command_queues_the_task_and_the_database_worker_runs_it(workspace, council, owner):
    """As in production: committed rows, and a worker that closes its connections."""
    seat(workspace, council, ends_in=3, owner=owner, name="Amina Yusuf")
    with override_settings(TASKS=DB_TASKS):
        from django_tasks_db.models import DBTaskResult

        call_command("council_reminders")
        assert DBTaskResult.objects.count() == 1
        assert mail.outbox == []  # queued, not run
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        result = DBTaskResult.objects.get()
        assert result.status == "SUCCESSFUL", result.traceback
        assert result.return_value == 1
    assert len(mail.outbox) == 1
    assert "Amina Yusuf" in mail.outbox[0].body
