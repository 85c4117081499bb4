"""Feedback on stakeholder timelines: the inputs they gave and the responses they received.

Timelines are shown to every member, so only inputs whose source any member may see appear
(never Chatham House or anonymous ones — see heard.feedback.attribution)."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core.models import Workspace
from heard.feedback.attribution import visible_attribution_q
from heard.feedback.models import Input, Response
from heard.stakeholders.timeline import PER_SOURCE, Contact, register


@register
def input_contacts(workspace: Workspace, who: Q, today: datetime.date) -> list[Contact]:
    """Inputs the stakeholder gave (attributed ones only)."""
    rows = (
        Input.objects.for_workspace(workspace)
        .filter(who, merged_into__isnull=True, archived_at__isnull=True)
        .filter(visible_attribution_q(None))
        .select_related("stakeholder", "engagement")
        .order_by("-created_at", "-pk")[:PER_SOURCE]
    )
    return [
        Contact(
            timezone.localdate(i.created_at),
            "input",
            _("Input: %(kind)s") % {"kind": i.get_kind_display()},
            str(i),
            reverse("feedback:input_detail", args=[workspace.slug, i.pk]),
            stakeholder=i.stakeholder,
        )
        for i in rows
    ]


@register
def response_contacts(workspace: Workspace, who: Q, today: datetime.date) -> list[Contact]:
    """Responses that told the stakeholder what was done with their input."""
    rows = (
        Response.objects.for_workspace(workspace)
        .filter(who)
        .select_related("stakeholder", "engagement")
        .order_by("-sent_at", "-pk")[:PER_SOURCE]
    )
    return [
        Contact(
            timezone.localdate(r.sent_at),
            "response",
            _("Told what was done with their input"),
            r.get_channel_display() + (f" · {r.engagement.title}" if r.engagement_id else ""),
            stakeholder=r.stakeholder,
        )
        for r in rows
    ]
