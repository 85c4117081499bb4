"""Columns of the engagement export; rows are written by the registry's export helpers
(streamed CSV, write-only XLSX, formula injection neutralised)."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from heard.stakeholders.vocab import language_label


def _date(value) -> str:
    return value.isoformat() if value else ""


def _languages(codes) -> str:
    return "; ".join(language_label(c) for c in codes or ())


def engagement_columns() -> list[tuple[str, Callable]]:
    """(header, value getter) for each engagement column (rows from `queries.engagements`)."""
    return [
        (_("ID"), lambda e: e.pk),
        (_("Title"), lambda e: e.title),
        (_("Status"), lambda e: e.get_status_display()),
        (_("Format"), lambda e: e.get_format_display()),
        (_("Mode"), lambda e: e.get_mode_display()),
        (_("Starts on"), lambda e: _date(e.starts_on)),
        (_("Sessions"), lambda e: getattr(e, "session_count", None) or 0),
        (_("Participants"), lambda e: getattr(e, "participant_count", None) or 0),
        (_("HRDD steps"), lambda e: "; ".join(str(s) for s in e.hrdd_steps.all())),
        (_("Lifecycle stage"), lambda e: e.get_lifecycle_stage_display()),
        (_("Initiative"), lambda e: e.initiative.name if e.initiative else ""),
        (_("Purpose"), lambda e: e.purpose),
        (_("What the company wants to learn"), lambda e: e.learning_goals),
        (_("What the company cannot share, and why"), lambda e: e.cannot_share),
        (_("Other barriers"), lambda e: e.barriers),
        (_("Accountable function"), lambda e: e.accountable_function),
        (_("Most senior role responsible"), lambda e: e.senior_responsible_role),
        (_("Engagement lead"), lambda e: e.owner.email if e.owner else ""),
        (_("Languages"), lambda e: _languages(e.languages)),
        (_("Interpretation into"), lambda e: _languages(e.interpretation_languages)),
        (_("Accessibility accommodations"), lambda e: e.accessibility_accommodations),
        (_("Attribution rule"), lambda e: e.get_attribution_rule_display()),
        (_("Compensation offered"), lambda e: e.is_compensation_offered),
        (_("Compensation details"), lambda e: e.compensation_details),
        (_("Invitations sent at"), lambda e: _date(e.invitations_sent_at)),
        (_("Held at"), lambda e: _date(e.held_at)),
        (_("Debriefed at"), lambda e: _date(e.debriefed_at)),
        (_("Loop closed at"), lambda e: _date(e.loop_closed_at)),
        (_("Created at"), lambda e: _date(e.created_at)),
        (_("Archived at"), lambda e: _date(e.archived_at)),
    ]
