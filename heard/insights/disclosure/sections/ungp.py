"""UN Guiding Principles Reporting Framework: C2 (stakeholder engagement on salient issues) and
C6 (remediation)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from heard.impacts.models.choices import ImpactStatus
from heard.insights.disclosure.figures import Figures
from heard.insights.disclosure.report import Figure, Quote, Section, Table
from heard.insights.disclosure.sections import common as c
from heard.insights.disclosure.sections import esrs
from heard.stakeholders.models.choices import Relation

FRAMEWORK = "ungp"


def salient(f: Figures, previous: Figures) -> Section:
    """Which stakeholders on each salient issue, why, and how their views changed things."""
    s = Section(
        key="ungp_c2",
        framework=FRAMEWORK,
        reference=_("UNGP Reporting Framework C2"),
        title=_("Stakeholder engagement on salient human rights issues"),
    )
    impacts = f.salient_impacts
    if not impacts:
        s.empty = c.no_process(_("no salient human rights issues are recorded."))
        return s
    s.figures = [
        Figure("salient_issues", _("Salient issues reported"), len(impacts)),
        Figure(
            "salient_issues_engaged",
            _("Salient issues with engagement in the period"),
            sum(1 for row in impacts if row["engagement_count"]),
        ),
    ]
    s.statements.append(
        _(
            "Stakeholders are chosen for their relation to each issue (UNGP 18): people "
            "potentially affected, their legitimate representatives, and other relevant "
            "stakeholders and experts."
        )
    )
    s.tables = [
        Table(
            key="salient_issues",
            title=_("Salient issues: who was engaged and what changed"),
            headers=[
                _("Issue"),
                _("Salience"),
                _("Status"),
                _("Engagements"),
                _("Stakeholders engaged"),
                _("Why: relation to the issue"),
                _("Inputs"),
                _("Inputs adopted in full or in part"),
            ],
            rows=[_impact_row(row) for row in impacts],
        )
    ]
    s.quotes = [
        Quote(
            row["example"],
            _("How views changed the approach to “%(issue)s”") % {"issue": row["title"]},
        )
        for row in impacts
        if row["example"]
    ]
    if not any(row["engagement_count"] or row["input_count"] for row in impacts):
        s.statements.append(_("No engagement on these issues was recorded in this period."))
    return s


def _impact_row(row: dict) -> list:
    why = "; ".join(
        f"{c.label(Relation, relation)}: {n}" for relation, n in sorted(row["by_relation"].items())
    )
    return [
        row["title"],
        row["salience"],
        c.label(ImpactStatus, row["status"]),
        row["engagement_count"],
        row["stakeholder_count"],
        why or "–",
        row["input_count"],
        row["adopted_count"],
    ]


def remediation(f: Figures, previous: Figures) -> Section:
    """C6: remediation of impacts, through concerns and remedies."""
    s = Section(
        key="ungp_c6",
        framework=FRAMEWORK,
        reference=_("UNGP Reporting Framework C6"),
        title=_("Remediation"),
    )
    totals = f.concern_totals
    if not f.channel_enabled and not totals["concerns"]:
        s.empty = c.no_process(_("no channel to raise concerns is open."))
        return s
    s.figures = [
        Figure("concerns", _("Concerns raised"), totals["concerns"]),
        Figure("remedies", _("Remedies"), sum(f.remedies_by_status.values())),
        Figure(
            "remedies_provided", _("Remedies provided"), f.remedies_by_status.get("provided", 0)
        ),
        Figure(
            "concern_satisfaction",
            _("Was the process fair? (average, 1–5)"),
            totals["satisfaction"],
        ),
    ]
    if not totals["concerns"]:
        s.statements.append(_("The channel is open; no concern was raised in this period."))
        return s
    s.tables = esrs.remedy_tables(f)
    return s


BUILDERS = (salient, remediation)
