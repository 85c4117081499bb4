"""Kept figures: read from one row, computed when missing or asked for, refreshed by the
worker when stale, recomputed every night for the usual periods."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from heard.insights.dashboards import snapshots, tasks
from heard.insights.dashboards.metrics import Period
from heard.insights.dashboards.models import DashboardSnapshot
from tests.factories import InputFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db


def inputs_shown(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200
    return response.context["board"].current.input_count


def test_figures_are_kept_until_recalculated(workspace, owner_client):
    url = reverse("dashboards:workspace", args=[workspace.slug])
    InputFactory(workspace=workspace)
    assert inputs_shown(owner_client, url) == 1
    assert DashboardSnapshot.objects.filter(workspace=workspace).count() == 1
    InputFactory(workspace=workspace)
    assert inputs_shown(owner_client, url) == 1  # the kept figures, one row read
    assert inputs_shown(owner_client, url + "?fresh=1") == 2  # "Recalculate now"
    assert inputs_shown(owner_client, url) == 2
    assert DashboardSnapshot.objects.filter(workspace=workspace).count() == 1


def test_stale_figures_are_served_and_refreshed_by_the_worker(
    workspace, owner_client, django_capture_on_commit_callbacks
):
    url = reverse("dashboards:workspace", args=[workspace.slug])
    assert inputs_shown(owner_client, url) == 0
    InputFactory(workspace=workspace)
    old = timezone.now() - snapshots.STALE_AFTER - datetime.timedelta(minutes=1)
    DashboardSnapshot.objects.update(computed_at=old)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = owner_client.get(url)
    assert response.context["board"].current.input_count == 0  # served as kept
    assert response.context["is_refreshing"]
    assert "being recalculated" in response.content.decode()
    assert len(callbacks) == 1  # the refresh task, queued once
    snapshot = DashboardSnapshot.objects.get()
    assert snapshot.computed_at > old
    assert snapshot.refresh_queued_at is None
    assert inputs_shown(owner_client, url) == 1


def test_unreadable_figures_are_recomputed(workspace):
    period = Period.last(30)
    DashboardSnapshot.objects.create(
        workspace=workspace, starts_on=period.start, ends_on=period.end, figures=b"not a pickle"
    )
    InputFactory(workspace=workspace)
    kept = snapshots.current(workspace, period)
    assert kept.board.current.input_count == 1


def test_figures_not_signed_by_this_installation_are_never_unpickled(workspace):
    """A row written by someone else (a tampered database or backup) is not trusted: its
    pickle is not loaded, the figures are recomputed."""
    import pickle

    period = Period.last(30)
    kept = snapshots.current(workspace, period)
    forged = pickle.dumps(kept.board)  # a valid pickle, without this installation's signature
    DashboardSnapshot.objects.update(figures=b"\0" * snapshots.SIGNATURE_BYTES + forged)
    InputFactory(workspace=workspace)
    assert snapshots.current(workspace, period).board.current.input_count == 1
    row = DashboardSnapshot.objects.get()
    assert bytes(row.figures)[snapshots.SIGNATURE_BYTES :] != forged  # recomputed and re-signed


def test_workspace_and_initiative_figures_are_kept_apart(workspace, fixed):
    whole = snapshots.current(workspace, fixed.period, today=fixed.today)
    one = snapshots.current(workspace, fixed.period, fixed.initiative_a, today=fixed.today)
    assert (whole.board.current.input_count, one.board.current.input_count) == (7, 4)
    assert DashboardSnapshot.objects.filter(workspace=workspace).count() == 2


def test_nightly_refresh_computes_the_presets_and_forgets_old_ones(workspace):
    other = WorkspaceFactory()
    forgotten = DashboardSnapshot.objects.create(
        workspace=other,
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2020, 1, 31),
        figures=b"",
    )
    DashboardSnapshot.objects.filter(pk=forgotten.pk).update(
        computed_at=timezone.now() - snapshots.KEEP_FOR - datetime.timedelta(hours=1)
    )
    assert tasks.refresh_dashboards.call() == 8  # four periods, two workspaces
    assert not DashboardSnapshot.objects.filter(pk=forgotten.pk).exists()
    today = timezone.localdate()
    days = sorted(
        (s.ends_on - s.starts_on).days + 1
        for s in DashboardSnapshot.objects.filter(workspace=workspace, ends_on=today)
    )
    assert days == [30, 90, 182, 365]


def test_refresh_of_a_deleted_snapshot_does_nothing():
    assert tasks.refresh_dashboard.call(123_456) is False


def test_kept_figures_are_shown_in_each_members_language(workspace, owner_client, fixed):
    url = reverse("dashboards:workspace", args=[workspace.slug]) + "?period=30"
    french = owner_client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert "Adoptée" in [p.label for p in french.context["charts"]["outcomes"].points]
    english = owner_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert DashboardSnapshot.objects.filter(workspace=workspace).count() == 1
    labels = [p.label for p in english.context["charts"]["outcomes"].points]
    assert "Adopted" in labels and "Not decided yet" in labels
    teams = [p.label for p in english.context["charts"]["teams"].points]
    assert "No team recorded" in teams


def test_large_periods_are_computed_by_the_worker(
    workspace, owner_client, monkeypatch, django_capture_on_commit_callbacks
):
    """Past SYNC_INPUT_LIMIT inputs the request queues the work and says so; the page then
    shows the figures the worker computed."""
    monkeypatch.setattr(snapshots, "SYNC_INPUT_LIMIT", 1)
    InputFactory(workspace=workspace)
    InputFactory(workspace=workspace)
    url = reverse("dashboards:workspace", args=[workspace.slug])
    with django_capture_on_commit_callbacks() as callbacks:
        pending = owner_client.get(url)
        again = owner_client.get(url)  # queued once, however many ask meanwhile
    assert pending.status_code == 200
    assert "being computed in the background" in pending.content.decode()
    assert '<meta http-equiv="refresh"' in pending.content.decode()
    assert "being computed in the background" in again.content.decode()
    assert len(callbacks) == 1
    callbacks[0]()  # the worker runs the task
    assert inputs_shown(owner_client, url) == 2
    InputFactory(workspace=workspace)
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.get(url + "?fresh=1")  # queued; the kept figures meanwhile
    assert response.context["board"].current.input_count == 2
    assert response.context["is_refreshing"]
    assert inputs_shown(owner_client, url) == 3
