"""Kept dashboard figures: read them, compute them when missing, refresh them when stale.

A dashboard at a million inputs costs tens of seconds of aggregates on SQLite, far from a page
budget of 200 ms. So each (workspace or initiative, period) keeps its figures in one
`DashboardSnapshot` row: a page reads that row, and a snapshot older than `STALE_AFTER` is
served as it is (the page says when it was computed) while the worker recomputes it. Missing
figures, and "Recalculate now", are computed in the request when the period is small enough,
else by the worker while the page says so.
"""

from __future__ import annotations

import datetime
import pickle
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac

from heard.core.models import Workspace
from heard.impacts.models import Initiative
from heard.insights.dashboards import metrics, page
from heard.insights.dashboards.metrics import Period
from heard.insights.dashboards.models import DashboardSnapshot

STALE_AFTER = datetime.timedelta(minutes=15)
# Above this many inputs in the period, missing figures are computed by the worker rather than
# in the request (at about a million, they take a minute on SQLite: past any request timeout).
SYNC_INPUT_LIMIT = 50_000
# Snapshots not computed for this long are deleted by the nightly refresh.
KEEP_FOR = datetime.timedelta(days=3)
# The periods the nightly refresh computes for every workspace (the selector's presets).
NIGHTLY_PRESET_DAYS = (30, 90, 182, 365)


@dataclass(frozen=True)
class Kept:
    """A dashboard's figures, when they were computed, and whether a refresh is on its way."""

    board: page.Dashboard
    computed_at: datetime.datetime
    snapshot_id: int
    is_refreshing: bool = False


def _snapshots(workspace: Workspace, initiative: Initiative | None, period: Period):
    return DashboardSnapshot.objects.for_workspace(workspace).filter(
        initiative=initiative, starts_on=period.start, ends_on=period.end
    )


SIGNATURE_SALT = "heard.insights.dashboards.snapshot"
SIGNATURE_BYTES = 32  # HMAC-SHA256


def _dump(board: page.Dashboard) -> bytes:
    """The figures pickled, behind an HMAC of the secret key: a row written by anyone but
    Heard (a tampered database or backup) is never unpickled."""
    payload = pickle.dumps(board, protocol=pickle.HIGHEST_PROTOCOL)
    return salted_hmac(SIGNATURE_SALT, payload, algorithm="sha256").digest() + payload


def _load(snapshot: DashboardSnapshot) -> page.Dashboard | None:
    """The kept figures, or None when they were written by an older version of the code or
    their signature does not match (both are simply recomputed)."""
    data = bytes(snapshot.figures)
    signature, payload = data[:SIGNATURE_BYTES], data[SIGNATURE_BYTES:]
    expected = salted_hmac(SIGNATURE_SALT, payload, algorithm="sha256").digest()
    if not payload or not constant_time_compare(signature, expected):
        return None
    try:
        board = pickle.loads(payload)  # noqa: S301 - signed by this installation above
    except Exception:  # noqa: BLE001 - any unreadable snapshot is simply recomputed
        return None
    return board if isinstance(board, page.Dashboard) else None


def compute(
    workspace: Workspace,
    period: Period,
    initiative: Initiative | None = None,
    *,
    today: datetime.date | None = None,
) -> Kept:
    """Compute the figures now and keep them (replacing older ones of the same period)."""
    # In English whoever asks: labels of vocabulary terms are translated when shown.
    with translation.override("en"):
        board = page.build(workspace, period, initiative, today=today)
    values = {
        "figures": _dump(board),
        "computed_at": timezone.now(),
        "refresh_queued_at": None,
    }
    try:
        with transaction.atomic():
            snapshot, _created = _snapshots(workspace, initiative, period).update_or_create(
                defaults=values,
                create_defaults={
                    **values,
                    "workspace": workspace,
                    "initiative": initiative,
                    "starts_on": period.start,
                    "ends_on": period.end,
                },
            )
    except IntegrityError:  # computed by another request meanwhile: theirs is as good
        snapshot = _snapshots(workspace, initiative, period).get()
    return Kept(board, snapshot.computed_at, snapshot.pk)


