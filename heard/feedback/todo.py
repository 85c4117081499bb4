"""The home page's to-do group of overdue loops: inputs whose stakeholder should have been
told by now, for the member who owns them (the engagement lead, else who recorded them)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from heard.core.models import Workspace
from heard.feedback import queries

SHOWN = 8


def overdue_loops_todo(workspace: Workspace, user) -> dict | None:
    """Overdue loops grouped by engagement (None when there are none)."""
    found = queries.overdue_groups(workspace, user, shown=SHOWN)
    if not found["groups"]:
        return None
    return {
        "key": "overdue_loops",
        "title": _("Loops to close"),
        "help": _(
            "Stakeholders not yet told what was done with their input, %(n)d days after the "
            "engagement."
        )
        % {"n": workspace.loop_closure_days},
        "template": "feedback/partials/todo_loops.html",
        "items": queries.with_titles(workspace, found["groups"]),
        "total": found["total"],
        "is_capped": found["is_capped"],
        "more_url": reverse("feedback:input_list", args=[workspace.slug])
        + "?loop=overdue&sort=due",
    }
