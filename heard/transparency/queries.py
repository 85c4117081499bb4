"""Reads of the transparency centre. Everything here is public: counts, published texts and
public commitments — never a stakeholder, an input's text or who said what."""

from __future__ import annotations

import datetime
import hashlib

from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404

from heard.core.models import Workspace
from heard.engagements.models import Engagement, Participation, ParticipationRole
from heard.feedback.models import Commitment, CommitmentUpdate, EngagementSummary, Input
from heard.policies import queries as policy_queries
from heard.policies.models import ForumMinutes, Policy, PolicyVersion
from heard.transparency.figures import MIN_CELL, LoopShare, RegionFigures, suppress
from heard.transparency.models import TransparencyCentre

HELD = policy_queries.HELD
# People who speak for themselves or others at an engagement; company staff are not
# "stakeholders engaged".
STAKEHOLDER_ROLES = (
    ParticipationRole.PARTICIPANT,
    ParticipationRole.OBSERVER,
    ParticipationRole.FACILITATOR,
)


# --- the centre


def centre_of(workspace: Workspace) -> TransparencyCentre | None:
    """The workspace's centre settings, or None if never set up."""
    return TransparencyCentre.objects.for_workspace(workspace).first()


def published_centre(public_slug: str) -> TransparencyCentre:
    """The published centre at `public_slug` with its workspace, or 404 (unpublished and
    missing look the same)."""
    centre = (
        TransparencyCentre.objects.select_related("workspace")
        .filter(public_slug=public_slug, is_published=True, archived_at__isnull=True)
        .first()
    )
    if centre is None:
        raise Http404
    return centre


def _latest(queryset: QuerySet, column: str = "updated_at") -> Subquery:
    latest = queryset.order_by().values("workspace").annotate(at=Max(column)).values("at")
    return Coalesce(Subquery(latest[:1], output_field=DateTimeField()), Value(EPOCH))


EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def last_changed(centre: TransparencyCentre) -> datetime.datetime:
    """When a published text last changed (one query over small tables): the base of the
    public pages' ETag. Figures counted over inputs and participations are not in it (no
    index would make that cheap); they are cached for `FIGURES_SECONDS` instead."""
    ws = centre.workspace_id
    stamps = TransparencyCentre.objects.filter(pk=centre.pk).annotate(
        stamp=Greatest(
            "updated_at",
            _latest(Policy.objects.filter(workspace_id=ws)),
            _latest(PolicyVersion.objects.filter(workspace_id=ws)),
            _latest(ForumMinutes.objects.filter(workspace_id=ws)),
            _latest(EngagementSummary.objects.filter(workspace_id=ws)),
            _latest(Commitment.objects.filter(workspace_id=ws)),
        )
    )
    return stamps.values_list("stamp", flat=True).get()


def etag_for(centre: TransparencyCentre, changed: datetime.datetime, *parts: str) -> str:
    """A strong validator for one rendering of one page."""
    key = "|".join([str(centre.pk), changed.isoformat(), *parts])
    return hashlib.sha256(key.encode()).hexdigest()[:32]


# --- figures


def engagements_held(workspace: Workspace) -> int:
    """Engagements held (or debriefed, or with their loop closed), not archived."""
    return Engagement.objects.for_workspace(workspace).active().filter(status__in=HELD).count()


def stakeholders_by_region(workspace: Workspace) -> RegionFigures:
    """Distinct stakeholders who took part in a held engagement, per region, suppressed."""
    rows = (
        Participation.objects.for_workspace(workspace)
        .filter(
            archived_at__isnull=True,
            engagement__archived_at__isnull=True,
            engagement__status__in=HELD,
            role__in=STAKEHOLDER_ROLES,
        )
        .exclude(attended=False)
        .values("stakeholder__region")
        .annotate(n=Count("stakeholder", distinct=True))
        .order_by()
    )
    counts: dict[str, int] = {}
    for row in rows:
        region = row["stakeholder__region"] or ""
        counts[region] = counts.get(region, 0) + row["n"]
    return suppress(counts)


def loop_share(workspace: Workspace) -> LoopShare:
    """Inputs (active, not merged) and how many of them had their loop closed."""
    counts = (
        Input.objects.for_workspace(workspace)
        .active()
        .filter(merged_into__isnull=True)
        .aggregate(
            total=Count("pk"),
            closed=Count("pk", filter=Q(loop_closed_at__isnull=False)),
        )
    )
    return LoopShare(closed=counts["closed"] or 0, total=counts["total"] or 0)


# --- policies, minutes, summaries, commitments


