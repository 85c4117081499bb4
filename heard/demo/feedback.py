"""Demo feedback: inputs from held engagements, decisions with reasons, responses and
published summaries that close loops, some loops left overdue, conflicts, a merged duplicate,
and commitments with progress.

Deterministic from `ctx.rng`; bulk-inserted with the derived fields the services keep
(`Input.outcome`, `loop_due_on`, `loop_closed_at`, search text), so lists, the to-do and the
digests read demo rows exactly as rows made through the pages.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from heard.core.models import Role
from heard.core.search import normalise
from heard.demo.generate import DemoContext, batched, weighted
from heard.engagements.models import AttributionRule, Engagement, Participation
from heard.feedback.models import (
    Commitment,
    CommitmentStatus,
    CommitmentUpdate,
    Decision,
    EngagementSummary,
    Input,
    InputConflict,
    InputKind,
    InputSource,
    Outcome,
    Response,
    ResponseChannel,
)

# Per attended participant, how many inputs they gave.
INPUTS_PER_PERSON = ((0, 2), (1, 5), (2, 3), (3, 1))
KIND_WEIGHTS = (
    (InputKind.CONCERN, 40),
    (InputKind.RECOMMENDATION, 30),
    (InputKind.QUESTION, 12),
    (InputKind.EVIDENCE, 8),
    (InputKind.LIVED_EXPERIENCE, 7),
    (InputKind.GRIEVANCE, 3),
)
TEXTS = {
    "en": {
        "concern": "Automated removals about {topic} hit activists first; appeals go unanswered.",
        "recommendation": "Add a human review step for {topic} before accounts are suspended.",
        "question": "How will you measure the effect of {topic} changes on minority languages?",
        "evidence": "Our survey of 300 users on {topic} found most did not know how to appeal.",
        "lived_experience": "When my page was removed over {topic} I lost my income for weeks.",
        "grievance": "My account was banned under {topic} rules with no explanation.",
    },
    "fr": {
        "concern": "Les suppressions automatiques liées à {topic} touchent d'abord les militants.",
        "recommendation": "Ajoutez une vérification humaine pour {topic} avant toute suspension.",
        "question": "Comment mesurerez-vous l'effet de {topic} sur les langues locales ?",
        "evidence": "Notre enquête sur {topic} montre que la plupart ne savent pas faire appel.",
        "lived_experience": "Quand ma page a été supprimée pour {topic}, j'ai perdu mes revenus.",
        "grievance": "Mon compte a été suspendu pour {topic} sans aucune explication.",
    },
    "es": {
        "concern": "Las eliminaciones automáticas sobre {topic} afectan primero a los activistas.",
        "recommendation": "Añadan una revisión humana sobre {topic} antes de suspender cuentas.",
        "question": "¿Cómo medirán el efecto de los cambios de {topic} en las lenguas locales?",
        "evidence": "Nuestra encuesta sobre {topic} muestra que la mayoría no sabe apelar.",
        "lived_experience": "Cuando eliminaron mi página por {topic} perdí mis ingresos.",
        "grievance": "Suspendieron mi cuenta por {topic} sin ninguna explicación.",
    },
}
LANGUAGE_WEIGHTS = (("en", 70), ("fr", 15), ("es", 15))
OUTCOME_WEIGHTS = (
    (Outcome.ADOPTED, 30),
    (Outcome.PARTLY_ADOPTED, 25),
    (Outcome.NOT_ADOPTED, 15),
    (Outcome.DEFERRED, 15),
    (Outcome.REFERRED, 10),
    (Outcome.OUT_OF_SCOPE, 5),
)
RATIONALES = {
    Outcome.PARTLY_ADOPTED: "We added human review for suspensions, not yet for removals.",
    Outcome.NOT_ADOPTED: "Local law requires removal within 24 hours; we cannot wait for review.",
    Outcome.DEFERRED: "Needs the new classifier, planned for next year.",
    Outcome.REFERRED: "The integrity team owns this decision.",
    Outcome.OUT_OF_SCOPE: "This concerns a partner's service, not ours.",
}
RISK = "Monthly sampling of removals by the human rights team, with a report to the council."
COMMITMENTS = (
    "Human review before account suspension",
    "Appeals answered within 7 days",
    "Moderators for Swahili and Hausa",
    "Publish removal statistics by language",
    "Plain-language notices of rule changes",
    "Annual audit of the age assurance vendor",
)


def create_feedback(ctx: DemoContext) -> None:
    """Inputs for held engagements, with decisions, responses, summaries and commitments."""
    engagements = list(
        Engagement.objects.filter(workspace=ctx.workspace, held_at__isnull=False).order_by("pk")
    )
    if not engagements:
        return
    inputs = _create_inputs(ctx, engagements)
    decided = _create_decisions(ctx, inputs)
    _close_loops(ctx, engagements, inputs, decided)
    _create_conflicts_and_duplicate(ctx, inputs)
    _create_commitments(ctx, inputs, decided)


def _attendees(ctx: DemoContext) -> dict[int, list[int]]:
    rows = (
        Participation.objects.filter(workspace=ctx.workspace, engagement__held_at__isnull=False)
        .exclude(attended=False)
        .order_by("pk")
        .values_list("engagement_id", "stakeholder_id")
    )
    people: dict[int, list[int]] = defaultdict(list)
    for engagement_id, stakeholder_id in rows:
        people[engagement_id].append(stakeholder_id)
    return people


def _create_inputs(ctx: DemoContext, engagements: list[Engagement]) -> list[Input]:
    rng, days = ctx.rng, ctx.workspace.loop_closure_days
    recorder = ctx.members.get(Role.EDITOR)
    people = _attendees(ctx)
    rows: list[Input] = []
    task = ctx.progress.start("inputs", len(engagements))
    for engagement in engagements:
        topic = engagement.title.split(":")[-1].strip().lower() or "content moderation"
        anonymous = engagement.attribution_rule == AttributionRule.ANONYMOUS
        due = engagement.held_at.date() + datetime.timedelta(days=days)
        for stakeholder_id in people.get(engagement.pk, ()):
            for _ in range(int(weighted(rng, INPUTS_PER_PERSON))):
                kind = weighted(rng, KIND_WEIGHTS)
                language = weighted(rng, LANGUAGE_WEIGHTS)
                text = TEXTS[language][kind].format(topic=topic)
                rows.append(
                    Input(
                        workspace=ctx.workspace,
                        text=text,
                        kind=kind,
                        stakeholder_id=None if anonymous else stakeholder_id,
                        is_anonymous=anonymous,
                        engagement_id=engagement.pk,
                        language=language,
                        source=InputSource.SESSION if rng.random() < 0.7 else InputSource.MINUTES,
                        recorded_by=recorder,
                        created_at=engagement.held_at
                        + datetime.timedelta(hours=rng.randint(1, 30)),
                        loop_due_on=due,
                        search_text=normalise(text),
                    )
                )
        ctx.progress.advance(task, 1)
    for batch in batched(rows, 5000):
        Input.objects.bulk_create(batch, batch_size=2000)
    by_pk = {e.pk: e for e in engagements}
    for row in rows:
        row.engagement = by_pk[row.engagement_id]
    ctx.counts["inputs"] = len(rows)
    return rows


def _create_decisions(ctx: DemoContext, inputs: list[Input]) -> dict[int, Decision]:
    """A decision for most inputs older than two weeks; a few revised (two versions)."""
    rng = ctx.rng
    decider = ctx.members.get(Role.MANAGER)
    decisions: list[Decision] = []
    current: dict[int, Decision] = {}
    for row in inputs:
        age = (ctx.now - row.created_at).days
        if age < 14 or rng.random() > 0.8:
            continue
        outcome = weighted(rng, OUTCOME_WEIGHTS)
        decided_at = row.created_at + datetime.timedelta(days=rng.randint(3, 20))
        versions = 2 if rng.random() < 0.05 else 1
        for version in range(1, versions + 1):
            final = version == versions
            chosen = outcome if final else Outcome.DEFERRED
            decision = Decision(
                workspace=ctx.workspace,
                input_id=row.pk,
                version=version,
                outcome=chosen,
                rationale=RATIONALES.get(chosen, ""),
                risk_management=RISK if chosen not in (Outcome.ADOPTED, Outcome.REFERRED) else "",
                referred_to_team="Integrity" if chosen == Outcome.REFERRED else "",
                decided_by=decider,
                decided_at=decided_at - datetime.timedelta(days=versions - version),
                is_current=final,
                created_at=decided_at,
            )
            decisions.append(decision)
            if final:
                current[row.pk] = decision
                row.outcome = chosen
    for batch in batched(decisions, 5000):
        Decision.objects.bulk_create(batch, batch_size=2000)
    Input.objects.bulk_update([r for r in inputs if r.outcome], ["outcome"], batch_size=2000)
    ctx.counts["decisions"] = len(decisions)
    return current


def _close_loops(ctx, engagements, inputs, decided) -> None:
    """Responses to most stakeholders of older engagements whose inputs are all decided;
    published summaries for most anonymous and Chatham House engagements. The rest stay
    open, and those past their due date are the overdue loops of the demo."""
    rng = ctx.rng
    by_person: dict[tuple[int, int], list[Input]] = defaultdict(list)
    by_engagement: dict[int, list[Input]] = defaultdict(list)
    for row in inputs:
        by_engagement[row.engagement_id].append(row)
        if row.stakeholder_id:
            by_person[(row.engagement_id, row.stakeholder_id)].append(row)
    responses, links, closed = [], [], []
    for (engagement_id, stakeholder_id), rows in by_person.items():
        if not all(r.pk in decided for r in rows) or rng.random() > 0.75:
            continue
        sent_at = max(decided[r.pk].decided_at for r in rows) + datetime.timedelta(days=2)
        if sent_at > ctx.now:
            continue
        responses.append(
            Response(
                workspace=ctx.workspace,
                stakeholder_id=stakeholder_id,
                engagement_id=engagement_id,
                channel=weighted(
                    rng,
                    (
                        (ResponseChannel.EMAIL, 7),
                        (ResponseChannel.MEETING, 2),
                        (ResponseChannel.CALL, 1),
                    ),
                ),
                subject="What we did with your input",
                body="Thank you for your input. "
                + " ".join(f"{r.text} — {decided[r.pk].get_outcome_display()}." for r in rows),
                language=rows[0].language,
                sent_at=sent_at,
                created_at=sent_at,
                recorded_by=ctx.members.get(Role.EDITOR),
            )
        )
        links.append(rows)
        for r in rows:
            r.loop_closed_at = sent_at
            closed.append(r)
    for batch in batched(responses, 5000):
        Response.objects.bulk_create(batch, batch_size=2000)
    through = Response.inputs.through
    through.objects.bulk_create(
        (
            through(response_id=resp.pk, input_id=r.pk)
            for resp, rows in zip(responses, links, strict=True)
            for r in rows
        ),
        batch_size=5000,
    )
    summaries = []
    for engagement in engagements:
        if engagement.attribution_rule == AttributionRule.ATTRIBUTED_WITH_CONSENT:
            continue
        rows = [r for r in by_engagement.get(engagement.pk, ()) if r.pk in decided]
        if not rows or rng.random() > 0.7:
            continue
        published = max(decided[r.pk].decided_at for r in rows) + datetime.timedelta(days=5)
        if published > ctx.now:
            continue
        summaries.append(
            EngagementSummary(
                workspace=ctx.workspace,
                engagement=engagement,
                what_we_heard=f"{len(rows)} contributions on {engagement.title}.",
                what_we_did="We added human review to suspensions and publish removal statistics.",
                published_at=published,
                published_by=ctx.members.get(Role.MANAGER),
                created_at=published,
            )
        )
        for r in rows:
            if r.loop_closed_at is None or r.loop_closed_at > published:
                r.loop_closed_at = published
                closed.append(r)
    EngagementSummary.objects.bulk_create(summaries, batch_size=2000)
    Input.objects.bulk_update(
        list({r.pk: r for r in closed}.values()), ["loop_closed_at"], batch_size=2000
    )
    ctx.counts["responses"] = len(responses)
    ctx.counts["published summaries"] = len(summaries)


def _create_conflicts_and_duplicate(ctx: DemoContext, inputs: list[Input]) -> None:
    recommendations = [r for r in inputs if r.kind == InputKind.RECOMMENDATION][:40]
    pairs = list(zip(recommendations[::2], recommendations[1::2], strict=False))[:10]
    InputConflict.objects.bulk_create(
        InputConflict(
            workspace=ctx.workspace,
            first_id=min(a.pk, b.pk),
            second_id=max(a.pk, b.pk),
            note="One asks for faster removal, the other for more review before removal.",
        )
        for a, b in pairs
    )
    if len(inputs) > 2:
        keep, duplicate = inputs[0], inputs[1]
        Input.objects.filter(pk=duplicate.pk).update(
            merged_into=keep, archived_at=ctx.now, loop_closed_at=None, outcome=""
        )
    ctx.counts["conflicting pairs"] = len(pairs)


def _create_commitments(ctx: DemoContext, inputs: list[Input], decided: dict) -> None:
    rng = ctx.rng
    adopted = [r for r in inputs if r.outcome in (Outcome.ADOPTED, Outcome.PARTLY_ADOPTED)]
    owner = ctx.members.get(Role.MANAGER)
    updates = []
    for number, title in enumerate(COMMITMENTS):
        progress = [0, 20, 45, 70, 100, 100][number]
        status = (
            CommitmentStatus.DONE
            if progress == 100
            else CommitmentStatus.IN_PROGRESS
            if progress
            else CommitmentStatus.PLANNED
        )
        commitment = Commitment.objects.create(
            workspace=ctx.workspace,
            title=title,
            description="Promised in answer to stakeholder input.",
            owner=owner,
            due_on=ctx.today + datetime.timedelta(days=rng.randint(-30, 240)),
            status=status,
            progress=progress,
            is_public=number % 2 == 0,
            created_at=ctx.days_ago(200 - number * 10),
        )
        linked = rng.sample(adopted, min(len(adopted), 8)) if adopted else []
        commitment.inputs.set([r.pk for r in linked])
        commitment.decisions.set([decided[r.pk].pk for r in linked if r.pk in decided])
        for step in range(1, 4):
            if progress * step // 3 == 0:
                continue
            updates.append(
                CommitmentUpdate(
                    workspace=ctx.workspace,
                    commitment=commitment,
                    status=status if step == 3 else CommitmentStatus.IN_PROGRESS,
                    progress=progress * step // 3,
                    note=f"Step {step} of the plan completed.",
                    recorded_by=owner,
                    created_at=ctx.days_ago(90 - step * 20),
                )
            )
    CommitmentUpdate.objects.bulk_create(updates)
    ctx.counts["commitments"] = len(COMMITMENTS)
