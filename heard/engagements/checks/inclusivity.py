"""Inclusivity check: whose voices an invitee list (or a period's engagements) brings in,
and whose it leaves out — Global Majority share, UNGP 18 relations, lived experience, groups
at heightened risk named in the linked impacts, and languages against interpretation."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from heard.core.models import Workspace
from heard.engagements.checks import Finding
from heard.stakeholders.models import Category, Relation, RiskGroup, StakeholderRiskGroup
from heard.stakeholders.vocab import language_label

# Below this share of Global Majority voices (among invitees whose country is known) the
# check warns: most people affected by global technology products live in the Global Majority.
GLOBAL_MAJORITY_TARGET = 0.5
# UNGP 18: meaningful consultation with potentially affected groups, or their legitimate
# representatives; experts complement them, never replace them.
AFFECTED_RELATIONS = (Relation.POTENTIALLY_AFFECTED, Relation.LEGITIMATE_REPRESENTATIVE)


# --- plain data


@dataclass
class InviteeSummary:
    """Counts over a set of invitees (distinct stakeholders)."""

    total: int = 0
    global_majority: int = 0
    country_known: int = 0
    relations: dict[str, int] = field(default_factory=dict)
    lived_experience: int = 0
    risk_groups: set[str] = field(default_factory=set)

    @property
    def global_majority_share(self) -> float | None:
        """Share of Global Majority among invitees with a known country (None if none)."""
        if not self.country_known:
            return None
        return self.global_majority / self.country_known

    @property
    def global_majority_percent(self) -> int | None:
        share = self.global_majority_share
        return None if share is None else round(share * 100)


@dataclass
class InclusivityReport:
    """What the check found: the summary, the gaps and the findings to show."""

    summary: InviteeSummary
    risk_groups_needed: set[str] = field(default_factory=set)
    language_gaps: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def missing_risk_groups(self) -> list[str]:
        return sorted(self.risk_groups_needed - self.summary.risk_groups)

    @property
    def relation_rows(self) -> list[tuple[str, str, int]]:
        """(code, label, count) for each UNGP 18 relation, in the vocabulary's order."""
        return [
            (code, label, self.summary.relations.get(code, 0)) for code, label in Relation.choices
        ]

    @property
    def warning_count(self) -> int:
        return sum(1 for f in self.findings if f.is_warning)


def language_gaps(
    invitees: Iterable[tuple[Iterable[str], str]],
    engagement_languages: Iterable[str],
    interpretation_languages: Iterable[str],
) -> dict[str, int]:
    """{language: invitees who need it} for invitees who share no language with the
    engagement or its planned interpretation. Each invitee is (their languages, the
    interpretation language asked for on their participation, or "")."""
    covered = {c.lower() for c in engagement_languages} | {
        c.lower() for c in interpretation_languages
    }
    gaps: Counter[str] = Counter()
    for languages, asked in invitees:
        spoken = {c.lower() for c in languages}
        if asked:
            if asked.lower() not in covered:
                gaps[asked.lower()] += 1
            continue
        if not spoken or spoken & covered:
            continue
        for code in sorted(spoken):
            gaps[code] += 1
    return dict(gaps)


def assess(
    summary: InviteeSummary,
    *,
    risk_groups_needed: Iterable[str] = (),
    gaps: dict[str, int] | None = None,
) -> InclusivityReport:
    """The findings for `summary`: pure rules, no database."""
    report = InclusivityReport(
        summary=summary, risk_groups_needed=set(risk_groups_needed), language_gaps=gaps or {}
    )
    findings = report.findings
    if not summary.total:
        findings.append(
            Finding(
                "no_invitees",
                "info",
                _("No invitees yet. Start with the people affected and their representatives."),
                find={"relation": Relation.POTENTIALLY_AFFECTED},
                find_label=_("Find potentially affected people"),
            )
        )
        findings += _risk_group_findings(report)
        return report
    findings += _global_majority_findings(summary)
    findings += _relation_findings(summary)
    if not summary.lived_experience:
        findings.append(
            Finding(
                "no_lived_experience",
                "warning",
                _("Nobody invited brings lived experience of the issue."),
                find={"category": Category.LIVED_EXPERIENCE},
                find_label=_("Find people with lived experience"),
            )
        )
    findings += _risk_group_findings(report)
    findings += _language_findings(report.language_gaps)
    if not any(f.is_warning for f in findings):
        findings.insert(0, Finding("inclusive", "ok", _("No inclusivity gaps found.")))
    return report


