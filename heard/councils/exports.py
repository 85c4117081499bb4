"""Columns of the council exports (the writing is heard.stakeholders.exports')."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from heard.core.models import Membership
from heard.stakeholders.exports import rows

__all__ = ["council_columns", "member_columns", "rows"]


def _date(value) -> str:
    return value.isoformat() if value else ""


def council_columns() -> list[tuple[str, Callable]]:
    """(header, value getter) for each council column."""
    return [
        (_("ID"), lambda c: c.pk),
        (_("Name"), lambda c: c.name),
        (_("Initiative"), lambda c: c.initiative.name if c.initiative else ""),
        (_("Convener"), lambda c: c.convener.email if c.convener else ""),
        (_("Current members"), lambda c: getattr(c, "member_count", "")),
        (_("Meetings"), lambda c: getattr(c, "meeting_count", "")),
        (_("Remind before a term ends (days)"), lambda c: c.reminder_days),
        (_("Terms of reference"), lambda c: c.terms_of_reference),
        (_("Created at"), lambda c: _date(c.created_at)),
        (_("Archived at"), lambda c: _date(c.archived_at)),
    ]


def member_columns(membership: Membership | None) -> list[tuple[str, Callable]]:
    """(header, value getter) for each term; high-risk identities stay pseudonymised."""

    def name(m) -> str:
        s = m.stakeholder
        if membership is None:
            return str(s)
        return s.display_name_for(membership)

    return [
        (_("ID"), lambda m: m.pk),
        (_("Stakeholder"), name),
        (_("Stakeholder ID"), lambda m: m.stakeholder_id),
        (_("Role"), lambda m: m.get_role_display()),
        (_("Term starts on"), lambda m: _date(m.term_start)),
        (_("Term ends on"), lambda m: _date(m.term_end)),
        (
            _("Relationship owner"),
            lambda m: (
                m.stakeholder.relationship_owner.email if m.stakeholder.relationship_owner else ""
            ),
        ),
        (_("Rotation reminder sent on"), lambda m: _date(m.reminded_on)),
        (_("Archived at"), lambda m: _date(m.archived_at)),
    ]
