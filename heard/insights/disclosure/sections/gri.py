"""GRI 2-29 (approach to stakeholder engagement), 2-25 (processes to remediate negative
impacts), 2-26 (mechanisms for seeking advice and raising concerns) and 3-3-f (how engagement
informed actions and their effectiveness)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from heard.insights.disclosure.figures import Figures
from heard.insights.disclosure.report import Figure, Section
from heard.insights.disclosure.sections import common as c
from heard.insights.disclosure.sections import csddd, esrs

FRAMEWORK = "gri"


def approach(f: Figures, previous: Figures) -> Section:
    s = Section(
        key="gri_2_29",
        framework=FRAMEWORK,
        reference="GRI 2-29",
        title=_("Approach to stakeholder engagement"),
    )
    s.empty = esrs._no_engagement(f)
    if s.empty:
        return s
    s.figures = [
        *c.engagement_figures(f),
        Figure(
            "engagements_with_purpose",
            _("Engagements with a stated purpose"),
            f.engagement_practice["purpose"],
        ),
        Figure(
            "loop_closure_share",
            pgettext("disclosure report", "Loops closed"),
            f.loop_closure_share,
            "%",
        ),
    ]
    categories = c.category_table(f)
    s.tables = [categories, c.formats_table(f)]
    s.charts = [c.table_chart(categories, _("Distinct stakeholders engaged per category."))]
    return s


def remediation(f: Figures, previous: Figures) -> Section:
    s = esrs.channels(
        f,
        previous,
        key="gri_2_25",
        reference=_("GRI 2-25 — processes to remediate negative impacts"),
        framework=FRAMEWORK,
    )
    s.title = _("Processes to remediate negative impacts")
    return s


def mechanisms(f: Figures, previous: Figures) -> Section:
    s = Section(
        key="gri_2_26",
        framework=FRAMEWORK,
        reference=_("GRI 2-26 — mechanisms for seeking advice and raising concerns"),
        title=_("Mechanisms for seeking advice and raising concerns"),
    )
    totals = f.concern_totals
    received = sum(f.requests_by_status.values())
    if not f.channel_enabled and not totals["concerns"] and not received:
        s.empty = c.no_process(_("no channel for concerns or information requests is in use."))
        return s
    s.figures = [
        Figure(
            "channel_open",
            _("Channel to raise concerns open"),
            _("yes") if f.channel_enabled else _("no"),
        ),
        Figure("concerns", _("Concerns raised"), totals["concerns"]),
        *csddd.request_figures(f),
    ]
    return s


def management(f: Figures, previous: Figures) -> Section:
    s = Section(
        key="gri_3_3_f",
        framework=FRAMEWORK,
        reference=_("GRI 3-3-f — how engagement informed actions and their effectiveness"),
        title=_("How engagement informed actions"),
    )
    if not f.input_totals["inputs"]:
        s.empty = esrs._no_engagement(f) or c.no_records()
        return s
    s.figures = [
        *esrs.decision_figures(f),
        Figure("commitments_done", _("Commitments done"), f.commitments.get("done", 0)),
        Figure("felt_heard", _("Felt heard (average, 1–5)"), f.survey["felt_heard"]),
    ]
    s.tables = [c.outcomes_table(f), c.commitments_table(f)]
    s.quotes = c.rationale_quotes(f)[:3]
    return s


BUILDERS = (approach, remediation, mechanisms, management)
