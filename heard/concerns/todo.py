"""The home page's to-do group of overdue concerns: a step past its deadline, for the member
handling the concern (or every handler, while nobody has taken it)."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.concerns import queries
from heard.core import permissions
from heard.core.models import Membership, Workspace

SHOWN = 8


def overdue_concerns_todo(workspace: Workspace, user) -> dict | None:
    """Overdue concerns for `user` (None when there are none or they do not handle concerns)."""
    membership = Membership.objects.filter(workspace=workspace, user=user).first()
    if membership is None or not membership.can(permissions.HANDLE_CONCERNS):
        return None
    today = timezone.localdate()
    found = queries.overdue_concerns(workspace, today=today).filter(
        Q(handler=user) | Q(handler__isnull=True)
    )
    rows = list(found.only("id", "reference", "status", "due_on", "workspace_id")[: SHOWN + 1])
    if not rows:
        return None
    return {
        "key": "overdue_concerns",
        "title": _("Concerns past a deadline"),
        "help": _("People who raised a concern are waiting for the next step."),
        "template": "concerns/partials/todo_concerns.html",
        "items": rows[:SHOWN],
        "total": len(rows[:SHOWN]),
        "is_capped": len(rows) > SHOWN,
        "more_url": reverse("concerns:concern_list", args=[workspace.slug])
        + "?overdue=on&sort=due",
    }
