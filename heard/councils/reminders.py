"""Rotation reminders: the relationship owner hears, before a council term ends, that it is
time to plan the member's renewal or succession."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from heard.councils.models import CouncilMember
from heard.councils.queries import terms_ending


def _recipient(member: CouncilMember):
    """The stakeholder's relationship owner, else the council's convener."""
    return member.stakeholder.relationship_owner or member.council.convener


def send_term_reminders(today: datetime.date | None = None) -> int:
    """Email each recipient one message listing the terms whose reminder window opened;
    mark them reminded so a second run the same day (or the next) sends nothing. Returns
    the number of emails sent."""
    today = today or timezone.localdate()
    by_recipient: dict[int, list[CouncilMember]] = defaultdict(list)
    recipients = {}
    for member in terms_ending(today):
        user = _recipient(member)
        if user is None or not user.email or not user.is_active:
            continue
        by_recipient[user.pk].append(member)
        recipients[user.pk] = user
    sent = 0
    for user_id, members in by_recipient.items():
        user = recipients[user_id]
        with transaction.atomic():
            # Claim the rows first: two workers racing never both send.
            claimed = CouncilMember.objects.filter(
                pk__in=[m.pk for m in members], reminded_on__isnull=True
            ).update(reminded_on=today)
            if not claimed:
                continue
            _send(user, members, today)
        sent += 1
    return sent


def _send(user, members: list[CouncilMember], today: datetime.date) -> None:
    language = user.preferred_language or settings.LANGUAGE_CODE
    base = settings.HEARD_BASE_URL.rstrip("/")
    rows = [
        {
            "council": m.council.name,
            "stakeholder": str(m.stakeholder),  # pseudonym for high-risk people: email leaves
            "role": m.get_role_display,
            "term_end": m.term_end,
            "days_left": (m.term_end - today).days,
            "url": base
            + reverse("councils:council_detail", args=[m.workspace.slug, m.council_id])
            + "#members",
        }
        for m in members
    ]
    with translation.override(language):
        context = {"user": user, "rows": rows, "count": len(rows)}
        subject = render_to_string("councils/email/rotation_subject.txt", context)
        body = render_to_string("councils/email/rotation.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])
