"""Every write about concerns: views, portal, public form, CLI and tests call these."""

from heard.concerns.services.channel import update_channel_settings
from heard.concerns.services.intake import channel_settings, raise_concern
from heard.concerns.services.steps import (
    acknowledge,
    add_remedy,
    assess,
    close_concern,
    current_due_on,
    decide_outcome,
    declare_not_admissible,
    message_person,
    record_feedback,
    update_remedy,
)

__all__ = [
    "acknowledge",
    "add_remedy",
    "assess",
    "channel_settings",
    "close_concern",
    "current_due_on",
    "decide_outcome",
    "declare_not_admissible",
    "message_person",
    "raise_concern",
    "record_feedback",
    "update_channel_settings",
    "update_remedy",
]
