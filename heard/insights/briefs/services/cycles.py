"""Planning cycles: the cadence setting, creating cycles, and the daily job that opens them."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.concurrency import check_version
from heard.core.errors import DomainError
from heard.core.models import Membership, Role, User, Workspace
from heard.insights.briefs.calendar import cycle_dates, next_start, period_start
from heard.insights.briefs.models import CycleSettings, PlanningCycle, cycle_settings_for
from heard.insights.briefs.services.common import record_change, validate

logger = logging.getLogger(__name__)


@transaction.atomic
def update_cycle_settings(
    *,
    workspace: Workspace,
    actor: User | None,
    start_months: list[int],
    request_days: int,
    opens_automatically: bool,
    version: str | None = None,
) -> CycleSettings:
    """Change the months cycles start in, the days to file requests, and automatic opening.
    Existing cycles keep their dates. A stale `version` raises EditConflict."""
    months = sorted({int(m) for m in start_months})
    if not months or any(not 1 <= m <= 12 for m in months):
        raise DomainError(_("Choose at least one month."), field="start_months")
    found = cycle_settings_for(workspace)
    if found.pk:
        found = check_version(CycleSettings, found.pk, version) or found
    before = audit.snapshot(found) if found.pk else {}
    found.start_months = months
    found.request_days = request_days
    found.opens_automatically = opens_automatically
    validate(found)
    found.save()
    record_change(workspace=workspace, actor=actor, obj=found, before=before)
    return found


def _check_free(workspace: Workspace, cycle: PlanningCycle) -> None:
    others = PlanningCycle.objects.for_workspace(workspace).exclude(pk=cycle.pk)
    if others.filter(name=cycle.name).exists():
        raise DomainError(_("A cycle with this name exists already."), field="name")
    if others.filter(opens_on=cycle.opens_on).exists():
        raise DomainError(_("Another cycle opens on this day."), field="opens_on")


def _check_dates(cycle: PlanningCycle) -> None:
    if cycle.requests_due_on < cycle.opens_on:
        raise DomainError(
            _("Requests cannot be due before the cycle opens."), field="requests_due_on"
        )
    if cycle.closes_on < cycle.requests_due_on:
        raise DomainError(_("The cycle cannot close before requests are due."), field="closes_on")


@transaction.atomic
def create_cycle(
    *,
    workspace: Workspace,
    actor: User | None,
    name: str,
    opens_on: datetime.date,
    requests_due_on: datetime.date,
    closes_on: datetime.date,
) -> PlanningCycle:
    """A planning cycle with its own name and dates."""
    cycle = PlanningCycle(
        workspace=workspace,
        name=(name or "").strip(),
        opens_on=opens_on,
        requests_due_on=requests_due_on,
        closes_on=closes_on,
    )
    validate(cycle)
    _check_dates(cycle)
    _check_free(workspace, cycle)
    cycle.save()
    record_change(workspace=workspace, actor=actor, obj=cycle, before={})
    return cycle


@transaction.atomic
def update_cycle(
    *,
    workspace: Workspace,
    actor: User | None,
    cycle: PlanningCycle,
    name: str,
    opens_on: datetime.date,
    requests_due_on: datetime.date,
    closes_on: datetime.date,
    version: str | None = None,
) -> PlanningCycle:
    """Rename a cycle or move its dates."""
    check_version(PlanningCycle, cycle.pk, version)
    if cycle.workspace_id != workspace.pk:
        raise DomainError(_("That record belongs to another workspace."), code="forbidden")
    before = audit.snapshot(cycle)
    cycle.name = (name or "").strip()
    cycle.opens_on, cycle.requests_due_on, cycle.closes_on = opens_on, requests_due_on, closes_on
    validate(cycle)
    _check_dates(cycle)
    _check_free(workspace, cycle)
    cycle.save()
    record_change(workspace=workspace, actor=actor, obj=cycle, before=before)
    return cycle


def next_cycle_start(workspace: Workspace, today: datetime.date) -> datetime.date:
    """Where the next cycle starts: after the latest cycle, else the current period."""
    months = cycle_settings_for(workspace).months()
    latest = PlanningCycle.objects.for_workspace(workspace).order_by("-opens_on").first()
    if latest is None:
        return period_start(months, today)
    return next_start(months, max(latest.closes_on, latest.opens_on))


def create_next_cycle(
    *, workspace: Workspace, actor: User | None, today: datetime.date | None = None
) -> PlanningCycle:
    """The next cycle of the workspace's cadence (the current period's if there is none)."""
    today = today or timezone.localdate()
    found = cycle_settings_for(workspace)
    start = next_cycle_start(workspace, today)
    dates = cycle_dates(found.months(), start, found.request_days)
    return create_cycle(
        workspace=workspace,
        actor=actor,
        name=dates.name,
        opens_on=dates.opens_on,
        requests_due_on=dates.requests_due_on,
        closes_on=dates.closes_on,
    )


# --- the daily job


def _ensure_current_cycle(workspace: Workspace, today: datetime.date) -> PlanningCycle | None:
    """Create the cycle of the period containing `today` unless some cycle already covers it."""
    found = cycle_settings_for(workspace)
    if not found.opens_automatically:
        return None
    cycles = PlanningCycle.objects.for_workspace(workspace)
    if cycles.filter(opens_on__lte=today, closes_on__gte=today).exists():
        return None
    dates = cycle_dates(found.months(), period_start(found.months(), today), found.request_days)
    if cycles.filter(name=dates.name).exists() or cycles.filter(opens_on=dates.opens_on).exists():
        return None  # someone made (and moved) this cycle by hand
    return create_cycle(
        workspace=workspace,
        actor=None,
        name=dates.name,
        opens_on=dates.opens_on,
        requests_due_on=dates.requests_due_on,
        closes_on=dates.closes_on,
    )


def _contributors(workspace: Workspace) -> list[User]:
    """The members who file requests: contributors with an address."""
    return [
        m.user
        for m in Membership.objects.filter(
            workspace=workspace, role=Role.CONTRIBUTOR, user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__email")
    ]


def _announce(cycle: PlanningCycle) -> int:
    """Email the workspace's contributors that `cycle` takes requests; once per cycle (the
    claim is a conditional update, so two workers cannot both send)."""
    claimed = PlanningCycle.objects.filter(pk=cycle.pk, announced_at__isnull=True).update(
        announced_at=timezone.now()
    )
    if not claimed:
        return 0
    workspace = cycle.workspace
    base = settings.HEARD_BASE_URL.rstrip("/")
    context = {
        "cycle": cycle,
        "workspace": workspace,
        "file_url": base + reverse("briefs:request_create", args=[workspace.slug]),
        "list_url": base + reverse("briefs:request_list", args=[workspace.slug]),
    }
    sent = 0
    for user in _contributors(workspace):
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            context["user"] = user
            subject = render_to_string("briefs/email/cycle_open_subject.txt", context)
            body = render_to_string("briefs/email/cycle_open.txt", context)
        send_mail(" ".join(subject.split()), body, None, [user.email])
        sent += 1
    return sent


def open_due_cycles(today: datetime.date | None = None) -> int:
    """The daily job: in every workspace, create the current period's cycle when due and tell
    contributors of each cycle now taking requests. Returns the emails sent."""
    today = today or timezone.localdate()
    sent = 0
    for workspace in Workspace.objects.order_by("pk"):
        try:
            _ensure_current_cycle(workspace, today)
        except DomainError as error:
            logger.warning("No insight cycle opened in %s: %s", workspace.slug, error.message)
        due = PlanningCycle.objects.for_workspace(workspace).filter(
            announced_at__isnull=True, opens_on__lte=today, requests_due_on__gte=today
        )
        for cycle in due.select_related("workspace"):
            sent += _announce(cycle)
    return sent
