"""Reads of engagements shared by pages, exports, invitations, checks and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from heard.core.models import Membership, Workspace
from heard.core.search import full_text_filter
from heard.engagements.filters import ENGAGEMENT_SORTS, EngagementFilterForm
from heard.engagements.models import (
    Engagement,
    HrddStep,
    InvitationState,
    Participation,
    Session,
)
from heard.impacts.queries import initiative_choices
from heard.stakeholders.consent import valid_contact_consents
from heard.stakeholders.models import Consent, ConsentPurpose, StakeholderLanguage

NULLABLE_SORT_COLUMNS = {"starts_on"}


# --- lists


def hrdd_steps(workspace: Workspace, *, include_archived: bool = False) -> QuerySet[HrddStep]:
    """The workspace's HRDD steps in their order."""
    steps = HrddStep.objects.for_workspace(workspace).order_by("position", "name")
    return steps if include_archived else steps.active()


def engagements(workspace: Workspace) -> QuerySet[Engagement]:
    """The workspace's engagements ready for a list: initiative and lead joined, steps
    prefetched, session and participant counts annotated (subqueries, no row duplication)."""
    session_count = (
        Session.objects.filter(engagement=OuterRef("pk"), cancelled_at__isnull=True)
        .order_by()
        .values("engagement")
        .annotate(n=Count("pk"))
        .values("n")
    )
    participant_count = (
        Participation.objects.filter(engagement=OuterRef("pk"), archived_at__isnull=True)
        .order_by()
        .values("engagement")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Engagement.objects.for_workspace(workspace)
        .select_related("initiative", "owner")
        .prefetch_related(
            Prefetch("hrdd_steps", queryset=HrddStep.objects.order_by("position", "name"))
        )
        .annotate(
            session_count=session_count,
            participant_count=participant_count,
        )
    )


def engagement_filter_form(workspace: Workspace, params) -> EngagementFilterForm:
    """The list filter form with the workspace's steps and initiatives as choices."""
    return EngagementFilterForm(
        params,
        hrdd_steps=[(s.pk, str(s)) for s in hrdd_steps(workspace)],
        initiatives=initiative_choices(workspace),
        languages=workspace.languages or [],
    )


@dataclass
class FilteredList:
    """A filtered, sorted queryset, the form that made it and notes on ignored values."""

    queryset: QuerySet
    form: object
    notes: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)


def _ordering(value: str | None) -> list:
    key = value or "-starts_on"
    descending = key.startswith("-")
    ordering = []
    for column in ENGAGEMENT_SORTS[key.lstrip("-")]:
        nulls = {"nulls_last": True} if column in NULLABLE_SORT_COLUMNS else {}
        expression = F(column)
        ordering.append(expression.desc(**nulls) if descending else expression.asc(**nulls))
    return ordering


def engagement_list(workspace: Workspace, params) -> FilteredList:
    """Engagements filtered by `params` (QueryDict or dict) and sorted."""
    form = engagement_filter_form(workspace, params)
    values = form.values()
    queryset = engagements(workspace)
    archived = values.get("archived")
    if archived == "archived":
        queryset = queryset.archived()
    elif archived != "all":
        queryset = queryset.active()
    exact = {
        "status": "status",
        "format": "format",
        "mode": "mode",
        "lifecycle_stage": "lifecycle_stage",
        "initiative": "initiative_id",
        "attribution_rule": "attribution_rule",
    }
    queryset = queryset.filter(**{f: values[k] for k, f in exact.items() if k in values})
    if "hrdd_step" in values:
        queryset = queryset.filter(
            pk__in=Engagement.hrdd_steps.through.objects.filter(
                hrddstep_id=values["hrdd_step"]
            ).values("engagement_id")
        )
    if "language" in values:
        # JSON lists are matched as text ("fr" in quotes), which both engines index-free support.
        queryset = queryset.filter(languages__icontains=f'"{values["language"]}"')
    if since := values.get("starts_from"):
        queryset = queryset.filter(starts_on__gte=since)
    if until := values.get("starts_until"):
        queryset = queryset.filter(starts_on__lte=until)
    if q := values.get("q"):
        queryset = full_text_filter(queryset, q)
    queryset = queryset.order_by(*_ordering(values.get("sort")))
    return FilteredList(queryset, form, form.notes(), values)


# --- one engagement


def engagement_detail(workspace: Workspace) -> QuerySet[Engagement]:
    """Engagements for a detail page: relations the page shows fetched in constant queries."""
    from heard.impacts.models import Impact

    return (
        Engagement.objects.for_workspace(workspace)
        .select_related("initiative", "owner")
        .prefetch_related(
            Prefetch("hrdd_steps", queryset=HrddStep.objects.order_by("position", "name")),
            Prefetch("impacts", queryset=Impact.objects.order_by("title")),
        )
    )


