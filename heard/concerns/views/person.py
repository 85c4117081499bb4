"""What the person who raised a concern sees: the status of their concern, and the form to
say whether the process was fair. Shared by the public pages and the portal."""

from __future__ import annotations

from heard.concerns.explanations import step_text
from heard.concerns.models import STEPS, Concern, ConcernStatus, EventKind

# Events the person sees on their status page: every step, never internal notes.
PERSON_EVENTS = frozenset(EventKind.values) - {EventKind.FEEDBACK}
FEEDBACK_OPEN = frozenset(
    {
        ConcernStatus.OUTCOME_DECIDED,
        ConcernStatus.REMEDY_IN_PROGRESS,
        ConcernStatus.CLOSED,
        ConcernStatus.NOT_ADMISSIBLE,
    }
)


def _step_rows(concern: Concern) -> list[dict]:
    """The procedure as a list: done, current or to come, with the dates promised."""
    if concern.status == ConcernStatus.NOT_ADMISSIBLE:
        order = [ConcernStatus.RECEIVED, ConcernStatus.NOT_ADMISSIBLE]
    else:
        order = list(STEPS)
    current = order.index(concern.status)
    due = {
        ConcernStatus.ACKNOWLEDGED: concern.acknowledge_due_on,
        ConcernStatus.ASSESSING: concern.assessment_due_on,
        ConcernStatus.OUTCOME_DECIDED: concern.outcome_due_on,
    }
    return [
        {
            "label": ConcernStatus(step).label,
            "state": "done" if i < current else "current" if i == current else "todo",
            "due_on": due.get(step) if i > current else None,
        }
        for i, step in enumerate(order)
    ]


def status_context(concern: Concern) -> dict:
    """Template context of the person's status view (no internal notes, no handler)."""
    events = [e for e in concern.events.all() if e.kind in PERSON_EVENTS]
    return {
        "concern": concern,
        "steps": _step_rows(concern),
        "timeline": [{"event": e, "text": step_text(e, concern)} for e in events],
        "remedies": list(concern.remedies.all()),
        "can_give_feedback": concern.status in FEEDBACK_OPEN,
    }
