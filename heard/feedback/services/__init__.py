"""Writes of the feedback loop: every rule lives here; views, CLI, demo and tests call these."""

from heard.feedback.services.commitments import (
    archive_commitment,
    create_commitment,
    record_progress,
    stakeholders_to_notify,
    update_commitment,
)
from heard.feedback.services.decisions import decide_input, decision_errors
from heard.feedback.services.inputs import (
    archive_input,
    link_conflict,
    merge_inputs,
    record_input,
    record_inputs,
    restore_input,
    unlink_conflict,
    update_input,
)
from heard.feedback.services.loops import loop_due_on, refresh_due_dates, refresh_loops
from heard.feedback.services.responses import (
    compose_response,
    has_contact_consent,
    inputs_to_answer,
    response_language,
    save_summary,
    send_response,
    summary_of,
)

__all__ = [
    "archive_commitment",
    "archive_input",
    "compose_response",
    "create_commitment",
    "decide_input",
    "decision_errors",
    "has_contact_consent",
    "inputs_to_answer",
    "link_conflict",
    "loop_due_on",
    "merge_inputs",
    "record_input",
    "record_inputs",
    "record_progress",
    "refresh_due_dates",
    "refresh_loops",
    "response_language",
    "restore_input",
    "save_summary",
    "send_response",
    "stakeholders_to_notify",
    "summary_of",
    "unlink_conflict",
    "update_commitment",
    "update_input",
]
