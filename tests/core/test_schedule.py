"""`heard worker` queues the daily tasks itself, once a day however many workers run."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings

from heard.core.models import ScheduledRun
from heard.core.schedule import DAILY_TASKS, enqueue_daily_tasks

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db
def test_each_daily_task_is_queued_once_a_day():
    from django_tasks_db.models import DBTaskResult

    monday = datetime.date(2026, 11, 30)
    with override_settings(TASKS=DB_TASKS):
        assert enqueue_daily_tasks(monday) == DAILY_TASKS
        assert enqueue_daily_tasks(monday) == []  # a second worker, or the next pass
        assert sorted(DBTaskResult.objects.values_list("task_path", flat=True)) == sorted(
            DAILY_TASKS
        )
        assert enqueue_daily_tasks(monday + datetime.timedelta(days=1)) == DAILY_TASKS
        assert DBTaskResult.objects.count() == 2 * len(DAILY_TASKS)
    assert ScheduledRun.objects.filter(day=monday).count() == len(DAILY_TASKS)


@pytest.mark.django_db(transaction=True)
def test_worker_queues_and_runs_the_daily_tasks():
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS=DB_TASKS):
        call_command("worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        results = DBTaskResult.objects.all()
        assert sorted(r.task_path for r in results) == sorted(DAILY_TASKS)
        assert {r.status for r in results} == {"SUCCESSFUL"}


@pytest.mark.django_db(transaction=True)
def test_worker_without_schedule_queues_nothing():
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS=DB_TASKS):
        call_command(
            "worker",
            batch=True,
            startup_delay=False,
            reload=False,
            no_schedule=True,
            verbosity=0,
        )
        assert not DBTaskResult.objects.exists()
    assert not ScheduledRun.objects.exists()
