"""The workspace home page's "To do": each app that has overdue work for the current member
contributes a group. Providers are named here by dotted path, so core imports no app."""

from __future__ import annotations

from django.utils.module_loading import import_string

from heard.core.models import Workspace

# Each provider is `(workspace, user) -> dict | None`: title, help, template, items, total,
# more_url. Later issues add their lines (overdue loops, commitments).
PROVIDERS: list[str] = [
    "heard.stakeholders.timeline.key_relationship_todo",
    "heard.feedback.todo.overdue_loops_todo",
    "heard.concerns.todo.overdue_concerns_todo",
    "heard.requests.todo.overdue_requests_todo",
]


def collect(workspace: Workspace, user) -> list[dict]:
    """The non-empty to-do groups for `user` in `workspace`."""
    groups = []
    for path in PROVIDERS:
        group = import_string(path)(workspace, user)
        if group:
            groups.append(group)
    return groups
