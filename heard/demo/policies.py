"""Demo policies and policy forums: policies with several versions (one reopened after new
input, one in consultation, one draft), and one forum at each stage of the seed's three steps,
two of them with published minutes, redacted exactly as the service redacts them."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from heard.core.models import Role
from heard.demo.generate import DemoContext
from heard.engagements.models import (
    Engagement,
    EngagementFormat,
    EngagementStatus,
    InvitationState,
    Mode,
    Participation,
    ParticipationRole,
    Session,
)
from heard.engagements.services.engagements import engagement_search_text
from heard.feedback.models import Input
from heard.policies import redaction
from heard.policies.models import (
    ForumMeeting,
    ForumMinutes,
    ForumStage,
    MinutesStatus,
    Policy,
    PolicyArea,
    PolicyForum,
    PolicyVersion,
    VersionStatus,
)
from heard.policies.services.minutes import participant_terms
from heard.stakeholders.models import Category, SafetyLevel, Stakeholder

VOICES = (
    Category.CSO_REPRESENTATIVE,
    Category.EXPERT_ACADEMIC,
    Category.HRD_JOURNALIST,
    Category.LIVED_EXPERIENCE,
    Category.COMMUNITY_MEMBER,
)

HATE_V1 = """# Scope
This policy covers hateful conduct on our services: posts, comments, profiles and messages.

# What is not allowed
- Slurs used to attack people for a protected characteristic.
- Dehumanising comparisons of people with animals, diseases or filth.
- Calls for exclusion or segregation of a protected group.

# Enforcement
Content that breaks this policy is removed. Repeated breaches lead to suspension.

# Appeals
Anyone whose content is removed may appeal once."""

HATE_V2 = """# Scope
This policy covers hateful conduct on our services: posts, comments, profiles, messages and \
live audio.

# What is not allowed
- Slurs and coded slurs used to attack people for a protected characteristic, in every \
language we moderate.
- Dehumanising comparisons of people with animals, diseases or filth.
- Calls for exclusion or segregation of a protected group.

# Context we consider
Counter-speech, news reporting and reclaimed use by the targeted group are allowed when the \
intent is clear.

# Enforcement
Content that breaks this policy is removed. Repeated breaches lead to suspension.

# Appeals
Anyone whose content is removed may appeal; appeals are reviewed by a person who speaks the \
language of the content, within seven days."""

DATA_V1 = """# Scope
How we answer requests from governments for user data.

# Principles
- We require valid legal process.
- We disclose the minimum data the request lawfully requires.

# Transparency
We publish the number of requests we receive every year."""

DATA_V2 = DATA_V1.replace(
    "- We disclose the minimum data the request lawfully requires.",
    "- We disclose the minimum data the request lawfully requires.\n"
    "- We assess the human rights risk of each request, with more scrutiny where defenders and "
    "journalists are at risk.\n"
    "- We notify the user unless the law forbids it.",
).replace("every year.", "every six months, by country.")

AI_V1 = """# Scope
How automated systems take part in content moderation.

# Human review
Automated removals of content about protected groups are reviewed by a person.

# Accuracy
We measure error rates per language and publish them."""

CRISIS_V1 = """# Scope
What changes on our services during an armed conflict, an election crisis or unrest.

