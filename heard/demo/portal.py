"""Demo data for the stakeholder portal: portal access for everyone who gave input (with a
language preference from their own languages), and "did you feel heard" answers from about a
third of the participants of held engagements — so the portal and its survey have something
to show. `heard portal_link <workspace> --email …` prints a link to try it."""

from __future__ import annotations

from heard.demo.generate import DemoContext, batched
from heard.engagements.models import EngagementStatus, InvitationState, Participation
from heard.feedback.models import Input
from heard.portal.models import ContactChannel, PortalAccess, SurveyAnswer
from heard.stakeholders.models import StakeholderLanguage

HELD = (EngagementStatus.HELD, EngagementStatus.DEBRIEFED, EngagementStatus.LOOP_CLOSED)
PORTAL_LANGUAGES = ("en", "fr", "es", "ar")
COMMENTS = (
    "",
    "",
    "Thank you for explaining the decision.",
    "I would like to know sooner what happens next.",
    "The interpretation made it possible for me to take part.",
    "Please share the summary in Spanish too.",
)


def create_portal(ctx: DemoContext) -> None:
    """Portal access rows and survey answers, in bulk."""
    ws = ctx.workspace
    people = sorted(
        set(
            Input.objects.filter(workspace=ws, stakeholder__isnull=False).values_list(
                "stakeholder_id", flat=True
            )
        )
    )
    languages: dict[int, str] = {}
    for sid, code in StakeholderLanguage.objects.filter(
        stakeholder_id__in=people, code__in=PORTAL_LANGUAGES
    ).values_list("stakeholder_id", "code"):
        languages.setdefault(sid, code)
    channels = [c.value for c in ContactChannel] + ["", ""]
    accesses = [
        PortalAccess(
            workspace=ws,
            stakeholder_id=sid,
            language=languages.get(sid, ""),
            contact_channel=ctx.rng.choice(channels),
        )
        for sid in people
    ]
    for batch in batched(accesses):
        PortalAccess.objects.bulk_create(batch, ignore_conflicts=True)
    participations = list(
        Participation.objects.filter(workspace=ws, engagement__status__in=HELD)
        .exclude(invitation_state=InvitationState.DECLINED)
        .order_by("pk")
        .values_list("engagement_id", "stakeholder_id")
    )
    answers = []
    for engagement_id, stakeholder_id in participations:
        if ctx.rng.random() > 0.33:
            continue
        felt = ctx.rng.choices((1, 2, 3, 4, 5), weights=(1, 2, 3, 5, 4))[0]
        answers.append(
            SurveyAnswer(
                workspace=ws,
                engagement_id=engagement_id,
                stakeholder_id=stakeholder_id,
                felt_heard=felt,
                understood_outcome=max(1, min(5, felt + ctx.rng.choice((-1, 0, 0, 1)))),
                would_take_part_again=max(1, min(5, felt + ctx.rng.choice((0, 0, 1)))),
                comment=ctx.rng.choice(COMMENTS),
                created_at=ctx.now,
            )
        )
    for batch in batched(answers):
        SurveyAnswer.objects.bulk_create(batch, ignore_conflicts=True)
    ctx.counts["portal accesses"] = len(accesses)
    ctx.counts["survey answers"] = len(answers)
