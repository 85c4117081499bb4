"""Planning cycles: dates from the cadence, "create next cycle", and the daily job."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from heard.core.errors import DomainError
from heard.core.models import Role
from heard.core.schedule import DAILY_TASKS
from heard.insights.briefs import services
from heard.insights.briefs.calendar import cycle_dates, cycle_name, next_start, period_start
from heard.insights.briefs.models import PlanningCycle, cycle_settings_for
from tests.factories import MembershipFactory

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
D = datetime.date


# --- dates (no database)


def test_six_monthly_cycles_are_halves():
    months = [1, 7]
    assert period_start(months, D(2027, 3, 15)) == D(2027, 1, 1)
    assert period_start(months, D(2027, 7, 1)) == D(2027, 7, 1)
    assert next_start(months, D(2027, 12, 31)) == D(2028, 1, 1)
    dates = cycle_dates(months, D(2027, 7, 1), 21)
    assert dates.name == "H2 2027"
    assert (dates.opens_on, dates.requests_due_on, dates.closes_on) == (
        D(2027, 7, 1),
        D(2027, 7, 22),
        D(2027, 12, 31),
    )


def test_other_cadences_are_named_by_quarter_or_month():
    assert cycle_name([1, 4, 7, 10], D(2027, 10, 1)) == "Q4 2027"
    assert cycle_name([3], D(2027, 3, 1)) == "March 2027"
    yearly = cycle_dates([3], D(2027, 3, 1), 200)
    assert yearly.closes_on == D(2028, 2, 29) and yearly.requests_due_on <= yearly.closes_on


# --- services


@pytest.mark.django_db
def test_create_next_cycle_follows_the_cadence(workspace):
    first = services.create_next_cycle(workspace=workspace, actor=None, today=D(2027, 2, 10))
    assert (first.name, first.opens_on) == ("H1 2027", D(2027, 1, 1))
    second = services.create_next_cycle(workspace=workspace, actor=None, today=D(2027, 2, 10))
    assert (second.name, second.opens_on, second.closes_on) == (
        "H2 2027",
        D(2027, 7, 1),
        D(2027, 12, 31),
    )
    services.update_cycle_settings(
        workspace=workspace,
        actor=None,
        start_months=[4, 10],
        request_days=14,
        opens_automatically=True,
    )
    third = services.create_next_cycle(workspace=workspace, actor=None, today=D(2027, 2, 10))
    assert (third.name, third.opens_on) == ("H1 2028", D(2028, 4, 1))
    assert third.requests_due_on == D(2028, 4, 15)


@pytest.mark.django_db
def test_cycle_dates_must_be_in_order_and_names_unique(workspace):
    args = {"workspace": workspace, "actor": None, "opens_on": D(2027, 1, 1)}
    with pytest.raises(DomainError):
        services.create_cycle(
            name="A", requests_due_on=D(2026, 12, 1), closes_on=D(2027, 6, 30), **args
        )
    services.create_cycle(
        name="A", requests_due_on=D(2027, 1, 20), closes_on=D(2027, 6, 30), **args
    )
    with pytest.raises(DomainError):
        services.create_cycle(
            name="A",
            requests_due_on=D(2027, 1, 20),
            closes_on=D(2027, 6, 30),
            workspace=workspace,
            actor=None,
            opens_on=D(2027, 2, 1),
        )


@pytest.mark.django_db
def test_settings_need_a_month(workspace):
    with pytest.raises(DomainError):
        services.update_cycle_settings(
            workspace=workspace,
            actor=None,
            start_months=[],
            request_days=21,
            opens_automatically=True,
        )
    services.update_cycle_settings(
        workspace=workspace,
        actor=None,
        start_months=[7, 1, 1],
        request_days=10,
        opens_automatically=False,
    )
    assert cycle_settings_for(workspace).start_months == [1, 7]


# --- the daily job


@pytest.fixture
def contributors(workspace):
    return [
        MembershipFactory(workspace=workspace, role=Role.CONTRIBUTOR, user__email=e).user
        for e in ("a@example.org", "b@example.org")
    ]


@pytest.mark.django_db
def test_the_job_opens_the_cycle_and_tells_contributors_once(workspace, contributors):
    MembershipFactory(workspace=workspace, role=Role.EDITOR, user__email="ed@example.org")
    assert services.open_due_cycles(D(2027, 7, 3)) == 2
    cycle = PlanningCycle.objects.get(workspace=workspace)
    assert (cycle.name, cycle.opens_on) == ("H2 2027", D(2027, 7, 1))
    assert cycle.announced_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert "H2 2027" in mail.outbox[0].subject
    assert f"/w/{workspace.slug}/insights/briefs/new/" in mail.outbox[0].body
    # The next day: nothing new.
    assert services.open_due_cycles(D(2027, 7, 4)) == 0
    assert PlanningCycle.objects.filter(workspace=workspace).count() == 1


@pytest.mark.django_db
def test_the_job_leaves_manual_workspaces_and_past_due_cycles_alone(workspace, contributors):
    services.update_cycle_settings(
        workspace=workspace,
        actor=None,
        start_months=[1, 7],
        request_days=21,
        opens_automatically=False,
    )
    assert services.open_due_cycles(D(2027, 7, 3)) == 0
    assert not PlanningCycle.objects.filter(workspace=workspace).exists()
    # A cycle made by hand is announced when it opens, not once requests are past due.
    services.create_cycle(
        workspace=workspace,
        actor=None,
        name="Late",
        opens_on=D(2027, 1, 1),
        requests_due_on=D(2027, 1, 10),
        closes_on=D(2027, 6, 30),
    )
    assert services.open_due_cycles(D(2027, 2, 1)) == 0
    services.create_next_cycle(workspace=workspace, actor=None, today=D(2027, 2, 1))
    assert services.open_due_cycles(D(2027, 6, 30)) == 0  # H2 not open yet
    assert services.open_due_cycles(D(2027, 7, 1)) == 2


def test_the_job_is_on_the_workers_daily_schedule():
    assert "heard.insights.briefs.tasks.open_insight_cycles" in DAILY_TASKS


@pytest.mark.django_db(transaction=True)
def test_the_worker_opens_the_cycle_without_anyone_queueing_it(workspace, contributors):
    # A cycle starting this month, so today falls in its request window.
    month = timezone.localdate().month
    services.update_cycle_settings(
        workspace=workspace,
        actor=None,
        start_months=[month, month % 12 + 1],
        request_days=31,
        opens_automatically=True,
    )
    with override_settings(TASKS=DB_TASKS):
        call_command("worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert PlanningCycle.objects.filter(workspace=workspace).count() == 1
    assert sorted(m.to[0] for m in mail.outbox if "insight cycle" in m.subject) == [
        "a@example.org",
        "b@example.org",
    ]
