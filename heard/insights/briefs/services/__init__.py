"""Writes of the insight cycle: every rule lives here; views, demo and tests call these."""

from heard.insights.briefs.services.cycles import (
    create_cycle,
    create_next_cycle,
    open_due_cycles,
    update_cycle,
    update_cycle_settings,
)
from heard.insights.briefs.services.requests import (
    answer_request,
    close_request,
    decline_request,
    file_request,
    link_input,
    link_theme,
    save_summary,
    start_request,
    unlink_input,
    unlink_theme,
)

__all__ = [
    "answer_request",
    "close_request",
    "create_cycle",
    "create_next_cycle",
    "decline_request",
    "file_request",
    "link_input",
    "link_theme",
    "open_due_cycles",
    "save_summary",
    "start_request",
    "unlink_input",
    "unlink_theme",
    "update_cycle",
    "update_cycle_settings",
]
