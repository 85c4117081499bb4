"""The daily email about overdue loops: a digest to each loop owner (the engagement lead, else
who recorded the input) and, for loops overdue by more than ESCALATE_AFTER_DAYS, an escalation
to the workspace's managers and owners. Each member gets each kind at most once a day."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from heard.core.models import Membership, Role, User, Workspace
from heard.feedback import queries
from heard.feedback.models import LoopReminder, LoopReminderKind

ESCALATE_AFTER_DAYS = 14


def _claim(workspace: Workspace, user: User, kind: str, today: datetime.date, count: int) -> bool:
    """Record the reminder before sending: a second run (or a racing worker) finds it taken."""
    try:
        with transaction.atomic():
            LoopReminder.objects.create(
                workspace=workspace, recipient=user, kind=kind, sent_on=today, input_count=count
            )
    except IntegrityError:
        return False
    return True


def _owner_of(row: dict) -> int | None:
    return row["engagement__owner_id"] or row["recorded_by_id"]


def _send(user: User, template: str, context: dict) -> None:
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = render_to_string(f"feedback/email/{template}_subject.txt", context)
        body = render_to_string(f"feedback/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


def _groups(workspace: Workspace, rows: list[dict]) -> list[dict]:
    """Overdue inputs per engagement, with a link for each."""
    base = settings.HEARD_BASE_URL.rstrip("/")
    by_engagement: dict = defaultdict(lambda: {"count": 0, "due": None})
    for row in rows:
        group = by_engagement[(row["engagement_id"], row["engagement__title"] or "")]
        group["count"] += 1
        due = row["loop_due_on"]
        group["due"] = due if group["due"] is None else min(group["due"], due)
    groups = []
    for (engagement_id, title), group in sorted(by_engagement.items(), key=lambda i: i[1]["due"]):
        if engagement_id:
            path = reverse("feedback:engagement_responses", args=[workspace.slug, engagement_id])
        else:
            path = reverse("feedback:input_list", args=[workspace.slug]) + "?loop=overdue"
        groups.append({"title": title, "url": base + path, **group})
    return groups


def send_workspace_digests(workspace: Workspace, today: datetime.date) -> int:
    """Digests and escalations for one workspace; returns the number of emails sent."""
    rows = list(
        queries.overdue_loops(workspace, today=today).values(
            "pk",
            "engagement_id",
            "engagement__title",
            "engagement__owner_id",
            "recorded_by_id",
            "loop_due_on",
        )
    )
    if not rows:
        return 0
    members = {
        m.user_id: m.user
        for m in Membership.objects.filter(workspace=workspace, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
    }
    sent = 0
    by_owner: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        if (owner := _owner_of(row)) in members:
            by_owner[owner].append(row)
    list_url = settings.HEARD_BASE_URL.rstrip("/") + reverse(
        "feedback:input_list", args=[workspace.slug]
    )
    for user_id, owned in by_owner.items():
        user = members[user_id]
        if _claim(workspace, user, LoopReminderKind.DIGEST, today, len(owned)):
            context = {"user": user, "workspace": workspace, "count": len(owned)}
            context.update(groups=_groups(workspace, owned), list_url=list_url + "?loop=overdue")
            _send(user, "loop_digest", context)
            sent += 1
    cutoff = today - datetime.timedelta(days=ESCALATE_AFTER_DAYS)
    late = [r for r in rows if r["loop_due_on"] < cutoff]
    if late:
        managers = Membership.objects.filter(
            workspace=workspace, role__in=[Role.OWNER, Role.MANAGER]
        ).values_list("user_id", flat=True)
        for user_id in managers:
            user = members.get(user_id)
            if user and _claim(workspace, user, LoopReminderKind.ESCALATION, today, len(late)):
                context = {"user": user, "workspace": workspace, "count": len(late)}
                context.update(
                    groups=_groups(workspace, late),
                    days=ESCALATE_AFTER_DAYS,
                    list_url=list_url + "?loop=overdue&sort=due",
                )
                _send(user, "loop_escalation", context)
                sent += 1
    return sent


def send_loop_digests(today: datetime.date | None = None) -> int:
    """Every workspace's digests and escalations for today; returns the emails sent."""
    today = today or timezone.localdate()
    return sum(send_workspace_digests(ws, today) for ws in Workspace.objects.order_by("pk"))
