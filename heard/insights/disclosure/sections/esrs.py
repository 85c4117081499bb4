"""ESRS S1-2 to S4-2 (engaging with affected stakeholders) and S1-3 to S4-3 (channels to raise
concerns and processes to remediate)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from heard.concerns.models import ConcernChannel, ConcernOutcome, ConcernStatus
from heard.concerns.models.choices import RemedyKind, RemedyStatus
from heard.insights.charts import Chart, Series
from heard.insights.disclosure.figures import Figures, share
from heard.insights.disclosure.report import Figure, Quote, Section, Table
from heard.insights.disclosure.sections import common as c

FRAMEWORK = "esrs"
# Marked for translation: the Spanish text of the ESRS calls them NEIS.
S2 = gettext_noop("ESRS S1-2, S2-2, S3-2, S4-2")
S3 = gettext_noop("ESRS S1-3, S2-3, S3-3, S4-3")


def _section(key: str, reference: str, title: str) -> Section:
    return Section(key=key, framework=FRAMEWORK, reference=reference, title=title)


def _no_engagement(f: Figures) -> str:
    if f.engagement_count:
        return ""
    if not f.has_any_engagement:
        return c.no_process(_("no engagement with stakeholders is recorded."))
    return c.no_records()


def engagement(f: Figures, previous: Figures) -> Section:
    """Directly, or through legitimate representatives or credible proxies."""
    s = _section(
        "esrs_engagement",
        f"{_(S2)} — " + _("directly or through representatives or credible proxies"),
        _("How stakeholders are engaged"),
    )
    s.empty = _no_engagement(f)
    if s.empty:
        return s
    s.figures = c.engagement_figures(f)
    s.statements.append(
        _("%(engagements)s engagements were held in the period with %(stakeholders)s stakeholders.")
        % {"engagements": f.engagement_count, "stakeholders": f.stakeholder_count}
    )
    representation = c.representation_table(f)
    s.tables = [representation, c.relation_table(f), c.esrs_group_table(f)]
    s.charts = [c.table_chart(representation, _("Directly, through representatives or proxies."))]
    return s


def stages(f: Figures, previous: Figures) -> Section:
    """Stages (HRDD steps and lifecycle stages), type and frequency."""
    s = _section(
        "esrs_stages",
        f"{_(S2)} — " + _("stages, type and frequency"),
        _("Stages, type and frequency"),
    )
    s.empty = _no_engagement(f)
    if s.empty:
        return s
    steps, formats = c.steps_table(f), c.formats_table(f)
    months = c.months_table(f)
    s.figures = [
        Figure(
            "steps_covered",
            _("Due diligence steps with engagement"),
            sum(1 for row in f.steps if row["engagement_count"]),
        ),
        Figure("months_with_engagement", _("Months with engagement"), len(months.rows)),
    ]
    s.tables = [steps, c.stages_table(f), formats, months]
    s.charts = [
        c.table_chart(
            Table(steps.key, steps.title, steps.headers, [[r[0], r[2]] for r in steps.rows]),
            _("Engagements per step of due diligence."),
        ),
        c.table_chart(formats, _("Engagements per type.")),
    ]
    return s


def responsibility(f: Figures, previous: Figures) -> Section:
    """Function and most senior role with operational responsibility."""
    s = _section(
        "esrs_responsibility",
        f"{_(S2)} — " + _("function and most senior role responsible"),
        _("Who is responsible"),
    )
    s.empty = _no_engagement(f)
    if s.empty:
        return s
    recorded = f.engagement_practice["responsibility"]
    s.figures = [
        Figure(
            "engagements_with_senior_role",
            _("Engagements with the most senior role responsible recorded"),
            recorded,
        )
    ]
    if not recorded and not any(r["accountable_function"] for r in f.responsibility):
        s.empty = no_role = _("No function or senior role is recorded for this period.")
        s.statements.append(no_role)
        return s
    s.tables = [
        Table(
            key="responsibility",
            title=_("Engagements by responsible function and role"),
            headers=[_("Function"), _("Most senior role responsible"), _("Engagements")],
            rows=[
                [
                    r["accountable_function"] or _("Not recorded"),
                    r["senior_responsible_role"] or _("Not recorded"),
                    r["n"],
                ]
                for r in f.responsibility
            ],
        )
    ]
    return s


def decisions(f: Figures, previous: Figures) -> Section:
    """How stakeholders' views informed decisions."""
    s = _section(
        "esrs_decisions",
        f"{_(S2)} — " + _("how perspectives inform decisions"),
        _("How views informed decisions"),
    )
    totals = f.input_totals
    if not totals["inputs"]:
        s.empty = _no_engagement(f) or c.no_records()
        return s
    s.figures = decision_figures(f)
    s.statements.append(
        _(
            "%(inputs)s inputs were recorded; %(decided)s were decided, of which %(adopted)s "
            "were adopted in full or in part."
        )
        % totals
    )
    outcomes = c.outcomes_table(f)
    s.tables = [outcomes, c.commitments_table(f)]
    s.charts = [c.table_chart(outcomes, _("What was done with each input."))]
    s.quotes = c.rationale_quotes(f) + c.summary_quotes(f)
    return s


