"""What each step means for the person, in plain words: the status page and the emails say
the same thing (UNGP 31 "transparent": keep the person informed about progress)."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from heard.concerns.models import Concern, ConcernEvent, EventKind


def _date(value) -> str:
    return date_format(value, "DATE_FORMAT") if value else ""


def step_text(event: ConcernEvent, concern: Concern) -> str:
    """One or two sentences on what `event` means and what comes next (active language)."""
    kind = event.kind
    if kind == EventKind.RECEIVED:
        return _(
            "We received your concern. We will acknowledge it by %(ack)s, start assessing it "
            "by %(assess)s and tell you the outcome by %(outcome)s."
        ) % {
            "ack": _date(concern.acknowledge_due_on),
            "assess": _date(concern.assessment_due_on),
            "outcome": _date(concern.outcome_due_on),
        }
    if kind == EventKind.ACKNOWLEDGED:
        return _(
            "Your concern was acknowledged: a person at the company is responsible for it. "
            "The assessment will start by %(date)s."
        ) % {"date": _date(concern.assessment_due_on)}
    if kind == EventKind.ASSESSING:
        return _("We are looking into what happened. We will tell you the outcome by %(date)s.") % {
            "date": _date(concern.outcome_due_on)
        }
    if kind == EventKind.OUTCOME:
        return _("We decided on your concern.")
    if kind == EventKind.NOT_ADMISSIBLE:
        return _(
            "We found that this channel cannot handle your concern. The reasons are below; "
            "where we can, we say who can."
        )
    if kind == EventKind.REMEDY:
        return _("We planned a remedy.")
    if kind == EventKind.REMEDY_UPDATE:
        return _("A remedy was updated.")
    if kind == EventKind.CLOSED:
        return _(
            "Your concern is closed. Please tell us whether you found the process fair: it "
            "helps us improve it."
        )
    if kind == EventKind.FEEDBACK:
        return _("Thank you for your feedback on the process.")
    return _("We have a message for you about your concern.")
