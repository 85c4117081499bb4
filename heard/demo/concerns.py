"""Demo concerns: an open public channel for acme (closed for globex), and concerns at every
step — received, overdue, assessed, decided with reasons, remedied, closed with a fairness
rating, not admissible — so the list, a detail page, the status page and the channel figures
have something to show. Rows are bulk-inserted without per-row audit entries, as the rest of
the demo is."""

from __future__ import annotations

import datetime

from heard.concerns.models import (
    Concern,
    ConcernChannel,
    ConcernChannelSettings,
    ConcernEvent,
    ConcernOutcome,
    ConcernStatus,
    EventKind,
    Remedy,
    RemedyKind,
    RemedyStatus,
)
from heard.concerns.references import new_reference
from heard.core.models import Role
from heard.core.search import normalise
from heard.demo.generate import DemoContext
from heard.impacts.models import Initiative

OPEN_CHANNEL = {"acme"}
STORIES = (
    (
        "My account was suspended after I reported harassment, and the appeal never answered.",
        "Appeals",
    ),
    ("The photo app tagged my face in strangers' albums without asking me.", "Photos"),
    ("Automatic translation labelled my posts in Amharic as hate speech.", "Translation"),
    ("Location sharing was on by default and a former partner found me.", "Maps"),
    ("Union organisers' posts were removed during the strike as spam.", ""),
    ("The age check asked my 15-year-old for a passport scan and stored it.", "Sign-up"),
    ("Captions are missing in live streams, so deaf users cannot follow.", "Live"),
    ("Our community's land rights videos were demoted as 'borderline'.", ""),
)
# (status, outcome, days ago raised, rating)
PLAN = (
    (ConcernStatus.RECEIVED, "", 1, None),
    (ConcernStatus.RECEIVED, "", 12, None),  # overdue for acknowledgement
    (ConcernStatus.ACKNOWLEDGED, "", 9, None),
    (ConcernStatus.ASSESSING, "", 25, None),
    (ConcernStatus.ASSESSING, "", 75, None),  # overdue for the outcome
    (ConcernStatus.OUTCOME_DECIDED, ConcernOutcome.NOT_UPHELD, 50, 2),
    (ConcernStatus.REMEDY_IN_PROGRESS, ConcernOutcome.UPHELD, 70, None),
    (ConcernStatus.CLOSED, ConcernOutcome.PARTLY_UPHELD, 120, 4),
    (ConcernStatus.CLOSED, ConcernOutcome.UPHELD, 200, 5),
    (ConcernStatus.CLOSED, ConcernOutcome.REFERRED, 160, 3),
    (ConcernStatus.NOT_ADMISSIBLE, "", 40, None),
)
CHANNELS = list(ConcernChannel.values)
REACHED = {
    ConcernStatus.RECEIVED: 0,
    ConcernStatus.ACKNOWLEDGED: 1,
    ConcernStatus.ASSESSING: 2,
    ConcernStatus.OUTCOME_DECIDED: 3,
    ConcernStatus.REMEDY_IN_PROGRESS: 4,
    ConcernStatus.CLOSED: 5,
    ConcernStatus.NOT_ADMISSIBLE: 1,
}


def create_concerns(ctx: DemoContext) -> None:
    """The channel settings and a set of concerns with their timeline and remedies."""
    ws = ctx.workspace
    settings = ConcernChannelSettings.objects.create(
        workspace=ws,
        is_enabled=ws.slug in OPEN_CHANNEL,
        intro_text="Tell us if one of our apps harmed you or someone else, or may do so.",
    )
    handler = ctx.members.get(Role.EDITOR) or ctx.members.get(Role.OWNER)
    initiatives = list(Initiative.objects.filter(workspace=ws).order_by("pk")[:4])
    concerns = [_concern(ctx, settings, i, row, initiatives, handler) for i, row in enumerate(PLAN)]
    Concern.objects.bulk_create(concerns)
    events, remedies = [], []
    for concern, (status, outcome, _days, _rating) in zip(concerns, PLAN, strict=True):
        events += _events(ctx, concern, status, handler)
        if outcome in (ConcernOutcome.UPHELD, ConcernOutcome.PARTLY_UPHELD):
            done = status == ConcernStatus.CLOSED
            remedies.append(
                Remedy(
                    workspace=ws,
                    concern=concern,
                    kind=RemedyKind.PRODUCT_CHANGE if done else RemedyKind.APOLOGY,
                    description="The default was changed and the person told in writing."
                    if done
                    else "A written apology from the product lead.",
                    status=RemedyStatus.PROVIDED if done else RemedyStatus.IN_PROGRESS,
                    provided_at=concern.closed_at if done else None,
                    due_on=None if done else ctx.today + datetime.timedelta(days=10),
                )
            )
    ConcernEvent.objects.bulk_create(events)
    Remedy.objects.bulk_create(remedies)
    ctx.counts["concerns"] = len(concerns)


