"""What the portal reads: always one stakeholder's own records, in their workspace.

Every query starts from `for_workspace(stakeholder.workspace_id)` and filters on the
stakeholder, so another person's input or engagement is simply not found (a 404).
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from heard.engagements.models import (
    Engagement,
    EngagementStatus,
    InvitationState,
    Participation,
)
from heard.feedback.models import Commitment, Decision, EngagementSummary, Input, Response
from heard.policies.models import Policy
from heard.policies.models.choices import VersionStatus
from heard.portal.models import SurveyAnswer
from heard.stakeholders.models import Stakeholder

# Engagements take written input from their participants until they are debriefed.
TAKING_INPUT = (EngagementStatus.INVITATIONS_SENT, EngagementStatus.HELD)
HELD = (EngagementStatus.HELD, EngagementStatus.DEBRIEFED, EngagementStatus.LOOP_CLOSED)


def _participations(stakeholder: Stakeholder) -> QuerySet[Participation]:
    return (
        Participation.objects.for_workspace(stakeholder.workspace_id)
        .filter(stakeholder=stakeholder, archived_at__isnull=True)
        .exclude(invitation_state=InvitationState.DECLINED)
    )


def _my_engagements(stakeholder: Stakeholder) -> QuerySet[Engagement]:
    taken_part = _participations(stakeholder).values("engagement_id")
    return Engagement.objects.for_workspace(stakeholder.workspace_id).filter(
        pk__in=taken_part, archived_at__isnull=True
    )


# The stakeholder's inputs the portal shows: those still shown, and those merged into a similar
# input (the stakeholder still sees their own words, with the decision that now covers them).
# Two conditions rather than one OR, so that counts read a partial index each.
SHOWN = Q(archived_at__isnull=True, merged_into__isnull=True)
MERGED = Q(merged_into__isnull=False)


def _mine(stakeholder: Stakeholder) -> QuerySet[Input]:
    return Input.objects.for_workspace(stakeholder.workspace_id).filter(stakeholder=stakeholder)


def my_inputs(stakeholder: Stakeholder) -> QuerySet[Input]:
    """The stakeholder's own inputs: those shown and those merged into another."""
    return _mine(stakeholder).filter(SHOWN | MERGED).order_by("created_at", "pk")


def other_input_count(stakeholder: Stakeholder) -> int:
    """How many inputs the stakeholder gave outside any engagement."""
    return sum(
        _mine(stakeholder).filter(condition, engagement__isnull=True).count()
        for condition in (SHOWN, MERGED)
    )


def home_participations(stakeholder: Stakeholder) -> QuerySet[Participation]:
    """The engagements the stakeholder takes or took part in, newest first, with whether
    they answered the survey."""
    answered = SurveyAnswer.objects.filter(
        stakeholder=stakeholder, engagement=OuterRef("engagement_id")
    )
    return (
        _participations(stakeholder)
        .filter(engagement__archived_at__isnull=True)
        .select_related("engagement")
        .annotate(has_survey_answer=Exists(answered))
        .order_by("-engaged_on", "-pk")
    )