def _global_majority_findings(summary: InviteeSummary) -> list[Finding]:
    share = summary.global_majority_share
    if share is None:
        return [
            Finding(
                "country_unknown",
                "info",
                _("No invitee has a country recorded, so the Global Majority share is unknown."),
            )
        ]
    if share >= GLOBAL_MAJORITY_TARGET:
        return []
    return [
        Finding(
            "global_majority_low",
            "warning",
            _(
                "Only %(count)d of %(known)d invitees (%(percent)d%%) are from the Global "
                "Majority; aim for at least %(target)d%%."
            )
            % {
                "count": summary.global_majority,
                "known": summary.country_known,
                "percent": round(share * 100),
                "target": round(GLOBAL_MAJORITY_TARGET * 100),
            },
            find={"global_majority": "yes"},
            find_label=_("Find Global Majority voices"),
        )
    ]


def _relation_findings(summary: InviteeSummary) -> list[Finding]:
    present = {code for code, n in summary.relations.items() if n}
    findings = []
    no_affected = not present & set(AFFECTED_RELATIONS)
    if no_affected:
        findings.append(
            Finding(
                "no_affected_voices",
                "warning",
                _(
                    "Neither potentially affected people nor their legitimate representatives "
                    "are invited: UNGP 18 asks for meaningful consultation with them."
                ),
                find={"relation": Relation.POTENTIALLY_AFFECTED},
                find_label=_("Find potentially affected people"),
            )
        )
    labels = dict(Relation.choices)
    for code in Relation.values:
        if code in present or (no_affected and code == Relation.POTENTIALLY_AFFECTED):
            continue  # the combined warning above already says it, with this link
        # Experts complement affected voices; with neither affected voice present, the
        # combined warning is the one to act on and the representatives' link is a pointer.
        warn = code != Relation.OTHER_RELEVANT and not no_affected
        level = "warning" if warn else "info"
        findings.append(
            Finding(
                f"missing_{code}",
                level,
                _("No invitee is “%(relation)s”.") % {"relation": labels[code]},
                find={"relation": code},
                find_label=_("Find: %(relation)s") % {"relation": labels[code]},
            )
        )
    return findings


def _risk_group_findings(report: InclusivityReport) -> list[Finding]:
    labels = dict(RiskGroup.choices)
    return [
        Finding(
            f"missing_risk_group_{group}",
            "warning",
            _(
                "The linked impacts name “%(group)s” as a group at heightened risk, but nobody "
                "invited belongs to or represents it."
            )
            % {"group": labels.get(group, group)},
            find={"risk_group": group},
            find_label=_("Find: %(group)s") % {"group": labels.get(group, group)},
        )
        for group in report.missing_risk_groups
    ]


def _language_findings(gaps: dict[str, int]) -> list[Finding]:
    return [
        Finding(
            f"language_{code}",
            "warning",
            ngettext(
                "%(count)d invitee works in %(language)s, which is neither a language of the "
                "engagement nor planned for interpretation.",
                "%(count)d invitees work in %(language)s, which is neither a language of the "
                "engagement nor planned for interpretation.",
                count,
            )
            % {"count": count, "language": language_label(code)},
            action="plan_interpretation",
        )
        for code, count in sorted(gaps.items(), key=lambda item: (-item[1], item[0]))
    ]


# --- reads


def voices(participations: QuerySet) -> QuerySet:
    """Participations that count as invitees' voices: participants not declined, not removed."""
    from heard.engagements.models import InvitationState, ParticipationRole

    return participations.filter(
        archived_at__isnull=True,
        role=ParticipationRole.PARTICIPANT,
    ).exclude(invitation_state=InvitationState.DECLINED)


def summarise(participations: QuerySet) -> InviteeSummary:
    """Counts of the distinct invitees behind `participations`, in two queries: the people
    are found once (a semi-join) and counted on the stakeholder table, not per participation."""
    from heard.stakeholders.models import Stakeholder

    people = Stakeholder.objects.filter(pk__in=participations.values("stakeholder_id"))
    lived = Q(category=Category.LIVED_EXPERIENCE) | ~Q(lived_experience="")
    row = people.aggregate(
        total=Count("pk"),
        global_majority=Count("pk", filter=Q(is_global_majority=True)),
        country_known=Count("pk", filter=Q(is_global_majority__isnull=False)),
        lived=Count("pk", filter=lived),
        **{f"relation_{code}": Count("pk", filter=Q(relation=code)) for code in Relation.values},
    )
    groups = set(
        StakeholderRiskGroup.objects.filter(stakeholder_id__in=people.values("pk"))
        .values_list("group", flat=True)
        .distinct()
    )
    return InviteeSummary(
        total=row["total"],
        global_majority=row["global_majority"],
        country_known=row["country_known"],
        relations={code: row[f"relation_{code}"] for code in Relation.values},
        lived_experience=row["lived"],
        risk_groups=groups,
    )


