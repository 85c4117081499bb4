"""The home page's to-do group of overdue requests: information and data requests past their
due date, for owners and managers (all of them) and for each stakeholder's relationship
owner (theirs)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from heard.core.models import Workspace
from heard.requests import queries

SHOWN = 8


def overdue_requests_todo(workspace: Workspace, user) -> dict | None:
    """Overdue information and data requests (None when there are none)."""
    info = queries.overdue_information_requests(workspace, user).order_by("due_on", "pk")
    data = queries.overdue_data_requests(workspace, user).order_by("due_on", "pk")
    info_total, data_total = info.count(), data.count()
    if not info_total and not data_total:
        return None
    items = [
        {
            "label": _("Information request #%(n)s") % {"n": r.pk},
            "url": reverse("requests:request_detail", args=[workspace.slug, r.pk]),
            "due_on": r.due_on,
        }
        for r in info.only("pk", "due_on")[:SHOWN]
    ]
    items += [
        {
            "label": _("Data request #%(n)s") % {"n": r.pk},
            "url": reverse("requests:data_detail", args=[workspace.slug, r.pk]),
            "due_on": r.due_on,
        }
        for r in data.only("pk", "due_on")[: max(SHOWN - len(items), 0)]
    ]
    base = reverse("requests:request_list", args=[workspace.slug])
    return {
        "key": "overdue_requests",
        "title": _("Requests to answer"),
        "help": _("Stakeholders' requests past their deadline."),
        "template": "requests/partials/todo_requests.html",
        "items": items,
        "total": info_total + data_total,
        "data_total": data_total,
        "more_url": base + "?overdue=on&sort=due",
        "data_more_url": reverse("requests:data_list", args=[workspace.slug])
        + "?overdue=on&sort=due",
    }
