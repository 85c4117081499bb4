"""Export columns of the input list; the source column follows heard.feedback.attribution."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from heard.feedback.attribution import attribution_visible, source_label
from heard.stakeholders.vocab import language_label


def _date(value) -> str:
    return value.isoformat() if value else ""


def input_columns(membership) -> list[tuple[str, Callable]]:
    """(header, value getter) for each input column, as `membership` may see them: who gave
    an input is blank wherever the page would hide it."""

    def stakeholder_id(i):
        return i.stakeholder_id if attribution_visible(i, membership) and i.stakeholder_id else ""

    return [
        (_("Number"), lambda i: i.pk),
        (_("Text"), lambda i: i.text),
        (_("Kind"), lambda i: i.get_kind_display()),
        (_("Given by"), lambda i: source_label(i, membership)),
        (_("Stakeholder ID"), stakeholder_id),
        (_("Engagement"), lambda i: i.engagement.title if i.engagement_id else ""),
        (
            _("Attribution rule"),
            lambda i: i.engagement.get_attribution_rule_display() if i.engagement_id else "",
        ),
        (_("Source"), lambda i: i.get_source_display()),
        (_("Language"), lambda i: language_label(i.language) if i.language else ""),
        (_("Decision"), lambda i: i.get_outcome_display() if i.outcome else ""),
        (_("Loop due on"), lambda i: _date(i.loop_due_on)),
        (_("Loop closed at"), lambda i: _date(i.loop_closed_at)),
        (_("Recorded at"), lambda i: _date(i.created_at)),
        (_("Merged into"), lambda i: i.merged_into_id or ""),
        (_("Archived at"), lambda i: _date(i.archived_at)),
    ]
