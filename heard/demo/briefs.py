"""Demo insight cycle: the previous and the current planning cycle, and insight requests in
every state — one answered with themes (when there are any) and inputs, whose brief shows a
Chatham House input without its source and an Arabic input right to left.

Rows are written directly, like the rest of the demo (no per-row audit entries: the load is
one audit entry), with the fields the services would set; nobody is emailed.
"""

from __future__ import annotations

import datetime

from heard.core.models import Role
from heard.core.search import normalise
from heard.demo.generate import DemoContext
from heard.engagements.models import AttributionRule
from heard.feedback.models import Input
from heard.impacts.models import Impact
from heard.insights.briefs.calendar import cycle_dates, period_start
from heard.insights.briefs.models import (
    InsightRequest,
    PlanningCycle,
    RequestingTeam,
    RequestStatus,
    cycle_settings_for,
)
from heard.insights.themes.models import Theme
from heard.policies.models import Policy

ARABIC = "نطلب مراجعة بشرية قبل تعليق الحسابات، فالطعون لا يُرد عليها منذ أشهر."
SUMMARY = (
    "Across roundtables in the last two years, stakeholders — mostly civil society "
    "organisations from the Global Majority — said that automated suspensions hit activists "
    "and journalists first, and that appeals often go unanswered for weeks.\n\n"
    "The strongest recommendation is a human review before an account is suspended. We "
    "adopted it in part (suspensions, not yet removals). Several people asked for appeal "
    "notices in their own language; that is deferred to next year's classifier work.\n\n"
    "For the roadmap: plan the appeal flow with the human review step from the start, and "
    "measure time to answer an appeal per language."
)


def _cycles(ctx: DemoContext) -> tuple[PlanningCycle, PlanningCycle]:
    """The previous period's cycle and the current one, by the workspace's cadence."""
    found = cycle_settings_for(ctx.workspace)
    months = found.months()
    current = period_start(months, ctx.today)
    previous = period_start(months, current - datetime.timedelta(days=1))
    made = []
    for start in (previous, current):
        dates = cycle_dates(months, start, found.request_days)
        made.append(
            PlanningCycle.objects.create(
                workspace=ctx.workspace,
                name=dates.name,
                opens_on=dates.opens_on,
                requests_due_on=dates.requests_due_on,
                closes_on=dates.closes_on,
                announced_at=ctx.now,
            )
        )
    return made[0], made[1]


def _answer_inputs(ctx: DemoContext) -> list[Input]:
    """A few inputs about appeals: Chatham House, attributed and anonymous ones, and one in
    Arabic (recorded now, in a Chatham House engagement)."""
    ws = ctx.workspace
    active = Input.objects.filter(workspace=ws, archived_at__isnull=True, merged_into=None)
    picked: list[Input] = []
    for rule in (AttributionRule.CHATHAM_HOUSE, AttributionRule.ATTRIBUTED_WITH_CONSENT):
        rows = active.filter(engagement__attribution_rule=rule, stakeholder__isnull=False)
        picked += list(rows.filter(text__icontains="appeal").order_by("pk")[:3])
    picked += list(active.filter(is_anonymous=True).order_by("pk")[:1])
    chatham = next(
        (i for i in picked if i.engagement and i.engagement.attribution_rule == "chatham_house"),
        None,
    )
    if chatham is not None:
        picked.append(
            Input.objects.create(
                workspace=ws,
                text=ARABIC,
                kind="recommendation",
                engagement=chatham.engagement,
                session=chatham.session,
                stakeholder=chatham.stakeholder,
                language="ar",
                recorded_by=ctx.members[Role.EDITOR],
                loop_due_on=chatham.loop_due_on,
                search_text=normalise(ARABIC),
            )
        )
        # New input about a remediated impact: the impact pages show "Re-evaluate".
        done = Impact.objects.filter(workspace=ws, status__in=("remediated", "closed"))
        if impact := done.order_by("-salience", "pk").first():
            picked[-1].impacts.add(impact)
    return picked


def _request(ctx: DemoContext, question: str, team: str, cycle, **fields) -> InsightRequest:
    """A request from the demo contributor, filed `days` ago."""
    days = fields.pop("days", 10)
    status = fields.pop("status", RequestStatus.SUBMITTED)
    if status in (RequestStatus.ANSWERED, RequestStatus.CLOSED, RequestStatus.DECLINED):
        fields.setdefault("answered_by", ctx.members[Role.EDITOR])
        fields.setdefault("answered_at", ctx.days_ago(days / 2))
        fields.setdefault("requester_notified_at", fields["answered_at"])
    return InsightRequest.objects.create(
        workspace=ctx.workspace,
        question=question,
        team=team,
        cycle=cycle,
        requester=ctx.members[Role.CONTRIBUTOR],
        status=status,
        created_at=ctx.days_ago(days),
        **fields,
    )


def create_briefs(ctx: DemoContext) -> None:
    """Cycles and requests: submitted, in progress, answered (with a brief), closed, declined."""
    ws = ctx.workspace
    previous, current = _cycles(ctx)
    answered = _request(
        ctx,
        "What have stakeholders said about appeals of suspended accounts?",
        RequestingTeam.PRODUCT,
        current,
        status=RequestStatus.ANSWERED,
        context="We plan the new appeal flow for next half-year and want to build on what "
        "people already told us.",
        needed_by=ctx.today + datetime.timedelta(days=30),
        summary=SUMMARY,
        days=12,
    )
    answered.themes.set(Theme.objects.filter(workspace=ws).order_by("-input_count", "pk")[:2])
    answered.inputs.set(_answer_inputs(ctx))
    _request(
        ctx,
        "What have civil society organisations said about labelling AI-generated content?",
        RequestingTeam.POLICY,
        current,
        status=RequestStatus.IN_PROGRESS,
        policy=Policy.objects.filter(workspace=ws).order_by("pk").first(),
        summary="Draft: three roundtables touched on labelling; collecting the inputs.",
        days=8,
    )
    _request(
        ctx,
        "Have stakeholders raised harassment of journalists in livestreams?",
        RequestingTeam.TRUST_SAFETY,
        current,
        days=2,
    )
    _request(
        ctx,
        "Which NGOs criticised us the most last year?",
        RequestingTeam.OTHER,
        None,
        status=RequestStatus.DECLINED,
        decline_reason="We do not rank or name stakeholders for internal teams: people spoke "
        "to us on the understanding that they would not be singled out. We can brief you on "
        "themes instead.",
        days=40,
    )
    _request(
        ctx,
        "What did stakeholders say about age assurance?",
        RequestingTeam.PRODUCT,
        previous,
        status=RequestStatus.CLOSED,
        summary="Stakeholders asked for age assurance that does not require an identity "
        "document, and for an audit of the vendor.",
        closed_at=ctx.days_ago(100),
        days=150,
    )
    ctx.counts["insight requests"] = 5
    ctx.counts["planning cycles"] = 2
