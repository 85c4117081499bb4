"""Demo engagements: sessions in several time zones, invitee lists with replies, attendance
and compensation, and a participation history that leaves some stakeholders fatigued.

Deterministic from `ctx.rng`; bulk-inserted with the derived fields the services keep
(`Engagement.starts_on`, `Participation.engaged_on`, search text), so the checks and lists
read demo rows exactly as rows made through the pages.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Max, OuterRef, Q, Subquery

from heard.demo.generate import RELATIONSHIP_ROLES, DemoContext, batched, weighted
from heard.engagements.models import (
    AttributionRule,
    CompensationStatus,
    Engagement,
    EngagementFormat,
    EngagementStatus,
    HrddStep,
    InvitationState,
    Mode,
    Participation,
    ParticipationRole,
    Session,
)
from heard.engagements.services.engagements import engagement_search_text
from heard.engagements.services.participation import DEFAULT_REPRESENTATION
from heard.impacts.models import Impact, Initiative
from heard.stakeholders.models import Stakeholder

FORMAT_WEIGHTS = (
    (EngagementFormat.INTERVIEW, 30),
    (EngagementFormat.ROUNDTABLE, 20),
    (EngagementFormat.WORKSHOP, 12),
    (EngagementFormat.UX_RESEARCH, 12),
    (EngagementFormat.SURVEY, 6),
    (EngagementFormat.POLICY_FORUM, 6),
    (EngagementFormat.MULTI_COMPANY, 4),
    (EngagementFormat.PUBLIC_COMMENT, 2),
)
MODE_WEIGHTS = ((Mode.REMOTE, 60), (Mode.HYBRID, 25), (Mode.IN_PERSON, 15))
TOPICS = (
    "content moderation in {lang_region}",
    "age assurance",
    "AI-generated imagery",
    "pay transparency for gig workers",
    "data access for researchers",
    "election integrity",
    "harassment of journalists",
    "accessibility of reporting tools",
    "location data retention",
    "automated account bans",
    "government data requests",
    "advertising to teenagers",
)
# The seed's example: the same session at 10:00 CET and 09:00 PDT, plus other pairings.
SESSION_PAIRS = (
    (("Europe/Paris", 10), ("America/Los_Angeles", 9)),
    (("Africa/Nairobi", 11), ("America/Sao_Paulo", 10)),
    (("Asia/Kolkata", 15), ("Asia/Manila", 9)),
    (("Europe/London", 14), ("Asia/Jakarta", 9)),
)
SINGLE_ZONES = (
    "Europe/Berlin",
    "Africa/Lagos",
    "Africa/Johannesburg",
    "America/Mexico_City",
    "America/New_York",
    "Asia/Dhaka",
    "Asia/Singapore",
    "Australia/Sydney",
)
CURRENCIES = ("EUR", "USD", "KES", "BRL", "INR", "GBP")
GLOSSARY = (
    {"term": "Algorithm", "definition": "A set of rules a computer follows to decide something."},
    {"term": "Classifier", "definition": "Software that sorts content into categories."},
    {"term": "Training data", "definition": "Examples a system learns its patterns from."},
)


def engagement_count(stakeholder_count: int) -> int:
    """One engagement per five stakeholders, 40 at least: 20,000 at the large size."""
    return max(40, stakeholder_count // 5)


def create_engagements(ctx: DemoContext) -> None:
    """Engagements across two years (and the next three months), with sessions and people."""
    people = list(
        Stakeholder.objects.filter(workspace=ctx.workspace, archived_at__isnull=True)
        .order_by("pk")
        .values_list("pk", "relation", "is_compensation_eligible")
    )
    if not people:
        return
    count = engagement_count(len(people))
    engagements = _create_engagements(ctx, count)
    sessions = _create_sessions(ctx, engagements)
    _create_participations(ctx, engagements, people)
    _refresh_last_engaged(ctx)
    ctx.counts["engagements"] = len(engagements)
    ctx.counts["sessions"] = sessions


# --- engagements


def _status_for(ctx: DemoContext, day: datetime.date) -> str:
    age = (ctx.today - day).days
    if age < 0:
        return EngagementStatus.INVITATIONS_SENT if age > -30 else EngagementStatus.PLANNED
    if age < 14:
        return EngagementStatus.HELD
    if age < 60:
        return weighted(ctx.rng, ((EngagementStatus.DEBRIEFED, 6), (EngagementStatus.HELD, 1)))
    return weighted(ctx.rng, ((EngagementStatus.LOOP_CLOSED, 7), (EngagementStatus.DEBRIEFED, 3)))


def _engagement(ctx: DemoContext, number: int, initiatives, steps) -> Engagement:
    rng = ctx.rng
    # Recent months are busier: that is where fatigue shows.
    offset = int(rng.triangular(-90, 730, 0))
    day = ctx.today - datetime.timedelta(days=offset)
    status = _status_for(ctx, day)
    fmt = weighted(rng, FORMAT_WEIGHTS)
    topic = rng.choice(TOPICS).format(
        lang_region=rng.choice(("East Africa", "South Asia", "Brazil"))
    )
    initiative = rng.choice(initiatives) if initiatives and rng.random() < 0.8 else None
    at = datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)
    stamps = {}
    if status != EngagementStatus.PLANNED:
        stamps["invitations_sent_at"] = at - datetime.timedelta(days=21)
    for name, field, days in (
        (EngagementStatus.HELD, "held_at", 0),
        (EngagementStatus.DEBRIEFED, "debriefed_at", 10),
        (EngagementStatus.LOOP_CLOSED, "loop_closed_at", 50),
    ):
        order = list(EngagementStatus.values)
        if order.index(status) >= order.index(name):
            stamps[field] = at + datetime.timedelta(days=days, hours=3)
    engagement = Engagement(
        workspace=ctx.workspace,
        title=f"{EngagementFormat(fmt).label}: {topic} #{number + 1}",
        status=status,
        format=fmt,
        mode=weighted(rng, MODE_WEIGHTS),
        purpose=f"Understand how {topic} affects the people most at risk.",
        learning_goals="Which harms we have missed, and which mitigations would work.",
        cannot_share="Unreleased product details (confidential until launch).",
        barriers="Notes are reviewed by legal before they are shared."
        if rng.random() < 0.3
        else "",
        accountable_function=rng.choice(("Human rights team", "Trust & Safety", "Policy")),
        senior_responsible_role=rng.choice(("Chief Legal Officer", "VP Trust & Safety")),
        owner=ctx.members[rng.choice(RELATIONSHIP_ROLES)],
        lifecycle_stage=initiative.stage if initiative else "",
        initiative=initiative,
        languages=rng.sample(ctx.workspace.languages, k=min(2, len(ctx.workspace.languages))),
        interpretation_languages=["sw"] if rng.random() < 0.2 else [],
        accessibility_accommodations="Live captions; materials in plain language."
        if rng.random() < 0.5
        else "",
        briefing_materials="Two-page summary sent a week before." if rng.random() < 0.6 else "",
        glossary=list(GLOSSARY[: rng.randrange(4)]),
        attribution_rule=weighted(
            rng,
            (
                (AttributionRule.CHATHAM_HOUSE, 8),
                (AttributionRule.ANONYMOUS, 1),
                (AttributionRule.ATTRIBUTED_WITH_CONSENT, 1),
            ),
        ),
        is_compensation_offered=rng.random() < 0.4,
        starts_on=day,
        created_at=at - datetime.timedelta(days=40),
        **stamps,
    )
    engagement.compensation_details = (
        "A fee per session for people not paid by an organisation to attend."
        if engagement.is_compensation_offered
        else ""
    )
    engagement.search_text = engagement_search_text(engagement)
    engagement._steps = rng.sample(steps, k=rng.randint(1, 2)) if steps else []
    return engagement


def _create_engagements(ctx: DemoContext, count: int) -> list[Engagement]:
    initiatives = list(
        Initiative.objects.filter(workspace=ctx.workspace).only("pk", "stage", "name")
    )
    steps = list(HrddStep.objects.filter(workspace=ctx.workspace).values_list("pk", flat=True))
    impacts_by_initiative: dict[int, list[int]] = {}
    for pk, initiative_id in Impact.objects.filter(
        workspace=ctx.workspace, initiatives__isnull=False
    ).values_list("pk", "initiatives"):
        impacts_by_initiative.setdefault(initiative_id, []).append(pk)
    task = ctx.progress.start("engagements", count)
    drafts = [_engagement(ctx, n, initiatives, steps) for n in range(count)]
    step_links, impact_links = [], []
    step_model = Engagement.hrdd_steps.through
    impact_model = Engagement.impacts.through
    for batch in batched(drafts):
        Engagement.objects.bulk_create(batch)
        for engagement in batch:
            step_links += [
                step_model(engagement_id=engagement.pk, hrddstep_id=s) for s in engagement._steps
            ]
            linked = impacts_by_initiative.get(engagement.initiative_id, [])
            impact_links += [
                impact_model(engagement_id=engagement.pk, impact_id=i)
                for i in ctx.rng.sample(linked, k=min(len(linked), 2))
            ]
        ctx.progress.advance(task, len(batch))
    for batch in batched(step_links):
        step_model.objects.bulk_create(batch)
    for batch in batched(impact_links):
        impact_model.objects.bulk_create(batch)
    return drafts


# --- sessions


def _session(ctx, engagement, zone: str, hour: int, label: str = "") -> Session:
    local = datetime.datetime.combine(engagement.starts_on, datetime.time(hour), ZoneInfo(zone))
    minutes = 60 if engagement.format == EngagementFormat.INTERVIEW else ctx.rng.choice((90, 120))
    return Session(
        workspace=ctx.workspace,
        engagement_id=engagement.pk,
        label=label,
        starts_at=local,
        ends_at=local + datetime.timedelta(minutes=minutes),
        time_zone=zone,
        location="" if engagement.mode == Mode.REMOTE else "Community centre, main hall",
        remote_url="" if engagement.mode == Mode.IN_PERSON else "https://meet.example.org/heard",
    )


def _create_sessions(ctx: DemoContext, engagements: list[Engagement]) -> int:
    rows = []
    for engagement in engagements:
        if engagement.format in {EngagementFormat.ROUNDTABLE, EngagementFormat.WORKSHOP} and (
            ctx.rng.random() < 0.5
        ):
            (zone_a, hour_a), (zone_b, hour_b) = ctx.rng.choice(SESSION_PAIRS)
            # Labels are the zones' cities: "Paris", "Los Angeles".
            rows.append(_session(ctx, engagement, zone_a, hour_a, zone_a.split("/")[-1]))
            rows.append(_session(ctx, engagement, zone_b, hour_b, zone_b.split("/")[-1]))
        else:
            rows.append(_session(ctx, engagement, ctx.rng.choice(SINGLE_ZONES), 10))
    for batch in batched(rows):
        Session.objects.bulk_create(batch)
    return len(rows)


# --- participation


def _invitation(ctx: DemoContext, engagement: Engagement) -> tuple[str, bool | None]:
    if engagement.status == EngagementStatus.PLANNED:
        return InvitationState.DRAFT, None
    if engagement.status == EngagementStatus.INVITATIONS_SENT:
        state = weighted(
            ctx.rng,
            (
                (InvitationState.SENT, 4),
                (InvitationState.ACCEPTED, 5),
                (InvitationState.DECLINED, 1),
            ),
        )
        return state, None
    state = weighted(
        ctx.rng,
        (
            (InvitationState.ACCEPTED, 16),
            (InvitationState.DECLINED, 2),
            (InvitationState.NO_REPLY, 2),
        ),
    )
    return state, (ctx.rng.random() < 0.9) if state == InvitationState.ACCEPTED else False


def _compensation(ctx: DemoContext, engagement: Engagement, eligible: bool) -> dict:
    if not (engagement.is_compensation_offered and eligible):
        return {}
    past = engagement.status in {
        EngagementStatus.HELD,
        EngagementStatus.DEBRIEFED,
        EngagementStatus.LOOP_CLOSED,
    }
    if ctx.rng.random() < 0.15:
        return {
            "compensation_status": CompensationStatus.OFFERED,
            "compensation_in_kind": "Data bundle",
        }
    return {
        "compensation_status": CompensationStatus.PAID if past else CompensationStatus.OFFERED,
        "compensation_amount": Decimal(ctx.rng.choice((50, 100, 150, 250))),
        "compensation_currency": ctx.rng.choice(CURRENCIES),
    }


def _create_participations(ctx: DemoContext, engagements, people) -> None:
    """Most invitees are drawn from the whole registry; a small "usual suspects" pool is
    invited again and again in the last months, as happens without a fatigue check."""
    rng = ctx.rng
    usual = rng.sample(people, k=max(8, len(people) // 40))
    window_start = ctx.today - datetime.timedelta(days=ctx.workspace.fatigue_window_days)
    task = ctx.progress.start("participations", len(engagements))
    rows: list[Participation] = []
    total = 0
    for engagement in engagements:
        size = 1 if engagement.format == EngagementFormat.INTERVIEW else rng.randint(4, 10)
        recent = engagement.starts_on >= window_start
        chosen: dict[int, tuple] = {}
        for _ in range(size):
            pool = usual if recent and rng.random() < 0.5 else people
            person = rng.choice(pool)
            chosen[person[0]] = person
        for pk, relation, eligible in chosen.values():
            state, attended = _invitation(ctx, engagement)
            rows.append(
                Participation(
                    workspace=ctx.workspace,
                    engagement_id=engagement.pk,
                    stakeholder_id=pk,
                    role=ParticipationRole.PARTICIPANT,
                    representation=DEFAULT_REPRESENTATION.get(relation, "direct"),
                    representation_basis="Mandated by the members' assembly"
                    if relation == "legitimate_representative"
                    else "",
                    invitation_state=state,
                    invitation_sent_at=engagement.invitations_sent_at
                    if state != InvitationState.DRAFT
                    else None,
                    attended=attended,
                    needs_interpretation=rng.random() < 0.08,
                    engaged_on=engagement.starts_on,
                    **_compensation(ctx, engagement, eligible),
                )
            )
        if len(rows) >= 5000:
            Participation.objects.bulk_create(rows, batch_size=2000)
            total += len(rows)
            rows = []
        ctx.progress.advance(task, 1)
    Participation.objects.bulk_create(rows, batch_size=2000)
    ctx.counts["participations"] = total + len(rows)


def _refresh_last_engaged(ctx: DemoContext) -> None:
    """A stakeholder's last engagement date follows their participation in held ones."""
    latest = (
        Participation.objects.filter(
            stakeholder=OuterRef("pk"),
            engagement__held_at__isnull=False,
        )
        .exclude(attended=False)
        .values("stakeholder")
        .annotate(last=Max("engaged_on"))
        .values("last")
    )
    later = Q(last_engaged_on__isnull=True) | Q(last_engaged_on__lt=Subquery(latest))
    Stakeholder.objects.filter(workspace=ctx.workspace).filter(
        later,
        pk__in=Participation.objects.filter(
            workspace=ctx.workspace, engagement__held_at__isnull=False
        ).values("stakeholder_id"),
    ).update(last_engaged_on=Subquery(latest))