def current(
    workspace: Workspace,
    period: Period,
    initiative: Initiative | None = None,
    *,
    today: datetime.date | None = None,
    fresh: bool = False,
) -> Kept | None:
    """The kept figures (one query). Missing (or `fresh`) figures are computed in the request
    when the period holds at most SYNC_INPUT_LIMIT inputs, else queued for the worker (None:
    the page says they are being computed). Stale figures are returned as they are, and a
    refresh queued (once per STALE_AFTER)."""
    snapshot = _snapshots(workspace, initiative, period).first()
    board = _load(snapshot) if snapshot is not None else None
    now = timezone.now()
    queued = snapshot.refresh_queued_at if snapshot is not None else None
    recently_queued = queued is not None and queued >= now - STALE_AFTER
    if board is None or fresh:
        if not _is_large(workspace, period, initiative):
            return compute(workspace, period, initiative, today=today)
        if not recently_queued:
            snapshot = snapshot or _placeholder(workspace, period, initiative)
            _queue_refresh(snapshot, now)
        if board is None:
            return None
        return Kept(board, snapshot.computed_at, snapshot.pk, is_refreshing=True)
    if snapshot.computed_at < now - STALE_AFTER and not recently_queued:
        _queue_refresh(snapshot, now)
        return Kept(board, snapshot.computed_at, snapshot.pk, is_refreshing=True)
    return Kept(board, snapshot.computed_at, snapshot.pk, is_refreshing=queued is not None)


def _is_large(workspace: Workspace, period: Period, initiative: Initiative | None) -> bool:
    """Whether the period holds more than SYNC_INPUT_LIMIT inputs: counted up to the limit on
    the (workspace, created_at) index, so asking costs milliseconds."""
    inputs = metrics.period_inputs(workspace, period, initiative)
    return inputs[: SYNC_INPUT_LIMIT + 1].count() > SYNC_INPUT_LIMIT


def _placeholder(
    workspace: Workspace, period: Period, initiative: Initiative | None
) -> DashboardSnapshot:
    """An empty snapshot row for the worker to fill (so a refresh is queued only once)."""
    snapshot, _created = DashboardSnapshot.objects.get_or_create(
        workspace=workspace,
        initiative=initiative,
        starts_on=period.start,
        ends_on=period.end,
        defaults={"figures": b""},
    )
    return snapshot


def _queue_refresh(snapshot: DashboardSnapshot, now: datetime.datetime) -> None:
    from heard.insights.dashboards.tasks import refresh_dashboard

    DashboardSnapshot.objects.filter(pk=snapshot.pk).update(refresh_queued_at=now)
    transaction.on_commit(lambda: refresh_dashboard.enqueue(snapshot.pk))


def refresh(snapshot_id: int) -> bool:
    """Recompute one snapshot's figures (the worker's task); False if it is gone."""
    snapshot = (
        DashboardSnapshot.objects.select_related("workspace", "initiative")
        .filter(pk=snapshot_id)
        .first()
    )
    if snapshot is None:
        return False
    period = Period(snapshot.starts_on, snapshot.ends_on)
    compute(snapshot.workspace, period, snapshot.initiative)
    return True


def refresh_nightly(today: datetime.date | None = None) -> int:
    """Compute every workspace's dashboard for the usual periods ending today, and delete
    snapshots nobody asked for lately; returns how many were computed."""
    today = today or timezone.localdate()
    DashboardSnapshot.objects.filter(computed_at__lt=timezone.now() - KEEP_FOR).delete()
    done = 0
    for workspace in Workspace.objects.all().iterator():
        for days in NIGHTLY_PRESET_DAYS:
            compute(workspace, Period.last(days, today), today=today)
            done += 1
    return done
