"""Pieces several frameworks share: labelled tables, charts and the "no data" wording."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from heard.engagements.models.choices import (
    AttributionRule,
    EngagementFormat,
    Representation,
)
from heard.feedback.models.choices import CommitmentStatus, Outcome
from heard.impacts.models.choices import LifecycleStage
from heard.insights.charts import Chart, Point
from heard.insights.disclosure.figures import Figures
from heard.insights.disclosure.report import Figure, Quote, Table
from heard.stakeholders.models.choices import Category, Relation, RiskGroup, SafetyLevel

# ESRS topical standards by stakeholder category: S1 own workforce, S2 workers in the value
# chain, S3 affected communities, S4 consumers and end-users. The rest are the "other relevant
# stakeholders and experts" (UNGP 18) the standards also expect undertakings to hear.
ESRS_GROUPS: dict[str, tuple[str, ...]] = {
    "S1": (Category.EMPLOYEE, Category.CONTRACTOR),
    "S2": (Category.SUBCONTRACTOR_WORKER,),
    "S3": (Category.COMMUNITY_MEMBER, Category.CSO_REPRESENTATIVE, Category.HRD_JOURNALIST),
    "S4": (Category.USER_CUSTOMER, Category.LIVED_EXPERIENCE),
}


def no_process(what: str) -> str:
    return _("No process in place: %(what)s") % {"what": what}


def no_records() -> str:
    return _("No records in this period.")


def label(choices: type[models.TextChoices], value: str) -> str:
    """A stored choice as people read it (blank as "Not recorded")."""
    if not value:
        return _("Not recorded")
    return str(dict(choices.choices).get(value, value))


def choice_table(key, title, header, counts: dict, choices, *, keep_order=True) -> Table:
    """One row per choice that has a count (in the choices' order), then unknown values."""
    rows = [[label(choices, v), counts[v]] for v in choices.values if counts.get(v)]
    rows += [[label(choices, v), n] for v, n in counts.items() if v not in choices.values and n]
    return Table(
        key=key, title=title, headers=[header, pgettext("disclosure report", "Number")], rows=rows
    )


def table_chart(table: Table, description: str) -> Chart:
    """A horizontal bar chart of a two-column table."""
    return Chart(
        title=table.title,
        description=description,
        points=[Point(str(row[0]), row[1]) for row in table.rows],
        unit=pgettext("disclosure report", "Number"),
        slug=f"disclosure-{table.key}",
    )


def pct(value) -> str:
    return "–" if value is None else f"{value}%"


# --- tables more than one section shows


def formats_table(f: Figures) -> Table:
    return choice_table(
        "formats",
        _("Engagements by type"),
        _("Type of engagement"),
        f.engagements_by_format,
        EngagementFormat,
    )


def stages_table(f: Figures) -> Table:
    return choice_table(
        "lifecycle",
        _("Engagements by lifecycle stage"),
        _("Lifecycle stage"),
        f.engagements_by_stage,
        LifecycleStage,
    )


def steps_table(f: Figures) -> Table:
    from heard.engagements.models import HrddStep

    rows = [
        [str(HrddStep(code=s["code"], name=s["name"])), s["reference"], s["engagement_count"]]
        for s in f.steps
    ]
    return Table(
        key="hrdd_steps",
        title=_("Engagements by due diligence step"),
        headers=[_("Step"), _("Reference"), _("Engagements")],
        rows=rows,
    )


def months_table(f: Figures) -> Table:
    return Table(
        key="frequency",
        title=_("Engagements per month"),
        headers=[_("Month"), _("Engagements")],
        rows=[[month.strftime("%Y-%m"), n] for month, n in f.engagements_by_month],
    )


def representation_table(f: Figures) -> Table:
    return choice_table(
        "representation",
        _("Participations by how the affected group was engaged"),
        _("Engaged"),
        f.by_representation,
        Representation,
    )


def relation_table(f: Figures) -> Table:
    return choice_table(
        "relation",
        _("Stakeholders engaged by relation to impacts"),
        _("Relation to impacts"),
        f.by_relation,
        Relation,
    )


def category_table(f: Figures) -> Table:
    return choice_table(
        "categories",
        _("Stakeholders engaged by category"),
        _("Category"),
        f.by_category,
        Category,
    )


def esrs_group_table(f: Figures) -> Table:
    names = {
        "S1": _("S1 Own workforce"),
        "S2": _("S2 Workers in the value chain"),
        "S3": _("S3 Affected communities"),
        "S4": _("S4 Consumers and end-users"),
    }
    counts = f.by_category
    rows = [[names[g], sum(counts.get(c, 0) for c in cats)] for g, cats in ESRS_GROUPS.items()]
    grouped = {c for cats in ESRS_GROUPS.values() for c in cats}
    rows.append(
        [
            _("Other relevant stakeholders and experts"),
            sum(n for c, n in counts.items() if c not in grouped),
        ]
    )
    return Table(
        key="esrs_groups",
        title=_("Stakeholders engaged by ESRS standard"),
        headers=[_("Standard"), _("Stakeholders")],
        rows=rows,
    )


def outcomes_table(f: Figures) -> Table:
    counts = dict(f.inputs_by_outcome)
    undecided = counts.pop("", 0)
    table = choice_table("outcomes", _("Inputs by decision"), _("Decision"), counts, Outcome)
    if undecided:
        table.rows.append([_("Not decided yet"), undecided])
    return table


def commitments_table(f: Figures) -> Table:
    return choice_table(
        "commitments",
        _("Commitments made in answer to inputs, by status"),
        _("Status"),
        f.commitments,
        CommitmentStatus,
    )


def risk_groups_table(f: Figures) -> Table:
    return choice_table(
        "risk_groups",
        _("Stakeholders engaged from groups at heightened risk"),
        _("Group"),
        f.by_risk_group,
        RiskGroup,
    )


def safety_table(f: Figures) -> Table:
    return choice_table(
        "safety_levels",
        _("Stakeholders engaged by safety level"),
        _("Safety level"),
        f.by_safety_level,
        SafetyLevel,
    )


def attribution_table(f: Figures) -> Table:
    return choice_table(
        "attribution",
        _("Engagements by attribution rule"),
        _("Attribution rule"),
        f.engagements_by_attribution,
        AttributionRule,
    )


def compensation_table(f: Figures) -> Table:
    return Table(
        key="compensation",
        title=_("Compensation paid to participants"),
        headers=[_("Currency"), _("Total paid"), _("Participants paid")],
        rows=[[cur or "–", float(total), n] for cur, total, n in f.compensation_paid],
    )


def rationale_quotes(f: Figures) -> list[Quote]:
    return [
        Quote(
            text=row["rationale"],
            label=_("Decision: %(outcome)s — %(format)s")
            % {
                "outcome": label(Outcome, row["outcome"]),
                "format": label(EngagementFormat, row["input__engagement__format"] or ""),
            },
        )
        for row in f.rationale_examples
    ]


def summary_quotes(f: Figures) -> list[Quote]:
    quotes = []
    for row in f.summary_examples:
        fmt = label(EngagementFormat, row["engagement__format"] or "")
        quotes.append(Quote(row["what_we_heard"], _("What we heard — %(f)s") % {"f": fmt}))
        quotes.append(Quote(row["what_we_did"], _("What we did — %(f)s") % {"f": fmt}))
    return quotes


def engagement_figures(f: Figures) -> list[Figure]:
    totals = f.participation_totals
    return [
        Figure(
            "engagements_held",
            pgettext("disclosure report", "Engagements held"),
            f.engagement_count,
        ),
        Figure(
            "stakeholders_engaged",
            pgettext("disclosure report", "Stakeholders engaged"),
            f.stakeholder_count,
        ),
        Figure("participations", _("Participations"), totals["participations"]),
        Figure(
            "global_majority_share",
            _("Stakeholders engaged from the Global Majority"),
            share_of(totals["global_majority"], f.stakeholder_count),
            "%",
        ),
    ]


def share_of(part: int, whole: int):
    from heard.insights.disclosure.figures import share

    return share(part, whole)
