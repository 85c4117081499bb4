"""`/health`: database and worker liveness, public, cheap, and saying nothing else."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from heard.ops import heartbeat
from heard.ops.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def get_health(client=None):
    return (client or Client()).get("/health")


def test_healthy_when_a_worker_beat_recently(django_assert_num_queries):
    heartbeat.beat("worker-1")
    with django_assert_num_queries(1):
        response = get_health()
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "worker": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response


def test_no_worker_ever_is_unhealthy():
    response = get_health()
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "worker": "never"}


@override_settings(HEARD_HEALTH_WORKER_MINUTES=5)
def test_a_worker_silent_too_long_is_stale():
    heartbeat.beat("worker-1")
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - datetime.timedelta(minutes=6))
    response = get_health()
    assert response.status_code == 503
    assert response.json()["worker"] == "stale"
    with override_settings(HEARD_HEALTH_WORKER_MINUTES=10):
        assert get_health().status_code == 200


@override_settings(HEARD_HEALTH_REQUIRE_WORKER=False)
def test_worker_can_be_optional_but_is_still_reported():
    response = get_health()
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "worker": "never"}


def test_database_down_is_unhealthy(django_db_blocker, caplog):
    with django_db_blocker.block():
        response = get_health()
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "worker": "unknown"}


def test_needs_no_login_and_works_for_members_too(owner_client):
    heartbeat.beat("worker-1")
    assert get_health().status_code == 200
    assert get_health(owner_client).status_code == 200


def test_leaks_nothing():
    heartbeat.beat("worker-1")
    body = get_health().content.decode()
    assert set(get_health().json()) == {"status", "database", "worker"}
    for secret in ("worker-1", "heard", "/", "sqlite", "postgres", "5.2", "django"):
        assert secret not in body.lower()


def test_only_get():
    assert Client().post("/health").status_code == 405


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_worker_batch_run_leaves_a_heartbeat():
    call_command(
        "worker",
        batch=True,
        startup_delay=False,
        reload=False,
        no_schedule=True,
        worker_id="batch-worker",
        verbosity=0,
    )
    beat = WorkerHeartbeat.objects.get()
    assert beat.worker_id == "batch-worker"
    assert get_health().status_code == 200


def test_old_heartbeats_are_forgotten_when_a_worker_starts():
    heartbeat.beat("gone")
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - datetime.timedelta(days=8))
    heartbeat.start("new", forever=False)
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["new"]