def engagement_inclusivity(engagement) -> InclusivityReport:
    """The check for one engagement's invitee list, in four queries: the invitees (a few
    hundred at most) are read once and counted here rather than in SQL."""
    from heard.engagements.models import Participation
    from heard.impacts.models import risk_groups_of
    from heard.stakeholders.models import StakeholderLanguage

    rows = list(
        voices(
            Participation.objects.for_workspace(engagement.workspace_id).filter(
                engagement=engagement
            )
        ).values_list(
            "stakeholder_id",
            "stakeholder__is_global_majority",
            "stakeholder__relation",
            "stakeholder__category",
            "stakeholder__lived_experience",
            "interpretation_language",
            "needs_interpretation",
        )
    )
    people = {row[0]: row for row in rows}
    ids = list(people)
    summary = InviteeSummary(
        total=len(people),
        global_majority=sum(1 for r in people.values() if r[1] is True),
        country_known=sum(1 for r in people.values() if r[1] is not None),
        relations={
            code: sum(1 for r in people.values() if r[2] == code) for code in Relation.values
        },
        lived_experience=sum(
            1 for r in people.values() if r[3] == Category.LIVED_EXPERIENCE or r[4]
        ),
        risk_groups=set(
            StakeholderRiskGroup.objects.filter(stakeholder_id__in=ids)
            .values_list("group", flat=True)
            .distinct()
        ),
    )
    spoken: dict[int, list[str]] = {}
    for stakeholder_id, code in StakeholderLanguage.objects.filter(
        stakeholder_id__in=ids
    ).values_list("stakeholder_id", "code"):
        spoken.setdefault(stakeholder_id, []).append(code)
    gaps = language_gaps(
        ((spoken.get(r[0], []), r[5] if r[6] else "") for r in people.values()),
        engagement.languages or [],
        engagement.interpretation_languages or [],
    )
    return assess(summary, risk_groups_needed=risk_groups_of(engagement.impacts.all()), gaps=gaps)


@dataclass
class PeriodInclusivity:
    """The check over every engagement dated in a period."""

    start: datetime.date
    end: datetime.date
    report: InclusivityReport
    engagement_count: int


def period_engagements(workspace: Workspace, start: datetime.date, end: datetime.date):
    """Active engagements dated within [start, end], newest first (for the page's rows)."""
    from heard.engagements.models import Engagement

    return (
        Engagement.objects.for_workspace(workspace)
        .active()
        .filter(starts_on__gte=start, starts_on__lte=end)
        .order_by("-starts_on", "-pk")
    )


def workspace_inclusivity(
    workspace: Workspace, start: datetime.date, end: datetime.date
) -> PeriodInclusivity:
    """The check over the engagements dated within [start, end] (languages are per
    engagement, so the period check leaves them out)."""
    from heard.engagements.models import Engagement, Participation
    from heard.impacts.models import ImpactRiskGroup

    ids = list(period_engagements(workspace, start, end).values_list("pk", flat=True))
    invitees = voices(Participation.objects.for_workspace(workspace).filter(engagement_id__in=ids))
    impact_ids = set(
        Engagement.impacts.through.objects.filter(engagement_id__in=ids).values_list(
            "impact_id", flat=True
        )
    )
    needed = set(
        ImpactRiskGroup.objects.filter(impact_id__in=impact_ids, impact__archived_at__isnull=True)
        .values_list("group", flat=True)
        .distinct()
    )
    report = assess(summarise(invitees), risk_groups_needed=needed)
    return PeriodInclusivity(start=start, end=end, report=report, engagement_count=len(ids))


def engagement_rows(engagements: list) -> list:
    """Each engagement (a page of them) with its invitees' inclusivity counts, in one query."""
    from heard.engagements.models import Participation

    ids = [e.pk for e in engagements]
    person = "stakeholder_id"
    lived = Q(stakeholder__category=Category.LIVED_EXPERIENCE) | ~Q(
        stakeholder__lived_experience=""
    )
    rows = {
        r["engagement_id"]: r
        for r in voices(Participation.objects.filter(engagement_id__in=ids))
        .values("engagement_id")
        .annotate(
            invitee_count=Count(person, distinct=True),
            global_majority_count=Count(
                person, distinct=True, filter=Q(stakeholder__is_global_majority=True)
            ),
            country_known_count=Count(
                person, distinct=True, filter=Q(stakeholder__is_global_majority__isnull=False)
            ),
            affected_count=Count(
                person, distinct=True, filter=Q(stakeholder__relation__in=AFFECTED_RELATIONS)
            ),
            lived_count=Count(person, distinct=True, filter=lived),
        )
        .order_by()
    }
    for e in engagements:
        for name in (
            "invitee_count",
            "global_majority_count",
            "country_known_count",
            "affected_count",
            "lived_count",
        ):
            setattr(e, name, rows.get(e.pk, {}).get(name, 0))
    return engagements
