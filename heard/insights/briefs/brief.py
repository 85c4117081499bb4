"""The insight brief: what the page and the PDF show, built once, attribution applied.

A brief is read by internal teams outside the core team, and it is forwarded. So it is always
built for a reader *without* `view_identity` (a viewer), whoever opens it: the rules of
heard.feedback.attribution then hide the source of Chatham House and anonymous inputs, and
pseudonymise high-risk stakeholders. Names appear only where the engagement's rule is
"attributed with consent" (and for inputs given outside any engagement, which that module
treats the same way).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from django.conf.locale import LANG_INFO
from django.db.models import Case, CharField, Count, F, Q, Value, When, Window
from django.db.models.functions import NullIf, RowNumber
from django.utils.translation import gettext as _

from heard.core.models import Membership, Role
from heard.feedback.attribution import source_label
from heard.feedback.models import Decision, Input
from heard.insights.briefs import queries
from heard.insights.briefs.models import InsightRequest

EXAMPLES_PER_THEME = 3


def brief_audience(request: InsightRequest) -> Membership:
    """The reader every brief is written for: a member who may not see identities."""
    return Membership(workspace=request.workspace, role=Role.VIEWER)


def text_direction(text: str, language: str = "") -> str:
    """ "rtl" for Arabic, Hebrew, Persian, Urdu… (by language, else by the first letter)."""
    code = (language or "").split("-")[0].lower()
    if code in LANG_INFO and "bidi" in LANG_INFO[code]:
        return "rtl" if LANG_INFO[code]["bidi"] else "ltr"
    for char in text[:200]:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


@dataclass
class BriefInput:
    """One input as the brief shows it: text, source as the audience may see it, decision."""

    pk: int
    text: str
    language: str
    direction: str
    kind: str
    source: str
    engagement: str
    date: object
    outcome: str
    rationale: str


@dataclass
class BriefTheme:
    """A linked theme with its size and a few example inputs."""

    pk: int
    label: str
    description: str
    input_count: int
    examples: list[BriefInput] = field(default_factory=list)


@dataclass
class Share:
    """A count and its share of the inputs behind the brief."""

    label: str
    count: int
    percent: int


@dataclass
class Brief:
    """Everything the brief page and PDF show."""

    request: InsightRequest
    themes: list[BriefTheme]
    inputs: list[BriefInput]
    input_total: int
    regions: list[Share]
    global_majority: Share | None
    outcomes: list[Share]


def _current_rationales(input_ids: list[int]) -> dict[int, str]:
    rows = Decision.objects.filter(input_id__in=input_ids, is_current=True).values_list(
        "input_id", "rationale"
    )
    return dict(rows)


def _brief_input(row: Input, audience: Membership, rationales: dict[int, str]) -> BriefInput:
    return BriefInput(
        pk=row.pk,
        text=row.text,
        language=row.language,
        direction=text_direction(row.text, row.language),
        kind=row.get_kind_display(),
        source=source_label(row, audience),
        engagement=row.engagement.title if row.engagement_id else "",
        date=row.created_at,
        outcome=row.get_outcome_display() if row.outcome else _("Not decided yet"),
        rationale=rationales.get(row.pk, ""),
    )


def _with_sources(queryset):
    return queryset.select_related("engagement", "stakeholder", "organisation")


def _theme_examples(request: InsightRequest, theme_ids: list[int]) -> dict[int, list[Input]]:
    """Up to EXAMPLES_PER_THEME recent, active inputs of each theme, in one query (a window
    numbers each theme's inputs, newest first)."""
    examples: dict[int, list[Input]] = {pk: [] for pk in theme_ids}
    if not theme_ids:
        return examples
    rows = _with_sources(
        Input.objects.for_workspace(request.workspace)
        .active()
        .filter(theme_membership__theme_id__in=theme_ids, merged_into__isnull=True)
        .annotate(
            example_theme=F("theme_membership__theme_id"),
            example_rank=Window(
                RowNumber(),
                partition_by=F("theme_membership__theme_id"),
                order_by=(F("created_at").desc(), F("pk").desc()),
            ),
        )
        .filter(example_rank__lte=EXAMPLES_PER_THEME)
        .order_by("example_theme", "example_rank")
    )
    for row in rows:
        examples[row.example_theme].append(row)
    return examples


def _inputs_behind(request: InsightRequest, theme_ids: list[int]):
    """Every input the brief stands on: the linked ones and the members of linked themes."""
    return (
        Input.objects.for_workspace(request.workspace)
        .active()
        .filter(merged_into__isnull=True)
        .filter(Q(insight_requests=request) | Q(theme_membership__theme_id__in=theme_ids))
        .distinct()
    )


def _shares(rows: list[tuple[str, int]], total: int) -> list[Share]:
    return [
        Share(label, count, round(100 * count / total) if total else 0)
        for label, count in sorted(rows, key=lambda r: (-r[1], r[0]))
    ]


def _regions(behind) -> tuple[int, list[Share], Share | None]:
    """Regions (the stakeholder's, else the organisation's) and the Global Majority share."""
    region = Case(
        When(stakeholder__isnull=False, then=NullIf(F("stakeholder__region"), Value(""))),
        default=NullIf(F("organisation__region"), Value("")),
        output_field=CharField(),
    )
    majority = Case(
        When(stakeholder__isnull=False, then=F("stakeholder__is_global_majority")),
        default=F("organisation__is_global_majority"),
    )
    rows = list(
        Input.objects.filter(pk__in=behind.values("pk"))
        .annotate(r=region, gm=majority)
        .values("r", "gm")
        .annotate(n=Count("pk"))
        .order_by()
    )
    total = sum(r["n"] for r in rows)
    by_region: dict[str, int] = {}
    for row in rows:
        label = row["r"] or _("Unknown or not attributed")
        by_region[label] = by_region.get(label, 0) + row["n"]
    majority_count = sum(r["n"] for r in rows if r["gm"])
    known = sum(r["n"] for r in rows if r["gm"] is not None)
    share = None
    if known:
        share = Share(_("Global Majority"), majority_count, round(100 * majority_count / known))
    return total, _shares(list(by_region.items()), total), share


def _outcomes(behind, total: int) -> list[Share]:
    from heard.feedback.models.choices import Outcome

    labels = dict(Outcome.choices)
    rows = (
        Input.objects.filter(pk__in=behind.values("pk"))
        .values("outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _shares(
        [(str(labels.get(r["outcome"], _("Not decided yet"))), r["n"]) for r in rows], total
    )


def build_brief(request: InsightRequest) -> Brief:
    """The brief of `request`, for a reader outside the core team."""
    audience = brief_audience(request)
    themes = list(queries.linked_themes(request))
    theme_ids = [t.pk for t in themes]
    linked = list(queries.linked_inputs(request))
    examples = _theme_examples(request, theme_ids)
    ids = [row.pk for row in linked] + [row.pk for rows in examples.values() for row in rows]
    rationales = _current_rationales(ids)
    behind = _inputs_behind(request, theme_ids)
    total, regions, majority = _regions(behind)
    return Brief(
        request=request,
        themes=[
            BriefTheme(
                pk=t.pk,
                label=t.label,
                description=t.description,
                input_count=t.input_count,
                examples=[_brief_input(r, audience, rationales) for r in examples[t.pk]],
            )
            for t in themes
        ],
        inputs=[_brief_input(r, audience, rationales) for r in linked],
        input_total=total,
        regions=regions,
        global_majority=majority,
        outcomes=_outcomes(behind, total),
    )
