"""EU CSDDD (Directive (EU) 2024/1760) art. 13, meaningful engagement with stakeholders, and
art. 14, the notification mechanism and complaints procedure."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from heard.engagements.models import HrddStep
from heard.insights.disclosure.figures import Figures
from heard.insights.disclosure.report import Figure, Quote, Section, Table
from heard.insights.disclosure.sections import common as c
from heard.insights.disclosure.sections import esrs
from heard.requests.models.choices import RefusalGround, RequestStatus

FRAMEWORK = "csddd"


def _section(key: str, reference: str, title: str) -> Section:
    return Section(key=key, framework=FRAMEWORK, reference=reference, title=title)


def stages(f: Figures, previous: Figures) -> Section:
    """Consultation at each stage art. 13(3) requires (the workspace's HRDD steps)."""
    s = _section(
        "csddd_stages",
        _("EU CSDDD art. 13(3) — consultation at each stage"),
        _("Consultation at each stage of due diligence"),
    )
    if not f.steps:
        s.empty = c.no_process(_("no due diligence steps are set up."))
        return s
    s.empty = esrs._no_engagement(f)
    if s.empty:
        return s
    required = [row for row in f.steps if "13(3)" in row["reference"]]
    missing = [row for row in required if not row["engagement_count"]]
    s.figures = [
        Figure("csddd_stages_required", _("Stages art. 13(3) names"), len(required)),
        Figure(
            "csddd_stages_consulted",
            _("Of these, stages with consultation in the period"),
            len(required) - len(missing),
        ),
    ]
    for row in missing:
        name = str(HrddStep(code=row["code"], name=row["name"]))
        s.statements.append(
            _("No consultation was recorded at the stage “%(step)s” (%(reference)s).")
            % {"step": name, "reference": row["reference"]}
        )
    s.tables = [c.steps_table(f)]
    return s


def information(f: Figures, previous: Figures) -> Section:
    """Information given to stakeholders, and their requests answered or refused with reasons."""
    s = _section(
        "csddd_information",
        _("EU CSDDD art. 13(2) — information provided and requests"),
        _("Information provided to stakeholders"),
    )
    statuses = f.requests_by_status
    received = sum(statuses.values())
    practice = f.engagement_practice if f.engagement_count else {}
    if not received and not f.engagement_count:
        s.empty = esrs._no_engagement(f) or c.no_records()
        return s
    s.figures = [
        Figure(
            "engagements_with_briefing",
            _("Engagements with briefing materials"),
            practice.get("briefing", 0),
        ),
        Figure(
            "engagements_with_glossary",
            _("Engagements with a plain-language glossary"),
            practice.get("glossary", 0),
        ),
        *request_figures(f),
    ]
    if not received:
        s.statements.append(_("No information request was received in this period."))
        return s
    s.tables = [
        c.choice_table(
            "requests", _("Information requests by status"), _("Status"), statuses, RequestStatus
        ),
        Table(
            key="refusals",
            title=_("Requests refused, with the reasons given"),
            headers=[
                pgettext("disclosure report", "Ground"),
                _("Requests"),
                _("Reasons given (latest)"),
            ],
            rows=[
                [c.label(RefusalGround, r["ground"]), r["count"], r["reasons"]] for r in f.refusals
            ],
        ),
    ]
    s.quotes = [
        Quote(
            r["reasons"],
            _("Reasons for a refusal: %(ground)s")
            % {"ground": c.label(RefusalGround, r["ground"])},
        )
        for r in f.refusals
        if r["reasons"]
    ]
    return s


def request_figures(f: Figures) -> list[Figure]:
    statuses = f.requests_by_status
    return [
        Figure("requests_received", _("Information requests received"), sum(statuses.values())),
        Figure(
            "requests_answered",
            pgettext("disclosure report", "Answered"),
            statuses.get(RequestStatus.ANSWERED, 0),
        ),
        Figure(
            "requests_refused", _("Refused, with reasons"), statuses.get(RequestStatus.REFUSED, 0)
        ),
        Figure("requests_open", _("Still open"), statuses.get(RequestStatus.OPEN, 0)),
        Figure("days_to_answer", _("Median days to answer"), f.days_to_answer),
    ]


def barriers(f: Figures, previous: Figures) -> Section:
    return esrs.barriers(
        f,
        previous,
        key="csddd_barriers",
        reference=_("EU CSDDD art. 13 — barriers to engagement"),
    )


def safeguards(f: Figures, previous: Figures) -> Section:
    """Confidentiality and protection from retaliation."""
    s = _section(
        "csddd_safeguards",
        _("EU CSDDD art. 13 — confidentiality and protection from retaliation"),
        _("Confidentiality and anti-retaliation safeguards"),
    )
    s.empty = esrs._no_engagement(f)
    if s.empty:
        return s
    rules = f.engagements_by_attribution
    safety = f.by_safety_level
    s.figures = [
        Figure(
            "engagements_chatham_house",
            _("Engagements under the Chatham House rule"),
            rules.get("chatham_house", 0),
        ),
        Figure("engagements_anonymous", _("Anonymous engagements"), rules.get("anonymous", 0)),
        Figure("inputs_anonymous", _("Inputs given anonymously"), f.input_totals["anonymous"]),
        Figure(
            "stakeholders_high_risk",
            _("High-risk stakeholders engaged (pseudonymised)"),
            safety.get("high_risk", 0),
        ),
        Figure(
            "stakeholders_elevated_risk",
            _("Stakeholders engaged at elevated risk"),
            safety.get("elevated", 0),
        ),
    ]
    s.statements.append(
        _(
            "Under the Chatham House rule and for anonymous engagements, who said what is "
            "seen only by the core engagement team or by nobody; high-risk stakeholders are "
            "shown by pseudonym to everyone without access to identities. This report names "
            "no stakeholder."
        )
    )
    s.tables = [c.attribution_table(f), c.safety_table(f)]
    return s


def complaints(f: Figures, previous: Figures) -> Section:
    return esrs.channels(
        f,
        previous,
        key="csddd_complaints",
        reference=_("EU CSDDD art. 14 — notification mechanism and complaints procedure"),
        framework=FRAMEWORK,
    )


BUILDERS = (stages, information, barriers, safeguards, complaints)
