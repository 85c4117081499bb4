"""Feedback models: inputs, decisions, responses, summaries, commitments."""

from heard.feedback.models.choices import (
    NOT_FOLLOWED,
    CommitmentStatus,
    InputKind,
    InputSource,
    LoopState,
    Outcome,
    ResponseChannel,
)
from heard.feedback.models.commitments import Commitment, CommitmentUpdate
from heard.feedback.models.decisions import Decision
from heard.feedback.models.inputs import MAX_INPUT_LENGTH, Input, InputConflict
from heard.feedback.models.reminders import LoopReminder, LoopReminderKind
from heard.feedback.models.responses import EngagementSummary, Response

__all__ = [
    "MAX_INPUT_LENGTH",
    "NOT_FOLLOWED",
    "Commitment",
    "CommitmentStatus",
    "CommitmentUpdate",
    "Decision",
    "EngagementSummary",
    "Input",
    "InputConflict",
    "InputKind",
    "InputSource",
    "LoopReminder",
    "LoopReminderKind",
    "LoopState",
    "Outcome",
    "ResponseChannel",
    "Response",
]
