"""Export columns of initiatives and impacts (the writers are heard.stakeholders.exports')."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from heard.impacts.rights import right_label


def _date(value) -> str:
    return value.isoformat() if value else ""


def initiative_columns() -> list[tuple[str, Callable]]:
    """(header, value getter) for each initiative column."""
    return [
        (_("ID"), lambda i: i.pk),
        (_("Name"), lambda i: i.name),
        (_("Kind"), lambda i: i.get_kind_display()),
        (_("Owning team"), lambda i: i.owning_team),
        (_("Lifecycle stage"), lambda i: i.get_stage_display()),
        (_("Stage since"), lambda i: _date(i.stage_changed_at)),
        (_("Active impacts"), lambda i: getattr(i, "impact_count", "")),
        (_("Description"), lambda i: i.description),
        (_("Created at"), lambda i: _date(i.created_at)),
        (_("Archived at"), lambda i: _date(i.archived_at)),
    ]


def impact_columns() -> list[tuple[str, Callable]]:
    """(header, value getter) for each impact column."""
    return [
        (_("ID"), lambda i: i.pk),
        (_("Title"), lambda i: i.title),
        (_("Actual or potential"), lambda i: i.get_kind_display()),
        (_("Company involvement"), lambda i: i.get_involvement_display()),
        (_("Status"), lambda i: i.get_status_display()),
        (
            _("Rights affected"),
            lambda i: "; ".join(right_label(r.code) for r in i.right_links.all()),
        ),
        (_("Right codes"), lambda i: "; ".join(r.code for r in i.right_links.all())),
        (_("Affected groups"), lambda i: i.affected_groups),
        (
            _("Groups at heightened risk"),
            lambda i: "; ".join(g.get_group_display() for g in i.risk_group_links.all()),
        ),
        (_("Initiatives"), lambda i: "; ".join(n.name for n in i.initiatives.all())),
        (_("Scale"), lambda i: i.scale),
        (_("Scope"), lambda i: i.scope),
        (_("Irremediable character"), lambda i: i.irremediability),
        (_("Likelihood"), lambda i: i.likelihood if i.likelihood is not None else ""),
        (_("Severity"), lambda i: i.severity),
        (_("Salience"), lambda i: i.salience),
        (_("Description"), lambda i: i.description),
        (_("Created at"), lambda i: _date(i.created_at)),
        (_("Archived at"), lambda i: _date(i.archived_at)),
    ]


def action_columns() -> list[tuple[str, Callable]]:
    """(header, value getter) for each action column."""
    return [
        (_("ID"), lambda a: a.pk),
        (_("Action"), lambda a: a.description),
        (_("Impact"), lambda a: a.impact.title),
        (_("Impact ID"), lambda a: a.impact_id),
        (_("Owner"), lambda a: a.owner.email if a.owner else ""),
        (_("Due on"), lambda a: _date(a.due_on)),
        (_("Done"), lambda a: a.is_done),
        (_("Done at"), lambda a: _date(a.done_at)),
        (_("Created at"), lambda a: _date(a.created_at)),
        (_("Archived at"), lambda a: _date(a.archived_at)),
    ]
