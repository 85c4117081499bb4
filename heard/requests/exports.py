"""Export columns of the request lists; hidden identities stay hidden (pseudonyms)."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from heard.stakeholders.vocab import language_label


def _date(value) -> str:
    return value.isoformat() if value else ""


def _who(membership) -> Callable:
    def name(r) -> str:
        return r.stakeholder.display_name_for(membership) if r.stakeholder_id else ""

    return name


def information_columns(membership) -> list[tuple[str, Callable]]:
    """(header, value getter) for each information-request column."""
    return [
        (_("Number"), lambda r: r.pk),
        (_("Stakeholder"), _who(membership)),
        (_("Question"), lambda r: r.question),
        (_("Reasons"), lambda r: r.reasons),
        (_("Engagement"), lambda r: r.engagement.title if r.engagement_id else ""),
        (_("Policy"), lambda r: r.policy.title if r.policy_id else ""),
        (_("Initiative"), lambda r: r.initiative.name if r.initiative_id else ""),
        (_("Preferred format"), lambda r: r.get_preferred_format_display()),
        (_("Language"), lambda r: language_label(r.language) if r.language else ""),
        (_("Received at"), lambda r: _date(r.received_at)),
        (_("Due on"), lambda r: _date(r.due_on)),
        (_("Status"), lambda r: r.get_status_display()),
        (_("Answer"), lambda r: r.answer),
        (_("Answer format"), lambda r: r.get_answer_format_display() if r.answer_format else ""),
        (
            _("Ground for refusal"),
            lambda r: r.get_refusal_ground_display() if r.refusal_ground else "",
        ),
        (_("Reasons for refusal"), lambda r: r.refusal_reasons),
        (_("Answered at"), lambda r: _date(r.answered_at)),
    ]


def data_columns(membership) -> list[tuple[str, Callable]]:
    """(header, value getter) for each data-request column."""
    return [
        (_("Number"), lambda r: r.pk),
        (_("Stakeholder"), _who(membership)),
        (_("Kind"), lambda r: r.get_kind_display()),
        (_("Details"), lambda r: r.details),
        (_("Received at"), lambda r: _date(r.received_at)),
        (_("Due on"), lambda r: _date(r.due_on)),
        (_("Status"), lambda r: r.get_status_display()),
        (_("Note"), lambda r: r.note),
        (_("Handled at"), lambda r: _date(r.handled_at)),
    ]
