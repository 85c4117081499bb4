"""Fatigue check ("spread the love"): how often each invitee and their organisation has been
engaged in the workspace's rolling window, with the seed's two exceptions — a standing
agreement, or compensation — and less-engaged people like them to invite instead."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core.models import Workspace
from heard.stakeholders.models import Stakeholder, StakeholderLanguage

# How many less-engaged people to suggest per fatigued invitee, and how many candidates per
# (country, relation) the suggestion is chosen from.
ALTERNATIVES_PER_PERSON = 3
CANDIDATE_POOL = 12
MAX_PAIRS = 4
# What the check and its page read of a person: never the encrypted contact fields, whose
# decryption would dominate the check's cost.
PERSON_FIELDS = (
    "workspace_id",
    "name",
    "pseudonym",
    "safety_level",
    "relation",
    "country",
    "has_standing_agreement",
    "is_compensation_eligible",
    "last_engaged_on",
    "archived_at",
    "organisation__name",
)


class Level:
    """How an invitee stands against the threshold."""

    OK = "ok"
    OVER = "over"  # at or over the threshold: warn
    EXCEPTED = "excepted"  # over, but with a standing agreement or compensation


# --- plain rules


def level_for(
    count: int,
    threshold: int,
    *,
    has_standing_agreement: bool = False,
    is_compensated: bool = False,
) -> str:
    """`count` other engagements in the window: at or over `threshold` is fatigue, unless
    the person has a standing agreement or is compensated (the seed's two exceptions)."""
    if count < threshold:
        return Level.OK
    if has_standing_agreement or is_compensated:
        return Level.EXCEPTED
    return Level.OVER


def window(reference: datetime.date, days: int) -> tuple[datetime.date, datetime.date]:
    """The rolling window around a date: `days` either side, so engagements just before and
    already planned just after both count."""
    delta = datetime.timedelta(days=days)
    return reference - delta, reference + delta


def similarity(target: dict, candidate: dict) -> int:
    """How alike two stakeholders are for the purpose of replacing one with the other:
    relation and country weigh most, then shared topics, then a shared language."""
    score = 0
    if target["relation"] == candidate["relation"]:
        score += 4
    if target["country"] and target["country"] == candidate["country"]:
        score += 3
    score += 2 * len(set(target["topics"]) & set(candidate["topics"]))
    if set(target["languages"]) & set(candidate["languages"]):
        score += 1
    return score


def rank_alternatives(
    target: dict, candidates: Iterable[dict], limit: int = ALTERNATIVES_PER_PERSON
) -> list[dict]:
    """The most similar candidates, the least recently engaged first among equals (never
    engaged counts as longest ago)."""
    oldest = datetime.date.min
    ordered = sorted(
        candidates,
        key=lambda c: (-similarity(target, c), c["last_engaged_on"] or oldest, c["id"]),
    )
    return [c for c in ordered if similarity(target, c) > 0][:limit]


# --- results


@dataclass
class InviteeFatigue:
    """One invitee against the threshold."""

    stakeholder: Stakeholder
    count: int
    level: str
    reason: str = ""
    alternatives: list[Stakeholder] = field(default_factory=list)


@dataclass
class OrganisationFatigue:
    """One organisation whose people have been engaged often in the window."""

    organisation_id: int
    name: str
    count: int


@dataclass
class FatigueReport:
    """The fatigue check of one engagement."""

    threshold: int
    window_days: int
    start: datetime.date
    end: datetime.date
    invitees: list[InviteeFatigue] = field(default_factory=list)
    organisations: list[OrganisationFatigue] = field(default_factory=list)

    @property
    def over(self) -> list[InviteeFatigue]:
        return [i for i in self.invitees if i.level == Level.OVER]

    @property
    def excepted(self) -> list[InviteeFatigue]:
        return [i for i in self.invitees if i.level == Level.EXCEPTED]

    @property
    def warning_count(self) -> int:
        return len(self.over) + len(self.organisations)


# --- reads


def _counted(workspace: Workspace, start: datetime.date, end: datetime.date, exclude=None):
    """Participations that count towards fatigue: dated in the window, not declined, not
    removed, in engagements not archived."""
    from heard.engagements.models import InvitationState, Participation, ParticipationRole

    rows = (
        Participation.objects.for_workspace(workspace)
        .filter(engaged_on__gte=start, engaged_on__lte=end, archived_at__isnull=True)
        .exclude(invitation_state=InvitationState.DECLINED)
        .exclude(role=ParticipationRole.COMPANY_ATTENDEE)
        .filter(engagement__archived_at__isnull=True)
    )
    if exclude is not None:
        rows = rows.exclude(engagement_id=exclude.pk)
    return rows


def counts_by_stakeholder(
    workspace: Workspace, stakeholder_ids, start, end, *, exclude=None
) -> dict[int, int]:
    """{stakeholder id: engagements in [start, end]} — one aggregate on the
    (workspace, stakeholder, engaged_on) index."""
    rows = (
        _counted(workspace, start, end, exclude)
        .filter(stakeholder_id__in=stakeholder_ids)
        .values("stakeholder_id")
        .annotate(n=Count("engagement_id", distinct=True))
        .order_by()
    )
    return {r["stakeholder_id"]: r["n"] for r in rows}


def counts_by_organisation(
    workspace: Workspace, organisation_ids, start, end, *, exclude=None
) -> dict[int, int]:
    """{organisation id: engagements its people took part in within [start, end]}."""
    # Driven from the organisations' people, so the (workspace, stakeholder, engaged_on)
    # index is used rather than every participation of the window.
    members = Stakeholder.objects.filter(organisation_id__in=organisation_ids).values("pk")
    rows = (
        _counted(workspace, start, end, exclude)
        .filter(stakeholder_id__in=members)
        .values("stakeholder__organisation_id")
        .annotate(n=Count("engagement_id", distinct=True))
        .order_by()
    )
    return {r["stakeholder__organisation_id"]: r["n"] for r in rows}


def engagement_fatigue(engagement, *, with_alternatives: bool = True) -> FatigueReport:
    """The check for one engagement's invitees (a constant number of queries)."""
    from heard.engagements.models import Participation

    workspace = engagement.workspace
    reference = engagement.starts_on or timezone.localdate()
    start, end = window(reference, workspace.fatigue_window_days)
    threshold = workspace.fatigue_threshold
    participations = list(
        Participation.objects.for_workspace(workspace)
        .filter(engagement=engagement, archived_at__isnull=True)
        .exclude(invitation_state="declined")
        .exclude(role="company_attendee")
        .select_related("stakeholder", "stakeholder__organisation")
        .only(*(f"stakeholder__{f}" for f in PERSON_FIELDS), "compensation_status")
    )
    people = [p.stakeholder for p in participations]
    counts = counts_by_stakeholder(
        workspace, [s.pk for s in people], start, end, exclude=engagement
    )
    report = FatigueReport(threshold, workspace.fatigue_window_days, start, end)
    for participation in participations:
        person = participation.stakeholder
        count = counts.get(person.pk, 0)
        compensated = person.is_compensation_eligible or participation.is_compensated
        level = level_for(
            count,
            threshold,
            has_standing_agreement=person.has_standing_agreement,
            is_compensated=compensated,
        )
        reason = ""
        if level == Level.EXCEPTED:
            reason = _("standing agreement") if person.has_standing_agreement else _("compensated")
        if level != Level.OK:
            report.invitees.append(InviteeFatigue(person, count, level, reason))
    report.invitees.sort(key=lambda i: (-i.count, i.stakeholder.name))
    organisations = {p.organisation_id: p.organisation for p in people if p.organisation_id}
    by_org = counts_by_organisation(workspace, list(organisations), start, end, exclude=engagement)
    report.organisations = sorted(
        (
            OrganisationFatigue(pk, organisations[pk].name, n)
            for pk, n in by_org.items()
            if n >= threshold
        ),
        key=lambda o: (-o.count, o.name),
    )
    if with_alternatives and report.over:
        suggest_alternatives(
            workspace,
            report.over,
            exclude_ids={s.pk for s in people},
            start=start,
            end=end,
            threshold=threshold,
        )
    return report


def _profiles(stakeholders: list[Stakeholder]) -> dict[int, dict]:
    """Relation, country, topic ids and languages of each stakeholder (two queries)."""
    ids = [s.pk for s in stakeholders]
    topics: dict[int, list[int]] = {}
    for sid, tid in Stakeholder.topics.through.objects.filter(stakeholder_id__in=ids).values_list(
        "stakeholder_id", "topic_id"
    ):
        topics.setdefault(sid, []).append(tid)
    languages: dict[int, list[str]] = {}
    for sid, code in StakeholderLanguage.objects.filter(stakeholder_id__in=ids).values_list(
        "stakeholder_id", "code"
    ):
        languages.setdefault(sid, []).append(code)
    return {
        s.pk: {
            "id": s.pk,
            "relation": s.relation,
            "country": str(s.country or ""),
            "topics": topics.get(s.pk, []),
            "languages": languages.get(s.pk, []),
            "last_engaged_on": s.last_engaged_on,
        }
        for s in stakeholders
    }


def candidate_pool(workspace: Workspace, pairs, exclude_ids) -> list[Stakeholder]:
    """Active stakeholders sharing a (country, relation) pair, the least recently engaged
    `CANDIDATE_POOL` of each: one small query per pair on the (workspace, country) index."""
    found: list[Stakeholder] = []
    for country, relation in pairs:
        found += list(
            Stakeholder.objects.for_workspace(workspace)
            .active()
            .filter(country=country, relation=relation)
            .exclude(pk__in=exclude_ids)
            .select_related("organisation")
            .only(*PERSON_FIELDS)
            .order_by(F("last_engaged_on").asc(nulls_first=True), "pk")[:CANDIDATE_POOL]
        )
    return found


def suggest_alternatives(
    workspace: Workspace,
    fatigued: list[InviteeFatigue],
    *,
    exclude_ids: set[int],
    start: datetime.date,
    end: datetime.date,
    threshold: int,
) -> None:
    """Fill each fatigued invitee's `alternatives`: similar people engaged less recently and
    not fatigued themselves (at most MAX_PAIRS + 3 queries, however many are fatigued)."""
    # The first MAX_PAIRS (country, relation) pairs get suggestions: the query count stays
    # bounded however many invitees are fatigued; the others get a link to the registry.
    pairs = list(
        dict.fromkeys((str(f.stakeholder.country or ""), f.stakeholder.relation) for f in fatigued)
    )
    pairs = pairs[:MAX_PAIRS]
    fatigued = [
        f for f in fatigued if (str(f.stakeholder.country or ""), f.stakeholder.relation) in pairs
    ]
    targets = [f.stakeholder for f in fatigued]
    candidates = candidate_pool(workspace, pairs, exclude_ids)
    busy = counts_by_stakeholder(workspace, [c.pk for c in candidates], start, end)
    candidates = [c for c in candidates if busy.get(c.pk, 0) < threshold]
    profiles = _profiles(targets + candidates)
    by_id = {c.pk: c for c in candidates}
    for entry in fatigued:
        target = profiles[entry.stakeholder.pk]
        pool = [
            profiles[c.pk]
            for c in candidates
            if c.relation == entry.stakeholder.relation
            and str(c.country or "") == str(entry.stakeholder.country or "")
        ]
        entry.alternatives = [by_id[p["id"]] for p in rank_alternatives(target, pool)]


# --- the workspace report


def fatigued_stakeholders(workspace: Workspace, reference: datetime.date | None = None):
    """(window start, end, queryset of {stakeholder_id, n}) for everyone at or over the
    threshold around `reference` (default today), busiest first."""
    reference = reference or timezone.localdate()
    start, end = window(reference, workspace.fatigue_window_days)
    rows = (
        _counted(workspace, start, end)
        .values("stakeholder_id")
        .annotate(n=Count("engagement_id", distinct=True))
        .filter(n__gte=workspace.fatigue_threshold)
        .order_by("-n", "stakeholder_id")
    )
    return start, end, rows


def fatigued_organisations(workspace: Workspace, reference: datetime.date | None = None):
    """Organisations whose people took part in at least the threshold of engagements."""
    reference = reference or timezone.localdate()
    start, end = window(reference, workspace.fatigue_window_days)
    return (
        _counted(workspace, start, end)
        .filter(stakeholder__organisation__isnull=False)
        .values("stakeholder__organisation_id", "stakeholder__organisation__name")
        .annotate(n=Count("engagement_id", distinct=True))
        .filter(n__gte=workspace.fatigue_threshold)
        .order_by("-n", "stakeholder__organisation__name")
    )