# An engagement's own rows (sessions, participations) are read through the engagement, which
# callers got from `for_workspace`: filtering by engagement alone lets the database use the
# (engagement, …) indexes instead of a workspace-wide one.


def sessions_of(engagement: Engagement) -> QuerySet[Session]:
    """An engagement's sessions in time order, cancelled ones included (and marked)."""
    return Session.objects.filter(engagement=engagement)


def participations_of(engagement: Engagement, *, include_archived: bool = False):
    """An engagement's participants with the stakeholder, organisation, session and contact
    consent, ready for the participants table, an export or the invitation preview."""
    queryset = (
        Participation.objects.filter(engagement=engagement)
        .select_related("stakeholder", "stakeholder__organisation", "session")
        .prefetch_related(
            Prefetch(
                "stakeholder__language_links",
                queryset=StakeholderLanguage.objects.order_by("code"),
            )
        )
        .annotate(
            # The consent gate's rule (heard.stakeholders.consent), as a column.
            has_valid_consent=Exists(
                valid_contact_consents().filter(stakeholder=OuterRef("stakeholder_id"))
            ),
            has_withdrawn_consent=Exists(
                Consent.objects.filter(
                    stakeholder=OuterRef("stakeholder_id"),
                    purpose=ConsentPurpose.CONTACT,
                    withdrawn_at__isnull=False,
                )
            ),
        )
        .order_by("role", "stakeholder__name", "pk")
    )
    return queryset if include_archived else queryset.filter(archived_at__isnull=True)


def declined_invitations(stakeholder_ids) -> set[int]:
    """Of these stakeholders, those who asked not to be invited again: their consent to take
    part was withdrawn (e.g. in the stakeholder portal) and not given again. One query."""
    valid = Consent.objects.valid().filter(
        stakeholder=OuterRef("stakeholder_id"), purpose=ConsentPurpose.PARTICIPATION
    )
    return set(
        Consent.objects.filter(
            stakeholder_id__in=list(stakeholder_ids),
            purpose=ConsentPurpose.PARTICIPATION,
            withdrawn_at__isnull=False,
        )
        .exclude(Exists(valid))
        .values_list("stakeholder_id", flat=True)
    )


def participation_counts(engagement: Engagement) -> dict[str, int]:
    """How many participants are in each invitation state, plus attendance."""
    rows = Participation.objects.filter(engagement=engagement, archived_at__isnull=True).aggregate(
        total=Count("pk"),
        attended=Count("pk", filter=Q(attended=True)),
        **{
            state: Count("pk", filter=Q(invitation_state=state)) for state in InvitationState.values
        },
    )
    return rows


def contact_problem(participation: Participation) -> str | None:
    """Why this invitee cannot be emailed, or None when they can (needs the annotations of
    `participations_of`). Consent to be contacted is the rule; an address is the means."""
    stakeholder = participation.stakeholder
    if stakeholder.archived_at is not None:
        return _("The stakeholder is archived.")
    if not participation.has_valid_consent:
        if participation.has_withdrawn_consent:
            return _("Consent to be contacted was withdrawn.")
        return _("No valid consent to be contacted (none recorded, or expired).")
    if not stakeholder.email:
        return _("No email address on record.")
    return None


def stakeholder_participations(stakeholder, *, limit: int = 50) -> QuerySet[Participation]:
    """A stakeholder's engagements, newest first, for their timeline."""
    return (
        Participation.objects.for_workspace(stakeholder.workspace_id)
        .filter(stakeholder=stakeholder, archived_at__isnull=True)
        .select_related("engagement")
        .order_by(F("engaged_on").desc(nulls_last=True), "-pk")[:limit]
    )


def engagements_in_window(workspace: Workspace, stakeholder_ids, start, end) -> dict[int, int]:
    """{stakeholder id: engagements dated within [start, end]} — one indexed query."""
    rows = (
        Participation.objects.for_workspace(workspace)
        .filter(
            stakeholder_id__in=stakeholder_ids,
            engaged_on__gte=start,
            engaged_on__lte=end,
            archived_at__isnull=True,
        )
        .values("stakeholder_id")
        .annotate(n=Count("engagement_id", distinct=True))
    )
    return {r["stakeholder_id"]: r["n"] for r in rows}


def membership_label(membership: Membership | None) -> str:
    """A short label for a member (used in exports)."""
    if membership is None:
        return ""
    return membership.user.full_name or membership.user.email


def participations_of_workspace(workspace: Workspace) -> QuerySet[Participation]:
    """Participations of a workspace with engagement and stakeholder, for one-row pages."""
    return Participation.objects.for_workspace(workspace).select_related(
        "engagement", "stakeholder", "session"
    )