def _concern(ctx, settings, i, row, initiatives, handler) -> Concern:
    status, outcome, days, rating = row
    text, product = STORIES[i % len(STORIES)]
    raised = ctx.days_ago(days)
    day = raised.date()
    reached = REACHED[status]
    anonymous = i % 3 == 0
    concern = Concern(
        workspace=ctx.workspace,
        reference=new_reference(),
        description=text,
        product_named=product,
        initiative=initiatives[i % len(initiatives)] if initiatives and reached >= 2 else None,
        right_codes=["iccpr-17"] if reached >= 2 else [],
        channel=CHANNELS[i % len(CHANNELS)],
        raised_at=raised,
        is_anonymous=anonymous,
        contact_email="" if anonymous else f"raiser{i}@example.org",
        language=("en", "fr", "es", "ar")[i % 4],
        status=status,
        handler=handler if reached >= 1 else None,
        acknowledge_due_on=day + datetime.timedelta(days=settings.acknowledgement_days),
        assessment_due_on=day + datetime.timedelta(days=settings.assessment_days),
        outcome_due_on=day + datetime.timedelta(days=settings.outcome_days),
        acknowledged_at=raised + datetime.timedelta(days=2) if reached >= 1 else None,
        assessment_started_at=raised + datetime.timedelta(days=6) if reached >= 2 else None,
        assessment_notes="Checked the logs and the default settings." if reached >= 2 else "",
        outcome=outcome,
        outcome_reasons="We reviewed the logs and the setting's history with the team."
        if outcome
        else "",
        outcome_decided_at=raised + datetime.timedelta(days=40) if reached >= 3 else None,
        satisfaction_rating=rating,
        satisfaction_given_at=ctx.now if rating else None,
    )
    if status == ConcernStatus.NOT_ADMISSIBLE:
        concern.inadmissible_reasons = (
            "This is about another company's app; we told you whom to contact."
        )
        concern.closed_at = raised + datetime.timedelta(days=3)
    if status == ConcernStatus.CLOSED:
        concern.closed_at = raised + datetime.timedelta(days=90)
    concern.due_on = {
        ConcernStatus.RECEIVED: concern.acknowledge_due_on,
        ConcernStatus.ACKNOWLEDGED: concern.assessment_due_on,
        ConcernStatus.ASSESSING: concern.outcome_due_on,
        ConcernStatus.REMEDY_IN_PROGRESS: ctx.today + datetime.timedelta(days=10),
    }.get(status)
    concern.search_text = normalise(concern.reference, text, product)
    return concern


def _events(ctx, concern, status, handler) -> list[ConcernEvent]:
    reached = REACHED[status]
    steps = [(EventKind.RECEIVED, concern.raised_at, None)]
    if reached >= 1 and status != ConcernStatus.NOT_ADMISSIBLE:
        steps.append((EventKind.ACKNOWLEDGED, concern.acknowledged_at, handler))
    if reached >= 2:
        steps.append((EventKind.ASSESSING, concern.assessment_started_at, handler))
    if reached >= 3:
        steps.append((EventKind.OUTCOME, concern.outcome_decided_at, handler))
    if reached >= 4:
        steps.append((EventKind.REMEDY, concern.outcome_decided_at, handler))
    if status == ConcernStatus.CLOSED:
        steps.append((EventKind.CLOSED, concern.closed_at, handler))
    if status == ConcernStatus.NOT_ADMISSIBLE:
        steps.append((EventKind.NOT_ADMISSIBLE, concern.closed_at, handler))
    return [
        ConcernEvent(
            workspace=ctx.workspace,
            concern=concern,
            kind=kind,
            at=at,
            actor=actor,
            actor_label=actor.email if actor else "public form",
            is_person_emailed=bool(concern.contact_email),
        )
        for kind, at, actor in steps
    ]