def decision_figures(f: Figures) -> list[Figure]:
    totals = f.input_totals
    return [
        Figure("inputs", _("Inputs recorded"), totals["inputs"]),
        Figure("inputs_decided", _("Inputs decided"), totals["decided"]),
        Figure("inputs_adopted", _("Inputs adopted in full or in part"), totals["adopted"]),
        Figure(
            "adoption_share",
            _("Share of decided inputs adopted in full or in part"),
            share(totals["adopted"], totals["decided"]),
            "%",
        ),
        Figure("commitments", _("Commitments made"), sum(f.commitments.values())),
        Figure("summaries_published", _("Engagement summaries published"), f.summary_count),
    ]


def effectiveness(f: Figures, previous: Figures) -> Section:
    """How effectiveness is assessed, compared with the previous period."""
    s = _section(
        "esrs_effectiveness",
        f"{_(S2)} — " + _("assessing the effectiveness of engagement"),
        _("Is engagement effective?"),
    )
    if not f.input_totals["inputs"] and not f.survey["answers"]:
        s.empty = _no_engagement(f) or c.no_records()
        return s
    now, before = f.survey, previous.survey
    s.figures = [
        Figure(
            "loop_closure_share",
            pgettext("disclosure report", "Loops closed"),
            f.loop_closure_share,
            "%",
        ),
        Figure(
            "loop_closure_share_previous",
            _("Loops closed, previous period"),
            previous.loop_closure_share,
            "%",
        ),
        Figure("median_days_to_response", _("Median days to response"), f.median_days_to_response),
        Figure(
            "median_days_to_response_previous",
            _("Median days to response, previous period"),
            previous.median_days_to_response,
        ),
        Figure("survey_answers", _("“Did you feel heard” answers"), now["answers"]),
        Figure("felt_heard", _("Felt heard (average, 1–5)"), now["felt_heard"]),
        Figure("felt_heard_previous", _("Felt heard, previous period"), before["felt_heard"]),
        Figure("felt_heard_share", _("Answered 4 or 5: felt heard"), now["felt_heard_share"], "%"),
    ]
    s.statements.append(
        _(
            "Effectiveness is measured by whether every stakeholder is told what was done with "
            "their input (loop closure), how fast, and by asking participants whether they "
            "felt heard."
        )
    )
    rows = [
        [_("Loops closed (%)"), f.loop_closure_share, previous.loop_closure_share],
        [_("Median days to response"), f.median_days_to_response, previous.median_days_to_response],
        [_("Survey answers"), now["answers"], before["answers"]],
        [_("Felt heard (1–5)"), now["felt_heard"], before["felt_heard"]],
        [
            _("Understood the outcome (1–5)"),
            now["understood_outcome"],
            before["understood_outcome"],
        ],
        [
            _("Would take part again (1–5)"),
            now["would_take_part_again"],
            before["would_take_part_again"],
        ],
    ]
    s.tables = [
        Table(
            key="effectiveness",
            title=_("Effectiveness, this period and the previous one"),
            headers=[_("Measure"), _("This period"), _("Previous period")],
            rows=rows,
        )
    ]
    s.charts = [
        Chart(
            title=_("Loops closed and felt heard, compared"),
            description=_("Percentages, this period and the previous one."),
            kind="bar",
            labels=[_("Loops closed (%)"), _("Felt heard (%)")],
            series=[
                Series(_("This period"), [f.loop_closure_share, now["felt_heard_share"]]),
                Series(
                    _("Previous period"), [previous.loop_closure_share, before["felt_heard_share"]]
                ),
            ],
            slug="disclosure-effectiveness",
        )
    ]
    return s


def vulnerable(f: Figures, previous: Figures) -> Section:
    """Steps to hear people who are particularly vulnerable or marginalised."""
    s = _section(
        "esrs_vulnerable",
        f"{_(S2)} — " + _("particularly vulnerable or marginalised groups"),
        _("Hearing vulnerable and marginalised groups"),
    )
    s.empty = _no_engagement(f)
    if s.empty:
        return s
    s.figures = vulnerable_figures(f)
    groups = c.risk_groups_table(f)
    s.tables = [groups, c.safety_table(f), c.compensation_table(f)]
    if groups.rows:
        s.charts = [c.table_chart(groups, _("Distinct stakeholders engaged from each group."))]
    return s


def vulnerable_figures(f: Figures) -> list[Figure]:
    practice, totals = f.engagement_practice, f.participation_totals
    return [
        Figure(
            "stakeholders_at_risk",
            _("Stakeholders engaged from groups at heightened risk"),
            f.stakeholders_at_risk,
        ),
        Figure(
            "engagements_with_accommodations",
            _("Engagements with accessibility accommodations"),
            practice["accommodations"],
        ),
        Figure(
            "engagements_with_interpretation",
            _("Engagements with interpretation"),
            practice["interpretation"],
        ),
        Figure(
            "participants_interpreted",
            _("Participants who needed interpretation"),
            totals["interpretation"],
        ),
        Figure(
            "engagements_with_compensation",
            _("Engagements offering compensation"),
            practice["compensation"],
        ),
        Figure("participants_paid", _("Participants paid compensation"), totals["compensated"]),
    ]


