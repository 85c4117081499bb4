"""Demo advisory councils: one per workspace, with members on staggered terms (one due for
rotation soon, one past) and quarterly meetings held as "advisory council meeting"
engagements, so the council page, the rotation reminders and the timelines have data."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from heard.core.models import Role
from heard.councils.models import Council, CouncilMeeting, CouncilMember, CouncilRole
from heard.demo.generate import DemoContext
from heard.engagements.models import (
    Engagement,
    EngagementFormat,
    EngagementStatus,
    InvitationState,
    Mode,
    Participation,
    Session,
)
from heard.engagements.services.engagements import engagement_search_text
from heard.stakeholders.models import Category, SafetyLevel, Stakeholder

SEATS = 9
MEETINGS = 4
VOICES = (
    Category.CSO_REPRESENTATIVE,
    Category.EXPERT_ACADEMIC,
    Category.LIVED_EXPERIENCE,
    Category.COMMUNITY_MEMBER,
    Category.HRD_JOURNALIST,
)
TERMS_OF_REFERENCE = (
    "The council advises {company} on the human rights impacts of its products, policies and "
    "market entries, across their whole lifecycle.\n\n"
    "Members serve two-year terms, renewable once, and are compensated for their time. "
    "Meetings are held under the Chatham House rule. The company shares in advance what it "
    "can and cannot discuss, and reports back within 60 days on what it did with the "
    "council's advice, and why."
)


def create_councils(ctx: DemoContext) -> None:
    """One council with members and meetings."""
    workspace, rng, today = ctx.workspace, ctx.rng, ctx.today
    council = Council.objects.create(
        workspace=workspace,
        name=f"{workspace.name} Human Rights Advisory Council",
        terms_of_reference=TERMS_OF_REFERENCE.format(company=workspace.name),
        convener=ctx.members.get(Role.MANAGER),
        reminder_days=60,
        created_at=ctx.days_ago(720),
    )
    pool = list(
        Stakeholder.objects.for_workspace(workspace)
        .active()
        .filter(category__in=VOICES)
        .exclude(safety_level=SafetyLevel.HIGH_RISK)
        .order_by("pk")
        .values_list("pk", flat=True)[:300]
    )
    chosen = rng.sample(pool, min(SEATS + 1, len(pool)))
    members = []
    for index, stakeholder_id in enumerate(chosen):
        start, end = _term(today, index, rng)
        members.append(
            CouncilMember(
                workspace=workspace,
                council=council,
                stakeholder_id=stakeholder_id,
                role=CouncilRole.CHAIR if index == 0 else CouncilRole.MEMBER,
                term_start=start,
                term_end=end,
                created_at=ctx.days_ago((today - start).days),
            )
        )
    CouncilMember.objects.bulk_create(members)
    current = [m for m in members if m.term_start <= today <= m.term_end]
    meetings = _meetings(ctx, council, current)
    ctx.counts["advisory councils"] = 1
    ctx.counts["council members"] = len(members)
    ctx.counts["council meetings"] = meetings


def _term(today: datetime.date, index: int, rng) -> tuple[datetime.date, datetime.date]:
    """Staggered two-year terms: the chair well in, one ending within weeks (a rotation
    reminder is due), the last one already over."""
    if index == 1:
        end = today + datetime.timedelta(days=rng.randint(10, 40))
    elif index == SEATS:
        end = today - datetime.timedelta(days=rng.randint(60, 200))
    else:
        end = today + datetime.timedelta(days=rng.randint(90, 700))
    return end - datetime.timedelta(days=730), end


def _meetings(ctx: DemoContext, council: Council, members: list[CouncilMember]) -> int:
    """Quarterly meetings: three held, one planned; current members invited to each."""
    workspace, rng, today = ctx.workspace, ctx.rng, ctx.today
    zone = ZoneInfo(workspace.time_zone)
    count = 0
    for quarter in range(MEETINGS):
        day = today + datetime.timedelta(days=30 - 91 * (MEETINGS - 1 - quarter))
        held = day < today
        starts = datetime.datetime.combine(day, datetime.time(15, 0), tzinfo=zone)
        engagement = Engagement(
            workspace=workspace,
            title=f"{council.name}: meeting {day:%B %Y}",
            status=EngagementStatus.DEBRIEFED if held else EngagementStatus.INVITATIONS_SENT,
            format=EngagementFormat.ADVISORY_COUNCIL,
            mode=Mode.HYBRID,
            purpose="Quarterly meeting of the advisory council.",
            learning_goals="The council's advice on the most salient impacts of the quarter.",
            owner=council.convener,
            languages=["en"],
            is_compensation_offered=True,
            compensation_details="Honorarium per meeting, paid to every member.",
            starts_on=day,
            held_at=starts if held else None,
            created_at=ctx.now - datetime.timedelta(days=max(0, (today - day).days) + 30),
        )
        engagement.search_text = engagement_search_text(engagement)
        engagement.save()
        Session.objects.create(
            workspace=workspace,
            engagement=engagement,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            time_zone=workspace.time_zone,
        )
        Participation.objects.bulk_create(
            Participation(
                workspace=workspace,
                engagement=engagement,
                stakeholder_id=m.stakeholder_id,
                invitation_state=InvitationState.ACCEPTED,
                attended=(rng.random() < 0.85) if held else None,
                compensation_status="paid" if held else "offered",
                engaged_on=day,
            )
            for m in members
        )
        CouncilMeeting.objects.create(council=council, engagement=engagement)
        count += 1
    return count