def input_counts(stakeholder: Stakeholder, engagement_ids) -> dict[int, int]:
    """{engagement id: the stakeholder's inputs there} for one page of engagements."""
    counts: dict[int, int] = {}
    for condition in (SHOWN, MERGED):
        rows = (
            _mine(stakeholder)
            .filter(condition, engagement_id__in=list(engagement_ids))
            .order_by()
            .values("engagement_id")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            counts[row["engagement_id"]] = counts.get(row["engagement_id"], 0) + row["n"]
    return counts


def open_engagements(stakeholder: Stakeholder) -> QuerySet[Engagement]:
    """Engagements the stakeholder takes part in that still take written input."""
    return _my_engagements(stakeholder).filter(status__in=TAKING_INPUT).order_by("starts_on", "pk")


def open_policies(stakeholder: Stakeholder) -> QuerySet[Policy]:
    """Policies of the stakeholder's workspace in consultation: anyone it knows may comment."""
    return (
        Policy.objects.for_workspace(stakeholder.workspace_id)
        .filter(status=VersionStatus.IN_CONSULTATION, archived_at__isnull=True)
        .order_by("title", "pk")
    )


def survey_engagements(stakeholder: Stakeholder) -> QuerySet[Engagement]:
    """Engagements the stakeholder took part in that were held: the survey is open."""
    return _my_engagements(stakeholder).filter(status__in=HELD)


def engagement_for(stakeholder: Stakeholder, pk: int) -> Engagement:
    """An engagement the stakeholder took part in or gave input to, else 404."""
    gave_input = my_inputs(stakeholder).filter(engagement=OuterRef("pk"))
    took_part = _participations(stakeholder).filter(engagement=OuterRef("pk"))
    engagement = (
        Engagement.objects.for_workspace(stakeholder.workspace_id)
        .filter(pk=pk, archived_at__isnull=True)
        .filter(Q(Exists(took_part)) | Q(Exists(gave_input)))
        .first()
    )
    if engagement is None:
        raise Http404
    return engagement


def policy_for(stakeholder: Stakeholder, pk: int) -> Policy:
    """A policy in consultation in the stakeholder's workspace, else 404."""
    policy = open_policies(stakeholder).filter(pk=pk).first()
    if policy is None:
        raise Http404
    return policy


def inputs_with_outcomes(stakeholder: Stakeholder, queryset: QuerySet[Input]) -> QuerySet[Input]:
    """Inputs with their current decision, the responses that told this stakeholder about
    them, and the commitments that came of them (with their latest progress). A merged input's
    outcomes live on the input it was merged into, prefetched the same way (never its text:
    that may be someone else's words)."""
    return _with_outcomes(stakeholder, queryset).prefetch_related(
        Prefetch(
            "merged_into",
            queryset=_with_outcomes(stakeholder, Input.objects.only("pk", "workspace_id")),
        )
    )


def _with_outcomes(stakeholder: Stakeholder, queryset: QuerySet[Input]) -> QuerySet[Input]:
    return queryset.prefetch_related(
        Prefetch(
            "decisions",
            queryset=Decision.objects.filter(is_current=True),
            to_attr="current_decisions",
        ),
        Prefetch(
            "responses",
            queryset=Response.objects.filter(stakeholder=stakeholder).order_by("sent_at", "pk"),
            to_attr="my_responses",
        ),
        Prefetch(
            "commitments",
            queryset=Commitment.objects.filter(archived_at__isnull=True).order_by("due_on", "pk"),
            to_attr="active_commitments",
        ),
    )


def _mine_where(stakeholder: Stakeholder, **filters) -> QuerySet[Input]:
    """my_inputs() narrowed by `filters`, found through one partial index per condition (an
    OR of the two would make the database read every input of a prolific stakeholder)."""
    ids = [
        pk
        for condition in (SHOWN, MERGED)
        for pk in _mine(stakeholder).filter(condition, **filters).values_list("pk", flat=True)
    ]
    return Input.objects.filter(pk__in=ids).order_by("created_at", "pk")


def engagement_inputs(stakeholder: Stakeholder, engagement: Engagement) -> QuerySet[Input]:
    """The stakeholder's own inputs to one engagement, with what came of each."""
    return inputs_with_outcomes(stakeholder, _mine_where(stakeholder, engagement=engagement))


def other_inputs(stakeholder: Stakeholder) -> QuerySet[Input]:
    """The stakeholder's inputs given outside any engagement (e.g. on a policy)."""
    return inputs_with_outcomes(
        stakeholder, _mine_where(stakeholder, engagement__isnull=True)
    ).prefetch_related(
        Prefetch("related_policies", queryset=Policy.objects.only("pk", "title", "workspace_id"))
    )


def input_details(stakeholder: Stakeholder) -> QuerySet[Input]:
    """All the stakeholder's shown inputs, with outcomes and policies, for the input page."""
    return inputs_with_outcomes(stakeholder, my_inputs(stakeholder)).prefetch_related(
        Prefetch("related_policies", queryset=Policy.objects.only("pk", "title", "workspace_id"))
    )


def my_responses(stakeholder: Stakeholder) -> QuerySet[Response]:
    """Every message the company sent or gave the stakeholder."""
    return (
        Response.objects.for_workspace(stakeholder.workspace_id)
        .filter(stakeholder=stakeholder)
        .select_related("engagement")
    )


def responses_to(stakeholder: Stakeholder, engagement: Engagement) -> QuerySet[Response]:
    """What the company told the stakeholder about this engagement, oldest first."""
    return (
        Response.objects.for_workspace(stakeholder.workspace_id)
        .filter(stakeholder=stakeholder, engagement=engagement)
        .order_by("sent_at", "pk")
    )


def published_summary(engagement: Engagement) -> EngagementSummary | None:
    """The engagement's "what we heard, what we did", once published to participants."""
    return (
        EngagementSummary.objects.for_workspace(engagement.workspace_id)
        .filter(engagement=engagement, published_at__isnull=False)
        .first()
    )


def survey_answer(stakeholder: Stakeholder, engagement: Engagement) -> SurveyAnswer | None:
    """The stakeholder's survey answer for the engagement, if any."""
    return (
        SurveyAnswer.objects.for_workspace(stakeholder.workspace_id)
        .filter(stakeholder=stakeholder, engagement=engagement)
        .first()
    )