# Activation
A crisis is declared by the trust and safety lead with the human rights team."""

POLICIES = (
    # title, area, [(text, summary, status, days ago published, reopen reason)]
    (
        "Hateful conduct",
        PolicyArea.CONTENT,
        [
            (
                HATE_V1,
                "",
                VersionStatus.REOPENED,
                420,
                "Civil society organisations showed that coded slurs in regional languages pass "
                "our filters; the policy forum asked for it to be reopened.",
            ),
            (
                HATE_V2,
                "We heard that coded slurs in regional languages were missed, that counter-speech "
                "was removed, and that appeals took weeks. We added coded slurs and live audio, "
                "protected counter-speech and reclaimed use, and set a seven-day appeal review by "
                "a speaker of the language. We did not adopt a ban on all satire.",
                VersionStatus.PUBLISHED,
                60,
                "",
            ),
        ],
    ),
    (
        "Government requests for user data",
        PolicyArea.EXPRESSION,
        [
            (
                DATA_V1,
                "",
                VersionStatus.REOPENED,
                500,
                "New input from journalists' organisations on the risk of disclosing data about "
                "human rights defenders.",
            ),
            (
                DATA_V2,
                "Human rights risk assessment per request; user notification; transparency "
                "reports every six months.",
                VersionStatus.IN_CONSULTATION,
                None,
                "",
            ),
        ],
    ),
    (
        "Automated moderation",
        PolicyArea.AI,
        [(AI_V1, "", VersionStatus.PUBLISHED, 200, "")],
    ),
    (
        "Crisis protocol",
        PolicyArea.SAFETY,
        [(CRISIS_V1, "", VersionStatus.DRAFT, None, "")],
    ),
)

GLOSSARY = [
    {
        "term": "Coded slur",
        "definition": "A word or symbol that stands for a slur to avoid detection.",
    },
    {"term": "Counter-speech", "definition": "Speech that answers hate, often by quoting it."},
    {
        "term": "Legal process",
        "definition": "A court order, warrant or subpoena that obliges us to act.",
    },
    {
        "term": "Proportionality",
        "definition": "Doing no more than is needed to reach a legitimate aim.",
    },
]

# Forum stages held, per demo forum: complete, at step 3, at step 2 (minutes awaiting
# approval), at step 1 (pre-consultation planned).
FORUMS = (
    ("Hateful conduct", "Policy forum on hateful conduct", "complete"),
    ("Automated moderation", "Policy forum on automated moderation", "step3"),
    ("Government requests for user data", "Policy forum on government data requests", "step2"),
    ("Crisis protocol", "Policy forum on the crisis protocol", "step1"),
)
STAGES_HELD = {
    "complete": [s.value for s in ForumStage],
    "step3": [
        ForumStage.PRE_CONSULTATION,
        ForumStage.BRIEFING,
        ForumStage.INTERNAL_MEETING,
        ForumStage.DEBRIEF,
    ],
    "step2": [ForumStage.PRE_CONSULTATION, ForumStage.BRIEFING, ForumStage.INTERNAL_MEETING],
    "step1": [],
}
STAGES_PLANNED = {
    "complete": [],
    "step3": [ForumStage.POST_ENGAGEMENT],
    "step2": [ForumStage.DEBRIEF],
    "step1": [ForumStage.PRE_CONSULTATION],
}
MINUTES_STATE = {
    "complete": MinutesStatus.PUBLISHED,
    "step3": MinutesStatus.PUBLISHED,
    "step2": MinutesStatus.REDACTED,
}


def create_policies(ctx: DemoContext) -> None:
    """Policies with versions and input considered, and four forums at different stages."""
    inputs = list(
        Input.objects.for_workspace(ctx.workspace)
        .filter(merged_into__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:60]
    )
    policies = {}
    for number, (title, area, versions) in enumerate(POLICIES):
        policies[title] = _policy(
            ctx, title, area, versions, inputs[number * 12 : (number + 1) * 12]
        )
    pool = list(
        Stakeholder.objects.for_workspace(ctx.workspace)
        .active()
        .filter(category__in=VOICES)
        .exclude(safety_level=SafetyLevel.HIGH_RISK)
        .select_related("organisation")
        .order_by("pk")[:200]
    )
    forums = published = 0
    for policy_title, title, state in FORUMS:
        forum = _forum(ctx, policies[policy_title], title, state, pool)
        forums += 1
        published += int(MINUTES_STATE.get(state) == MinutesStatus.PUBLISHED and forum is not None)
    ctx.counts["policies"] = len(policies)
    ctx.counts["policy versions"] = sum(len(v) for _t, _a, v in POLICIES)
    ctx.counts["policy forums"] = forums
    ctx.counts["published minutes"] = published


def _policy(ctx: DemoContext, title, area, versions, inputs) -> Policy:
    owner = ctx.members.get(Role.MANAGER)
    policy = Policy.objects.create(
        workspace=ctx.workspace,
        title=title,
        area=area,
        owner=owner,
        description=f"The company's policy on {title.lower()}.",
        created_at=ctx.days_ago(600),
    )
    last = None
    for number, (text, summary, status, published_ago, reason) in enumerate(versions, 1):
        published_at = ctx.days_ago(published_ago) if published_ago is not None else None
        last = PolicyVersion.objects.create(
            workspace=ctx.workspace,
            policy=policy,
            number=number,
            text=text,
            summary_of_changes=summary,
            status=status,
            published_at=published_at,
            published_by=owner if published_at else None,
            consultation_started_at=ctx.days_ago((published_ago or 20) + 40),
            reopened_at=ctx.days_ago(published_ago - 30) if reason else None,
            reopened_by=owner if reason else None,
            reopen_reason=reason,
            created_at=ctx.days_ago((published_ago or 20) + 60),
        )
        if inputs:
            share = inputs[: 4 * number]
            last.considered_inputs.add(*share)
    if inputs:
        policy.related_inputs.add(*inputs)
    policy.status, policy.current_number = last.status, last.number
    policy.published_at = max(
        (v.published_at for v in policy.versions.all() if v.published_at), default=None
    )
    policy.save(update_fields=["status", "current_number", "published_at"])
    return policy


def _forum(ctx: DemoContext, policy: Policy, title: str, state: str, pool) -> PolicyForum:
    forum = PolicyForum.objects.create(
        workspace=ctx.workspace,
        policy=policy,
        version=policy.versions.order_by("-number").first(),
        title=title,
        owner=ctx.members.get(Role.EDITOR),
        glossary=GLOSSARY if state != "step1" else [],
        purpose="Show stakeholders how their feedback shaped the policy, and hear more.",
        created_at=ctx.days_ago(150),
    )
    stages = [(s, True) for s in STAGES_HELD[state]] + [(s, False) for s in STAGES_PLANNED[state]]
    for offset, (stage, held) in enumerate(stages):
        people = ctx.rng.sample(pool, min(len(pool), 4)) if pool else []
        engagement = _meeting(ctx, forum, stage, held, offset, people)
        ForumMeeting.objects.create(
            workspace=ctx.workspace, forum=forum, engagement=engagement, stage=stage
        )
    if state in MINUTES_STATE:
        _minutes(ctx, forum, MINUTES_STATE[state])
    return forum


def _meeting(ctx: DemoContext, forum, stage: str, held: bool, offset: int, people) -> Engagement:
    workspace = ctx.workspace
    day = (
        ctx.today - datetime.timedelta(days=120 - 20 * offset)
        if held
        else (ctx.today + datetime.timedelta(days=14 + offset))
    )
    starts = datetime.datetime.combine(
        day, datetime.time(14, 0), tzinfo=ZoneInfo(workspace.time_zone)
    )
    engagement = Engagement(
        workspace=workspace,
        title=f"{forum.title}: {ForumStage(stage).label}",
        status=EngagementStatus.DEBRIEFED if held else EngagementStatus.PLANNED,
        format=EngagementFormat.ROUNDTABLE
        if stage == ForumStage.PRE_CONSULTATION
        else EngagementFormat.POLICY_FORUM,
        mode=Mode.REMOTE,
        purpose=forum.purpose,
        owner=forum.owner,
        languages=["en"],
        glossary=forum.glossary if stage == ForumStage.POST_ENGAGEMENT else [],
        starts_on=day,
        held_at=starts if held else None,
        created_at=ctx.days_ago(160),
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
    role = (
        ParticipationRole.OBSERVER
        if stage in (ForumStage.BRIEFING, ForumStage.INTERNAL_MEETING, ForumStage.DEBRIEF)
        else ParticipationRole.PARTICIPANT
    )
    Participation.objects.bulk_create(
        Participation(
            workspace=workspace,
            engagement=engagement,
            stakeholder=person,
            role=role,
            invitation_state=InvitationState.ACCEPTED,
            attended=True if held else None,
            engaged_on=day,
        )
        for person in people
    )
    return engagement


def _minutes(ctx: DemoContext, forum: PolicyForum, status: str) -> ForumMinutes:
    """Minutes that name the observers, redacted by the same code the service uses."""
    observers = list(
        Participation.objects.for_workspace(ctx.workspace)
        .filter(
            engagement__forum_meetings__forum=forum,
            engagement__forum_meetings__stage=ForumStage.INTERNAL_MEETING,
        )
        .select_related("stakeholder", "stakeholder__organisation")[:3]
    )
    lines = [f"The policy team presented the changes to “{forum.policy.title}”."]
    for person in observers:
        org = person.stakeholder.organisation
        where = f" ({org.name})" if org else ""
        lines.append(
            f"{person.stakeholder.name}{where} asked how the feedback from the "
            "pre-consultation meetings was weighed, and which input was not adopted and why."
        )
    lines.append("The team agreed to explain the appeal timelines in plain language.")
    recorded = "\n\n".join(lines)
    terms = participant_terms(forum)
    redacted = redaction.redact(recorded, terms)
    editor, manager = ctx.members.get(Role.EDITOR), ctx.members.get(Role.MANAGER)
    approved = status in (MinutesStatus.APPROVED, MinutesStatus.PUBLISHED)
    return ForumMinutes.objects.create(
        workspace=ctx.workspace,
        forum=forum,
        status=status,
        recorded_text=recorded,
        recorded_by=editor,
        recorded_at=ctx.days_ago(70),
        redacted_text=redacted,
        redactions=[{"term": t.text, "kind": t.kind} for t in terms],
        redacted_by=editor,
        redacted_at=ctx.days_ago(68),
        approved_by=manager if approved else None,
        approved_at=ctx.days_ago(65) if approved else None,
        published_by=manager if status == MinutesStatus.PUBLISHED else None,
        published_at=ctx.days_ago(64) if status == MinutesStatus.PUBLISHED else None,
    )