def barriers(f: Figures, previous: Figures, *, key="esrs_barriers", reference=None) -> Section:
    """Barriers to engagement and how they were addressed."""
    s = Section(
        key=key,
        framework=FRAMEWORK if key.startswith("esrs") else "csddd",
        reference=reference or f"{_(S2)} — " + _("barriers and how they were addressed"),
        title=_("Barriers to engagement"),
    )
    s.empty = _no_engagement(f)
    if s.empty:
        return s
    practice = f.engagement_practice
    s.figures = [
        Figure(
            "engagements_with_barriers", _("Engagements with barriers noted"), practice["barriers"]
        ),
        Figure(
            "engagements_with_limits",
            _("Engagements stating what the company could not share"),
            practice["cannot_share"],
        ),
        Figure(
            "engagements_with_briefing",
            _("Engagements with briefing materials"),
            practice["briefing"],
        ),
        Figure(
            "engagements_with_accommodations",
            _("Engagements with accessibility accommodations"),
            practice["accommodations"],
        ),
        Figure(
            "engagements_with_interpretation",
            _("Engagements with interpretation"),
            practice["interpretation"],
        ),
    ]
    if not practice["barriers"]:
        s.statements.append(_("No barriers were recorded on the engagements of this period."))
    s.quotes = [Quote(text, _("Barrier noted on an engagement")) for text in f.barrier_examples]
    return s


def channels(
    f: Figures, previous: Figures, *, key="esrs_channels", reference=None, framework=FRAMEWORK
) -> Section:
    """Channels to raise concerns, tracking, remedy, awareness and trust."""
    s = Section(
        key=key,
        framework=framework,
        reference=reference or f"{_(S3)} — " + _("channels to raise concerns and remedy"),
        title=_("Channels to raise concerns"),
    )
    totals = f.concern_totals
    if not f.channel_enabled and not totals["concerns"]:
        s.empty = c.no_process(_("no channel to raise concerns is open."))
        return s
    s.figures = concern_figures(f)
    if not totals["concerns"]:
        s.statements.append(_("The channel is open; no concern was raised in this period."))
        return s
    by_channel = c.choice_table(
        "concern_channels",
        _("Concerns by channel"),
        _("Channel"),
        f.concerns_by_channel,
        ConcernChannel,
    )
    s.tables = [
        by_channel,
        c.choice_table(
            "concern_status",
            _("Concerns by status"),
            _("Status"),
            f.concerns_by_status,
            ConcernStatus,
        ),
        c.choice_table(
            "concern_outcomes",
            _("Concerns by outcome"),
            pgettext("disclosure report", "Outcome"),
            f.concerns_by_outcome,
            ConcernOutcome,
        ),
        *remedy_tables(f),
    ]
    s.charts = [c.table_chart(by_channel, _("How concerns reached the company."))]
    return s


def remedy_tables(f: Figures) -> list[Table]:
    return [
        c.choice_table(
            "remedy_kinds",
            pgettext("disclosure report", "Remedies by kind"),
            pgettext("disclosure report", "Kind"),
            f.remedies_by_kind,
            RemedyKind,
        ),
        c.choice_table(
            "remedy_status",
            _("Remedies by status"),
            _("Status"),
            f.remedies_by_status,
            RemedyStatus,
        ),
    ]


def concern_figures(f: Figures) -> list[Figure]:
    totals = f.concern_totals
    return [
        Figure("concerns", _("Concerns raised"), totals["concerns"]),
        Figure("concerns_anonymous", _("Raised anonymously"), totals["anonymous"]),
        Figure(
            "concerns_acknowledged",
            pgettext("disclosure report", "Acknowledged"),
            totals["acknowledged"],
        ),
        Figure("concerns_closed", pgettext("disclosure report", "Closed"), totals["closed"]),
        Figure(
            "days_to_acknowledge", _("Median days to acknowledge"), totals["days_to_acknowledge"]
        ),
        Figure("days_to_outcome", _("Median days to an outcome"), totals["days_to_outcome"]),
        Figure("remedies", _("Remedies"), sum(f.remedies_by_status.values())),
        Figure(
            "remedies_provided", _("Remedies provided"), f.remedies_by_status.get("provided", 0)
        ),
        Figure(
            "concern_satisfaction",
            _("Was the process fair? (average, 1–5)"),
            totals["satisfaction"],
        ),
        Figure("concern_ratings", _("People who rated the process"), totals["rated"]),
        Figure(
            "understood_outcome",
            _("Participants who understood the outcome (average, 1–5)"),
            f.survey["understood_outcome"],
        ),
    ]


BUILDERS = (
    engagement,
    stages,
    responsibility,
    decisions,
    effectiveness,
    vulnerable,
    barriers,
    channels,
)
