"""What each event says: identifiers, kinds, statuses, dates and API URLs — never who.

No stakeholder identity goes into a webhook: no names, no contacts, no giver at all (not even
an id) and no input text, which may identify its author. A receiver that needs more fetches
the record through the API with its own token, where attribution rules and roles apply.
docs/webhooks.md documents every field.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.utils import timezone


def api_url(resource: str, pk: int) -> str:
    """The record's URL in the REST API (`/api/v1/<resource>/<id>`)."""
    return f"{settings.HEARD_BASE_URL.rstrip('/')}/api/v1/{resource}/{pk}"


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()


def envelope(workspace, event: str, data: dict, *, event_id: uuid.UUID | None = None) -> dict:
    """The whole payload of one event."""
    return {
        "id": str(event_id or uuid.uuid4()),
        "event": event,
        "created": _iso(timezone.now()),
        "workspace": workspace.slug,
        "data": data,
    }


def input_data(input) -> dict:
    """An input without its text or its giver."""
    return {
        "id": input.pk,
        "url": api_url("inputs", input.pk),
        "kind": input.kind,
        "source": input.source,
        "language": input.language,
        "is_anonymous": input.is_anonymous,
        "engagement_id": input.engagement_id,
        "outcome": input.outcome or None,
        "recorded_at": _iso(input.created_at),
        "loop_due_on": _iso(input.loop_due_on),
        "loop_closed_at": _iso(input.loop_closed_at),
    }


def input_recorded(input) -> dict:
    """data of `input.recorded`."""
    return {"input": input_data(input)}


def decision_made(decision) -> dict:
    """data of `decision.made` (a first decision or a revision; no rationale: free text)."""
    return {
        "decision": {
            "id": decision.pk,
            "url": api_url("decisions", decision.pk),
            "outcome": decision.outcome,
            "version": decision.version,
            "is_revision": decision.version > 1,
            "decided_at": _iso(decision.decided_at),
        },
        "input": {"id": decision.input_id, "url": api_url("inputs", decision.input_id)},
    }


def loops_closed(inputs) -> list[dict]:
    """data of one `loop.closed` per input whose loop has just closed (was open before)."""
    return [
        {
            "input": {
                "id": row.pk,
                "url": api_url("inputs", row.pk),
                "loop_closed_at": _iso(row.loop_closed_at),
                "loop_due_on": _iso(row.loop_due_on),
                "outcome": row.outcome or None,
            }
        }
        for row in inputs
        if row.loop_closed_at is not None and getattr(row, "loop_closed_before", None) is None
    ]


def commitment_updated(commitment, update=None) -> dict:
    """data of `commitment.updated`: `change` is "progress" (a progress report, whose id is
    `update_id`) or "plan" (title, owner, due date, links…)."""
    return {
        "commitment": {
            "id": commitment.pk,
            "url": api_url("commitments", commitment.pk),
            "status": commitment.status,
            "progress": commitment.progress,
            "due_on": _iso(commitment.due_on),
            "is_public": commitment.is_public,
            "updated_at": _iso(commitment.updated_at),
        },
        "change": "progress" if update is not None else "plan",
        "update_id": getattr(update, "pk", None),
    }


def ping() -> dict:
    """data of the `ping` test event."""
    return {"message": "Test event from Heard: the endpoint receives and can verify events."}
