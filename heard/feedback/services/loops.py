"""Loop closure: when each input's loop is due, and whether it is closed.

One rule, applied by `refresh_loops` after every write that can change it: an input's loop is
closed when, after its current decision, its stakeholder was sent a response covering it, or —
for inputs nobody can be told about personally (anonymous, Chatham House) — the engagement's
"what we heard, what we did" summary was published. Revising a decision reopens the loop until
the stakeholder is told again.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Prefetch
from django.utils import timezone

from heard.core.models import Workspace
from heard.feedback.attribution import needs_summary
from heard.feedback.models import Decision, EngagementSummary, Input, Response
from heard.webhooks import payloads as webhook_payloads
from heard.webhooks.events import emit_many as emit_webhooks


def loop_due_on(input: Input, workspace: Workspace) -> datetime.date | None:
    """The date by which the stakeholder must be told: the workspace's number of days after
    the engagement was held (after recording, for inputs outside an engagement); None while
    the engagement has not been held."""
    if input.engagement_id is not None:
        held_at = input.engagement.held_at
        if held_at is None:
            return None
        start = timezone.localdate(held_at)
    else:
        start = timezone.localdate(input.created_at)
    return start + datetime.timedelta(days=workspace.loop_closure_days)


def refresh_due_dates(workspace: Workspace, engagement) -> int:
    """Recompute the due date of an engagement's inputs (after it was held or the workspace
    deadline changed). Returns how many rows changed."""
    if engagement.held_at is None:
        due = None
    else:
        due = timezone.localdate(engagement.held_at) + datetime.timedelta(
            days=workspace.loop_closure_days
        )
    return (
        Input.objects.for_workspace(workspace)
        .filter(engagement=engagement)
        .exclude(loop_due_on=due)
        .update(loop_due_on=due)
    )


def closed_at(input: Input, summary: EngagementSummary | None) -> datetime.datetime | None:
    """When the loop of `input` closed under the rule above (prefetched `current_decisions`
    and `responses` expected), or None while open."""
    current = input.current_decisions[0] if input.current_decisions else None
    if current is None:
        return None
    moments = [r.sent_at for r in input.responses.all() if r.created_at >= current.decided_at]
    if (
        summary is not None
        and summary.published_at is not None
        and summary.published_at >= current.decided_at
        and needs_summary(input)
    ):
        moments.append(summary.published_at)
    return min(moments) if moments else None


def refresh_loops(workspace: Workspace, inputs: Iterable[Input] | Iterable[int]) -> list[Input]:
    """Recompute `loop_closed_at` of the given inputs (objects or ids); returns those whose
    value changed (their `loop_closed_before` holds the old one, for the audit log)."""
    ids = [getattr(i, "pk", i) for i in inputs]
    rows = (
        Input.objects.for_workspace(workspace)
        .filter(pk__in=ids)
        .select_related("engagement")
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.filter(is_current=True),
                to_attr="current_decisions",
            ),
            Prefetch("responses", queryset=Response.objects.order_by("sent_at")),
        )
    )
    rows = list(rows)
    engagement_ids = {r.engagement_id for r in rows if r.engagement_id}
    summaries = {
        s.engagement_id: s
        for s in EngagementSummary.objects.for_workspace(workspace).filter(
            engagement_id__in=engagement_ids
        )
    }
    changed = []
    for row in rows:
        value = closed_at(row, summaries.get(row.engagement_id))
        if value != row.loop_closed_at:
            row.loop_closed_before = row.loop_closed_at
            row.loop_closed_at = value
            changed.append(row)
    if changed:
        Input.objects.bulk_update(changed, ["loop_closed_at"], batch_size=500)
    return changed


def audit_loop_changes(workspace: Workspace, actor, changed: list[Input]) -> None:
    """One audit entry per input whose loop opened or closed."""
    from heard.core import audit
    from heard.core.models import AuditAction

    audit.record_bulk(
        workspace=workspace,
        actor=actor,
        action=AuditAction.UPDATE,
        items=(
            (
                row,
                {
                    "loop_closed_at": [
                        audit._plain(row.loop_closed_before),
                        audit._plain(row.loop_closed_at),
                    ]
                },
            )
            for row in changed
        ),
    )
    emit_webhooks(workspace, "loop.closed", webhook_payloads.loops_closed(changed))


def refresh_workspace_due_dates(workspace: Workspace) -> int:
    """Recompute every due date of the workspace (after its deadline changed)."""
    changed = 0
    held = Input.objects.for_workspace(workspace).filter(engagement__held_at__isnull=False)
    for engagement_id in held.values_list("engagement_id", flat=True).distinct():
        from heard.engagements.models import Engagement

        engagement = Engagement.objects.for_workspace(workspace).get(pk=engagement_id)
        changed += refresh_due_dates(workspace, engagement)
    return changed
