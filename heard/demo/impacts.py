"""Demo initiatives and impacts: every lifecycle stage with its history and engagement plans,
impacts with realistic rights, groups and scores, and actions with owners and due dates.

Deterministic from `ctx.rng`; rows are bulk-inserted with the same derived fields the services
compute (search text, severity, salience).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from heard.core.models import Role
from heard.demo.generate import RELATIONSHIP_ROLES, DemoContext, batched, weighted
from heard.impacts import scoring
from heard.impacts.models import (
    EngagementPlan,
    Impact,
    ImpactAction,
    ImpactKind,
    ImpactRight,
    ImpactRiskGroup,
    ImpactStatus,
    Initiative,
    InitiativeKind,
    LifecycleStage,
    PlanTiming,
    StageChange,
)
from heard.impacts.services import impact_search_text, initiative_search_text
from heard.stakeholders.models import Category, Organisation, Relation, RiskGroup, Stakeholder

STAGES = list(LifecycleStage.values)

# (kind, base names, owning teams)
INITIATIVE_TEMPLATES = {
    InitiativeKind.PRODUCT: (
        [
            "Marketplace",
            "Video calling app",
            "Creator payouts",
            "Family messaging",
            "Smart speaker",
            "Ride-hailing app",
            "Digital wallet",
            "Community groups",
        ],
        ["Commerce", "Communications", "Payments", "Devices"],
    ),
    InitiativeKind.FEATURE: (
        [
            "Smart reply",
            "Live location sharing",
            "Encrypted backups",
            "Face-based photo tagging",
            "Live streaming",
            "Disappearing messages",
            "Interest-based ad targeting",
            "Teen accounts",
            "Voice notes transcription",
            "People you may know",
        ],
        ["Messaging", "Growth", "Ads", "Youth safety", "Media"],
    ),
    InitiativeKind.AI_SYSTEM: (
        [
            "Content moderation classifier",
            "CV screening model",
            "Credit scoring model",
            "Speech recognition for low-resource languages",
            "Generative image model",
            "Feed ranking model",
            "Face recognition API",
            "Chat assistant",
        ],
        ["Applied ML", "Integrity", "Responsible AI", "Fintech"],
    ),
    InitiativeKind.CONTENT_POLICY: (
        [
            "Election misinformation policy",
            "Hate speech policy",
            "Adult nudity policy",
            "Dangerous organisations policy",
            "Government takedown requests policy",
            "Crisis response protocol",
            "Synthetic media labelling policy",
        ],
        ["Content policy", "Trust & Safety", "Public policy"],
    ),
    InitiativeKind.MARKET_ENTRY: (
        [
            "Launch in Kenya",
            "Launch in Indonesia",
            "Launch in Brazil",
            "Launch in Nigeria",
            "Launch in Viet Nam",
            "Launch in Ethiopia",
            "Launch in Pakistan",
            "Launch in Mexico",
            "Launch in Bangladesh",
            "Launch in Türkiye",
        ],
        ["International expansion", "Legal", "Public policy"],
    ),
    InitiativeKind.OTHER: (
        [
            "Data centre in Chile",
            "Content moderation vendor contract",
            "Data-labelling supplier",
            "Device assembly partner",
            "Law enforcement response team",
        ],
        ["Infrastructure", "Procurement", "Legal"],
    ),
}
KIND_WEIGHTS = (
    (InitiativeKind.PRODUCT, 2),
    (InitiativeKind.FEATURE, 4),
    (InitiativeKind.AI_SYSTEM, 3),
    (InitiativeKind.CONTENT_POLICY, 2),
    (InitiativeKind.MARKET_ENTRY, 2),
    (InitiativeKind.OTHER, 1),
)
VERSIONS = ["", " v2", " (pilot)", " — phase 2", " v3", " (Global South)", " (EU)", " 2027"]
STAGE_NOTES = [
    "Approved at the product review.",
    "Beta closed; findings from the stakeholder roundtable addressed.",
    "Human rights impact assessment signed off with conditions.",
    "Moved back: mitigations not ready.",
    "",
    "",
]


@dataclass(frozen=True)
class ImpactTemplate:
    """A realistic impact: rights, groups, involvement and typical scores."""

    title: str
    rights: tuple[str, ...]
    groups: tuple[str, ...]
    involvement: str
    affected: str
    scale: int
    scope: int
    irremediability: int


IMPACTS = (
    ImpactTemplate(
        "Wrongful removal of political speech",
        ("iccpr-19", "udhr-19", "iccpr-25"),
        ("hrd", "journalists"),
        "cause",
        "Activists and opposition voices",
        3,
        4,
        2,
    ),
    ImpactTemplate(
        "Live location exposed to abusive partners",
        ("iccpr-17", "udhr-3", "iccpr-9"),
        ("women_girls",),
        "cause",
        "Survivors of intimate partner violence",
        5,
        2,
        5,
    ),
    ImpactTemplate(
        "Lower accuracy for minority-language users",
        ("iccpr-26", "udhr-2", "iccpr-27"),
        ("minorities",),
        "cause",
        "Speakers of under-resourced languages",
        3,
        4,
        2,
    ),
    ImpactTemplate(
        "Psychological harm to content moderators",
        ("icescr-12", "icescr-7", "ilo-c155"),
        ("workers",),
        "contribute",
        "Moderators employed by vendors",
        4,
        3,
        4,
    ),
    ImpactTemplate(
        "User data disclosed to security services",
        ("iccpr-17", "iccpr-21", "iccpr-22"),
        ("hrd", "journalists"),
        "contribute",
        "Users in restrictive contexts",
        5,
        3,
        5,
    ),
    ImpactTemplate(
        "Grooming of children through direct messages",
        ("iccpr-24", "udhr-5", "icescr-10"),
        ("children",),
        "contribute",
        "Children using the service",
        5,
        3,
        5,
    ),
    ImpactTemplate(
        "Excessive working hours at the assembly partner",
        ("icescr-7", "udhr-24", "ilo-c155"),
        ("workers", "migrants"),
        "directly_linked",
        "Line workers, many of them migrants",
        3,
        4,
        2,
    ),
    ImpactTemplate(
        "Forced labour in the mineral supply chain",
        ("ilo-c29", "ilo-c105", "udhr-4"),
        ("migrants", "workers"),
        "directly_linked",
        "Artisanal miners",
        5,
        3,
        4,
    ),
    ImpactTemplate(
        "Union busting at the data-labelling supplier",
        ("ilo-c87", "ilo-c98", "iccpr-22"),
        ("workers",),
        "directly_linked",
        "Data labellers",
        3,
        2,
        3,
    ),
    ImpactTemplate(
        "Biased shortlisting of job applicants",
        ("ilo-c111", "udhr-23", "icescr-6"),
        ("women_girls", "disability", "minorities"),
        "cause",
        "Job seekers",
        3,
        4,
        3,
    ),
    ImpactTemplate(
        "Credit denied to people without formal records",
        ("icescr-11", "udhr-25", "iccpr-26"),
        ("low_income",),
        "cause",
        "Informal workers and small traders",
        3,
        4,
        3,
    ),
    ImpactTemplate(
        "Amplification of incitement during elections",
        ("iccpr-20", "iccpr-6", "iccpr-25"),
        ("minorities",),
        "contribute",
        "Ethnic and religious minorities",
        5,
        4,
        5,
    ),
    ImpactTemplate(
        "Doxxing of journalists",
        ("iccpr-17", "iccpr-19", "udhr-3"),
        ("journalists", "hrd"),
        "contribute",
        "Independent journalists",
        4,
        2,
        4,
    ),
    ImpactTemplate(
        "Interface unusable with screen readers",
        ("iccpr-26", "icescr-13", "udhr-2"),
        ("disability",),
        "cause",
        "Blind and partially sighted users",
        2,
        3,
        1,
    ),
    ImpactTemplate(
        "Compliance with internet shutdown orders",
        ("iccpr-19", "iccpr-21", "udhr-19"),
        ("hrd", "journalists", "minorities"),
        "contribute",
        "Everyone in the affected region",
        4,
        5,
        2,
    ),
    ImpactTemplate(
        "Sexualised deepfakes used for harassment",
        ("udhr-12", "iccpr-17", "iccpr-3"),
        ("women_girls", "lgbtqi"),
        "contribute",
        "Women public figures and LGBTQI+ people",
        4,
        3,
        4,
    ),
    ImpactTemplate(
        "Sexual orientation inferred by ad targeting",
        ("iccpr-17", "iccpr-26", "udhr-3"),
        ("lgbtqi",),
        "cause",
        "LGBTQI+ users in criminalising countries",
        5,
        3,
        5,
    ),
    ImpactTemplate(
        "Health data shared with advertisers",
        ("icescr-12", "iccpr-17"),
        ("women_girls",),
        "cause",
        "Users of the cycle-tracking feature",
        3,
        3,
        3,
    ),
    ImpactTemplate(
        "Indigenous knowledge used without consent",
        ("icescr-15", "iccpr-27", "iccpr-1"),
        ("indigenous",),
        "cause",
        "Indigenous communities",
        3,
        2,
        4,
    ),
    ImpactTemplate(
        "Child labour in cobalt mining",
        ("ilo-c138", "ilo-c182", "iccpr-24"),
        ("children",),
        "directly_linked",
        "Children in mining areas",
        5,
        3,
        5,
    ),
    ImpactTemplate(
        "Water scarcity near the data centre",
        ("icescr-11", "udhr-25", "icescr-12"),
        ("indigenous", "low_income"),
        "cause",
        "Neighbouring communities",
        3,
        3,
        3,
    ),
    ImpactTemplate(
        "Older people locked out of essential services",
        ("icescr-9", "udhr-22", "iccpr-26"),
        ("older",),
        "contribute",
        "Older people without smartphones",
        2,
        3,
        2,
    ),
    ImpactTemplate(
        "Refugees misidentified by face matching",
        ("iccpr-9", "udhr-14", "iccpr-26"),
        ("migrants",),
        "contribute",
        "Asylum seekers at borders",
        5,
        2,
        4,
    ),
)
ACTIONS = (
    "Commission an independent human rights impact assessment",
    "Add a human review step before enforcement",
    "Publish a transparency report on government requests",
    "Consult affected communities before launch",
    "Introduce wellbeing support and exposure limits",
    "Audit the supplier against the code of conduct",
    "Retrain the model on representative data",
    "Set up a grievance channel in local languages",
    "Turn the feature off by default",
    "Fund remediation for affected workers",
)
STATUS_WEIGHTS = (
    (ImpactStatus.IDENTIFIED, 3),
    (ImpactStatus.ASSESSED, 3),
    (ImpactStatus.ACTION_PLANNED, 3),
    (ImpactStatus.MITIGATING, 3),
    (ImpactStatus.REMEDIATED, 1),
    (ImpactStatus.CLOSED, 1),
)
SHARE = (
    "Screens of the prototype and the research questions.",
    "The policy draft and the enforcement examples.",
    "Model card, evaluation results by language and known limitations.",
    "Launch timeline, markets and the data collected.",
    "Supplier list and audit findings (anonymised).",
)
NOT_SHARE = (
    "Unreleased roadmap: market-sensitive until announced.",
    "Detection thresholds: sharing them would help evasion.",
    "Names of vendors under contract negotiation.",
    "",
)


def initiative_count(stakeholder_count: int) -> int:
    """Scale modestly with the workspace: 24 at least, a few hundred at the large size."""
    return max(24, min(300, stakeholder_count // 330))


def create_impacts(ctx: DemoContext) -> None:
    """Initiatives at every stage with history and plans, then impacts and actions."""
    count = initiative_count(ctx.counts.get("stakeholders", 0))
    initiatives = _create_initiatives(ctx, count)
    _create_plans(ctx, initiatives)
    _create_impacts(ctx, initiatives)


# --- initiatives


def _create_initiatives(ctx: DemoContext, count: int) -> list[Initiative]:
    rng, seen = ctx.rng, set()
    drafts, histories = [], []
    for number in range(count):
        kind = weighted(rng, KIND_WEIGHTS)
        names, teams = INITIATIVE_TEMPLATES[kind]
        name = _unique_name(rng, names, seen)
        # Every stage is represented: the first initiatives go round the stages in order.
        stage_index = number % len(STAGES) if number < 2 * len(STAGES) else rng.randrange(6)
        started = ctx.days_ago(rng.uniform(120, 900))
        history = _stage_history(ctx, stage_index, started)
        initiative = Initiative(
            workspace=ctx.workspace,
            name=name,
            kind=kind,
            owning_team=rng.choice(teams),
            description=f"{name}: due diligence across its lifecycle.",
            stage=STAGES[stage_index],
            stage_changed_at=history[-1].changed_at,
            created_at=started,
        )
        initiative.search_text = initiative_search_text(initiative)
        drafts.append(initiative)
        histories.append(history)
    for batch in batched(drafts):
        Initiative.objects.bulk_create(batch)
    changes = []
    for initiative, history in zip(drafts, histories, strict=True):
        for change in history:
            change.initiative_id = initiative.pk
            changes.append(change)
    for batch in batched(changes):
        StageChange.objects.bulk_create(batch)
    ctx.counts["initiatives"] = len(drafts)
    ctx.counts["stage changes"] = len(changes)
    return drafts


def _unique_name(rng, names: list[str], seen: set[str]) -> str:
    for version in VERSIONS:
        name = rng.choice(names) + version
        if name not in seen:
            seen.add(name)
            return name
    name = f"{rng.choice(names)} #{len(seen) + 1}"
    seen.add(name)
    return name


def _stage_history(ctx: DemoContext, stage_index: int, started) -> list[StageChange]:
    """From research & design up to the current stage, sometimes with a step back."""
    rng = ctx.rng
    path = list(range(stage_index + 1))
    if stage_index >= 2 and rng.random() < 0.2:
        back = rng.randrange(1, stage_index)
        path = path[: back + 1] + [back - 1] + path[back:]
    span = (ctx.now - started).total_seconds()
    moments = sorted(rng.uniform(0, span) for _ in path[1:])
    owner = ctx.members.get(rng.choice(RELATIONSHIP_ROLES))
    changes = [StageChange(from_stage="", to_stage=STAGES[0], changed_at=started, changed_by=owner)]
    for previous, current, offset in zip(path, path[1:], moments, strict=False):
        changes.append(
            StageChange(
                from_stage=STAGES[previous],
                to_stage=STAGES[current],
                changed_at=started + datetime.timedelta(seconds=offset),
                changed_by=ctx.members.get(rng.choice(RELATIONSHIP_ROLES)),
                note="Moved back: mitigations not ready."
                if current < previous
                else rng.choice(STAGE_NOTES),
            )
        )
    return changes


# --- engagement plans


def _create_plans(ctx: DemoContext, initiatives: list[Initiative]) -> None:
    """Plans for the current stage and, often, the next ones; a few name people."""
    rng = ctx.rng
    people = list(
        Stakeholder.objects.for_workspace(ctx.workspace)
        .order_by("pk")
        .values_list("pk", flat=True)[:400]
    )
    organisations = list(
        Organisation.objects.for_workspace(ctx.workspace)
        .order_by("pk")
        .values_list("pk", flat=True)[:200]
    )
    plans, named_people, named_orgs = [], [], []
    for initiative in initiatives:
        current = STAGES.index(initiative.stage)
        for index in range(current, min(len(STAGES), current + rng.randint(1, 3))):
            plans.append(_plan(ctx, initiative, STAGES[index]))
            named_people.append(rng.sample(people, min(len(people), rng.choice((0, 0, 2, 4)))))
            named_orgs.append(
                rng.sample(organisations, min(len(organisations), rng.choice((0, 1, 2))))
            )
    for batch in batched(plans):
        EngagementPlan.objects.bulk_create(batch)
    person_link, org_link = (
        EngagementPlan.stakeholders.through,
        EngagementPlan.organisations.through,
    )
    person_link.objects.bulk_create(
        person_link(engagementplan_id=plan.pk, stakeholder_id=pk)
        for plan, pks in zip(plans, named_people, strict=True)
        for pk in pks
    )
    org_link.objects.bulk_create(
        org_link(engagementplan_id=plan.pk, organisation_id=pk)
        for plan, pks in zip(plans, named_orgs, strict=True)
        for pk in pks
    )
    ctx.counts["engagement plans"] = len(plans)


def _plan(ctx: DemoContext, initiative: Initiative, stage: str) -> EngagementPlan:
    rng = ctx.rng
    timing = rng.choice(PlanTiming.values)
    target = ctx.today + datetime.timedelta(days=rng.randint(7, 240))
    return EngagementPlan(
        workspace=ctx.workspace,
        initiative=initiative,
        stage=stage,
        categories=rng.sample(
            [
                Category.LIVED_EXPERIENCE,
                Category.CSO_REPRESENTATIVE,
                Category.EXPERT_ACADEMIC,
                Category.USER_CUSTOMER,
                Category.COMMUNITY_MEMBER,
                Category.HRD_JOURNALIST,
            ],
            rng.randint(1, 3),
        ),
        relations=rng.sample(Relation.values, rng.randint(1, 2)),
        risk_groups=rng.sample(RiskGroup.values, rng.randint(0, 2)),
        timing=timing,
        target_on=target if timing == PlanTiming.ON_DATE or rng.random() < 0.3 else None,
        cleared_to_share=rng.choice(SHARE),
        not_shareable=rng.choice(NOT_SHARE),
        created_at=initiative.created_at,
    )


# --- impacts and actions


def _create_impacts(ctx: DemoContext, initiatives: list[Initiative]) -> None:
    rng = ctx.rng
    impacts, links, initiative_links = [], [], []
    for initiative in initiatives:
        for template in rng.sample(IMPACTS, rng.randint(3, 12)):
            impact = _impact(ctx, template, initiative)
            impacts.append(impact)
            links.append(template)
            initiative_links.append(
                [initiative.pk] + ([rng.choice(initiatives).pk] if rng.random() < 0.1 else [])
            )
    for batch in batched(impacts):
        Impact.objects.bulk_create(batch)
    rights, groups, through = [], [], Impact.initiatives.through
    for impact, template in zip(impacts, links, strict=True):
        rights += [ImpactRight(impact_id=impact.pk, code=c) for c in template.rights]
        groups += [ImpactRiskGroup(impact_id=impact.pk, group=g) for g in template.groups]
    for batch in batched(rights):
        ImpactRight.objects.bulk_create(batch)
    for batch in batched(groups):
        ImpactRiskGroup.objects.bulk_create(batch)
    rows = [
        through(impact_id=impact.pk, initiative_id=pk)
        for impact, pks in zip(impacts, initiative_links, strict=True)
        for pk in dict.fromkeys(pks)
    ]
    for batch in batched(rows):
        through.objects.bulk_create(batch)
    ctx.counts["impacts"] = len(impacts)
    _create_actions(ctx, impacts)


def _jitter(rng, value: int) -> int:
    return max(1, min(5, value + rng.choice((-1, 0, 0, 0, 1))))


def _impact(ctx: DemoContext, template: ImpactTemplate, initiative: Initiative) -> Impact:
    rng = ctx.rng
    kind = ImpactKind.ACTUAL if rng.random() < 0.3 else ImpactKind.POTENTIAL
    scale, scope, irremediability = (
        _jitter(rng, template.scale),
        _jitter(rng, template.scope),
        _jitter(rng, template.irremediability),
    )
    likelihood = rng.choice((1, 2, 3, 3, 4, 5, None)) if kind == ImpactKind.POTENTIAL else None
    found = scoring.compute(
        kind=kind, scale=scale, scope=scope, irremediability=irremediability, likelihood=likelihood
    )
    status = weighted(rng, STATUS_WEIGHTS)
    created = max(initiative.created_at, ctx.days_ago(rng.uniform(5, 600)))
    impact = Impact(
        workspace=ctx.workspace,
        title=f"{template.title} — {initiative.name}",
        description=f"{template.title} linked to {initiative.name}.",
        kind=kind,
        involvement=template.involvement,
        affected_groups=template.affected,
        scale=scale,
        scope=scope,
        irremediability=irremediability,
        likelihood=likelihood,
        severity=found.severity,
        salience=found.salience,
        status=status,
        status_changed_at=None if status == ImpactStatus.IDENTIFIED else created,
        created_at=created,
    )
    impact.search_text = impact_search_text(impact, template.rights)
    return impact


def _create_actions(ctx: DemoContext, impacts: list[Impact]) -> None:
    rng = ctx.rng
    owners = [ctx.members[r] for r in RELATIONSHIP_ROLES if r in ctx.members] or [None]
    owners.append(ctx.members.get(Role.CONTRIBUTOR))
    actions = []
    for impact in impacts:
        if impact.status in (ImpactStatus.IDENTIFIED, ImpactStatus.ASSESSED):
            continue
        for description in rng.sample(ACTIONS, rng.randint(1, 4)):
            due = ctx.today + datetime.timedelta(days=rng.randint(-90, 180))
            is_done = impact.status in (ImpactStatus.REMEDIATED, ImpactStatus.CLOSED) or (
                rng.random() < 0.3
            )
            actions.append(
                ImpactAction(
                    workspace=ctx.workspace,
                    impact_id=impact.pk,
                    description=description,
                    owner=rng.choice(owners),
                    due_on=due,
                    is_done=is_done,
                    done_at=ctx.days_ago(rng.uniform(0, 60)) if is_done else None,
                    created_at=impact.created_at,
                )
            )
    for batch in batched(actions):
        ImpactAction.objects.bulk_create(batch)
    ctx.counts["impact actions"] = len(actions)
