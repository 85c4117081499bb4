"""Export columns of the concern list: no contact details, no assessment notes (the export
leaves the system; identities stay inside)."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from heard.impacts.rights import right_label


def _date(value) -> str:
    return value.isoformat() if value else ""


def concern_columns() -> list[tuple[str, Callable]]:
    """(header, value getter) for each concern column."""
    return [
        (_("Reference"), lambda c: c.reference_display),
        (_("Raised at"), lambda c: _date(c.raised_at)),
        (_("Channel"), lambda c: c.get_channel_display()),
        (_("Status"), lambda c: c.get_status_display()),
        (_("What happened"), lambda c: c.description),
        (_("Product or service named"), lambda c: c.product_named),
        (_("Product or initiative"), lambda c: c.initiative.name if c.initiative_id else ""),
        (_("Rights possibly affected"), lambda c: "; ".join(right_label(r) for r in c.right_codes)),
        (_("Anonymous"), lambda c: c.is_anonymous),
        (_("Language"), lambda c: c.language),
        (_("Current step due on"), lambda c: _date(c.due_on)),
        (_("Acknowledged at"), lambda c: _date(c.acknowledged_at)),
        (_("Outcome"), lambda c: c.get_outcome_display() if c.outcome else ""),
        (_("Reasons for the outcome"), lambda c: c.outcome_reasons),
        (_("Outcome decided at"), lambda c: _date(c.outcome_decided_at)),
        (_("Closed at"), lambda c: _date(c.closed_at)),
        (_("Was this fair? (1–5)"), lambda c: c.satisfaction_rating or ""),
    ]