def policies(workspace: Workspace) -> QuerySet[Policy]:
    """Published policies with their number of published versions."""
    versions = PolicyVersion.objects.filter(policy=OuterRef("pk"), published_at__isnull=False)
    counted = versions.order_by().values("policy").annotate(n=Count("pk")).values("n")
    return policy_queries.published_policies(workspace).annotate(
        published_version_count=Coalesce(Subquery(counted, output_field=IntegerField()), 0)
    )


def change_log(policy: Policy) -> list[PolicyVersion]:
    """The policy's published versions, newest first, with "what we heard" counts."""
    return list(policy_queries.public_change_log(policy))


def minutes(workspace: Workspace) -> QuerySet[ForumMinutes]:
    """Published minutes, newest first (the recorded, named text is never loaded)."""
    return policy_queries.published_minutes(workspace)


def minutes_people(minutes: ForumMinutes) -> list[tuple[str, str]]:
    """(name, organisation) of everyone on the minutes' forum's meetings: redacted again."""
    return list(
        Participation.objects.for_workspace(minutes.workspace_id)
        .filter(engagement__forum_meetings__forum_id=minutes.forum_id)
        .values_list("stakeholder__name", "stakeholder__organisation__name")
        .distinct()
    )


def summaries(workspace: Workspace) -> QuerySet[EngagementSummary]:
    """Summaries published to participants of held engagements with at least MIN_CELL
    stakeholders (a smaller group's summary could point at who said what), newest first."""
    enough = (
        Participation.objects.filter(
            engagement=OuterRef("engagement_id"),
            archived_at__isnull=True,
            role__in=STAKEHOLDER_ROLES,
        )
        .order_by()
        .values("engagement")
        .annotate(n=Count("stakeholder", distinct=True))
        .filter(n__gte=MIN_CELL)
    )
    return (
        EngagementSummary.objects.for_workspace(workspace)
        .filter(
            published_at__isnull=False,
            archived_at__isnull=True,
            engagement__archived_at__isnull=True,
        )
        .filter(Exists(enough))
        .select_related("engagement")
        .only(
            "pk",
            "workspace_id",
            "what_we_heard",
            "what_we_did",
            "published_at",
            "engagement__id",
            "engagement__title",
            "engagement__format",
            "engagement__starts_on",
        )
        .order_by("-published_at", "-pk")
    )


def summary_people(rows: list[EngagementSummary]) -> list[tuple[str, str]]:
    """(name, organisation) of the participants of the summaries' engagements."""
    ids = [row.engagement_id for row in rows]
    if not ids:
        return []
    return list(
        Participation.objects.filter(engagement_id__in=ids)
        .values_list("stakeholder__name", "stakeholder__organisation__name")
        .distinct()
    )


def commitments(workspace: Workspace) -> QuerySet[Commitment]:
    """Public commitments (not archived), soonest due first, with their last update's date."""
    last_update = (
        CommitmentUpdate.objects.filter(commitment=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )
    return (
        Commitment.objects.for_workspace(workspace)
        .active()
        .filter(is_public=True)
        .annotate(last_update_at=Subquery(last_update, output_field=DateTimeField()))
        .only(
            "pk",
            "workspace_id",
            "title",
            "description",
            "status",
            "progress",
            "due_on",
            "updated_at",
        )
        .order_by("due_on", "pk")
    )


def section_counts(workspace: Workspace, centre: TransparencyCentre) -> dict[str, int]:
    """How many items each public section holds."""
    return {
        "policies": policies(workspace).count(),
        "minutes": minutes(workspace).count(),
        "summaries": summaries(workspace).count() if centre.are_summaries_public else 0,
        "commitments": commitments(workspace).count(),
    }


# --- figures, cached: counting a million inputs on every public request would be wasteful

FIGURES_SECONDS = 600


def figures(workspace: Workspace) -> dict:
    """The home page's figures, computed at most once per FIGURES_SECONDS per workspace."""
    from django.core.cache import cache

    key = f"transparency:figures:{workspace.pk}:{figures_bucket()}"
    found = cache.get(key)
    if found is None:
        found = {
            "engagements_held": engagements_held(workspace),
            "regions": stakeholders_by_region(workspace),
            "loops": loop_share(workspace),
        }
        cache.set(key, found, FIGURES_SECONDS)
    return found


def figures_bucket() -> int:
    """The current FIGURES_SECONDS window: part of the figures' cache key and of the ETag."""
    from django.utils import timezone

    return int(timezone.now().timestamp()) // FIGURES_SECONDS


def policy_people(policy: Policy) -> list[tuple[str, str]]:
    """(name, organisation) of everyone on the meetings of the policy's forums."""
    return list(
        Participation.objects.for_workspace(policy.workspace_id)
        .filter(engagement__forum_meetings__forum__policy=policy)
        .values_list("stakeholder__name", "stakeholder__organisation__name")
        .distinct()
    )
