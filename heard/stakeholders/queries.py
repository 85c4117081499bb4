"""Reads of the registry shared by pages, exports, the CLI and (later) the API."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Lower
from rapidfuzz import fuzz

from heard.core.crypto import blind_index
from heard.core.models import Membership, Workspace
from heard.core.search import full_text_filter, normalise
from heard.stakeholders.filters import (
    ORGANISATION_SORTS,
    STAKEHOLDER_SORTS,
    ConsentState,
    OrganisationFilterForm,
    StakeholderFilterForm,
)
from heard.stakeholders.models import (
    Consent,
    ConsentPurpose,
    Organisation,
    Stakeholder,
    StakeholderLanguage,
    StakeholderRiskGroup,
    Tag,
    Topic,
)

DUPLICATE_NAME_SCORE = 88
NULLABLE_SORT_COLUMNS = {"last_engaged_on"}


def valid_contact_consent() -> Exists:
    """Whether the row's stakeholder holds a valid consent to be contacted, now."""
    from heard.stakeholders.consent import valid_contact_consents

    return Exists(valid_contact_consents().filter(stakeholder=OuterRef("pk")))


def withdrawn_contact_consent() -> Exists:
    """Whether the row's stakeholder ever withdrew a consent to be contacted."""
    return Exists(
        Consent.objects.filter(
            stakeholder=OuterRef("pk"),
            purpose=ConsentPurpose.CONTACT,
            withdrawn_at__isnull=False,
        )
    )


def stakeholders(workspace: Workspace) -> QuerySet[Stakeholder]:
    """The workspace's stakeholders, ready for a list: related rows fetched in constant
    queries and `has_valid_consent` annotated."""
    return _ready_for_lists(Stakeholder.objects.for_workspace(workspace))


def languages_in_order() -> Prefetch:
    """A stakeholder's languages, by code, as every list shows them."""
    return Prefetch("language_links", queryset=StakeholderLanguage.objects.order_by("code"))


def _ready_for_lists(queryset: QuerySet[Stakeholder]) -> QuerySet[Stakeholder]:
    return (
        queryset.select_related("organisation", "relationship_owner")
        .prefetch_related(
            languages_in_order(),
            Prefetch("risk_group_links", queryset=StakeholderRiskGroup.objects.order_by("group")),
            "topics",
            "tags",
        )
        .annotate(has_valid_consent=valid_contact_consent())
    )


# What the registry page does not show: contacts (no decryption per row) and long texts.
LIST_PAGE_DEFERRED = ("email", "phone", "messaging_handle", "notes", "lived_experience")


def for_list_page(queryset: QuerySet[Stakeholder]) -> QuerySet[Stakeholder]:
    """`queryset` trimmed to what the registry page shows: no contacts decrypted, no topics or
    risk groups fetched (exports use the full `stakeholders()` shape)."""
    return (
        queryset.defer(*LIST_PAGE_DEFERRED)
        .prefetch_related(None)
        .prefetch_related(
            languages_in_order(),
            "tags",
        )
    )


def organisations(workspace: Workspace) -> QuerySet[Organisation]:
    """The workspace's organisations with their parent and active stakeholder count."""
    return (
        Organisation.objects.for_workspace(workspace)
        .select_related("parent")
        .annotate(stakeholder_count=_active_stakeholder_count())
    )


def _active_stakeholder_count() -> Coalesce:
    """Active stakeholders per organisation as a correlated subquery: the database counts only
    for the rows it returns (one index range each), not for every organisation of the workspace
    before paginating, as a JOIN + GROUP BY would."""
    counts = (
        Stakeholder.objects.filter(organisation=OuterRef("pk"), archived_at__isnull=True)
        .order_by()
        .values("organisation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def stakeholder_filter_form(
    workspace: Workspace, params, members: list | None = None
) -> StakeholderFilterForm:
    """The filter form with the workspace's topics, tags and members as choices."""
    topics = Topic.objects.for_workspace(workspace).order_by("name").values_list("pk", "name")
    tags = Tag.objects.for_workspace(workspace).order_by("name").values_list("pk", "name")
    return StakeholderFilterForm(
        params, topics=topics, tags=tags, owners=members or member_choices(workspace)
    )


@dataclass
class FilteredList:
    """A filtered, sorted queryset, the form that made it and notes on ignored values."""

    queryset: QuerySet
    form: object
    notes: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)
    members: list = field(default_factory=list)


def _yes_no(queryset: QuerySet, values: dict, key: str, field_name: str) -> QuerySet:
    if key in values:
        queryset = queryset.filter(**{field_name: values[key] == "yes"})
    return queryset


def _archived(queryset: QuerySet, value: str | None) -> QuerySet:
    if value == "archived":
        return queryset.archived()
    if value == "all":
        return queryset
    return queryset.active()


def _ordering(sorts: dict, value: str | None, default: str = "name") -> list:
    key = value or default
    descending = key.startswith("-")
    columns = sorts[key.lstrip("-")]
    ordering = []
    for column in columns:
        expression = Lower(column) if column == "name" else F(column)
        # Only nullable columns get NULLS LAST: on the others it would stop the database from
        # reading the (workspace, archived_at, lower(name), id) index in order.
        nulls = {"nulls_last": True} if column in NULLABLE_SORT_COLUMNS else {}
        ordering.append(expression.desc(**nulls) if descending else expression.asc(**nulls))
    return ordering


def stakeholder_list(workspace: Workspace, membership: Membership | None, params) -> FilteredList:
    """The registry filtered by `params` (a QueryDict or dict), sorted, ready for a page or
    an export."""
    members = member_choices(workspace)
    form = stakeholder_filter_form(workspace, params, members)
    values = form.values()
    queryset = _archived(stakeholders(workspace), values.get("archived"))
    exact = {
        "kind": "kind",
        "category": "category",
        "relation": "relation",
        "organisation": "organisation_id",
        "country": "country",
        "region": "region",
        "safety_level": "safety_level",
    }
    queryset = queryset.filter(**{f: values[k] for k, f in exact.items() if k in values})
    gm = values.get("global_majority")
    if gm == "unknown":
        queryset = queryset.filter(is_global_majority__isnull=True)
    elif gm:
        queryset = queryset.filter(is_global_majority=gm == "yes")
    # Link tables are filtered through subqueries, so a row never appears twice.
    if "language" in values:
        queryset = queryset.filter(
            pk__in=StakeholderLanguage.objects.filter(code=values["language"]).values(
                "stakeholder_id"
            )
        )
    if "risk_group" in values:
        queryset = queryset.filter(
            pk__in=StakeholderRiskGroup.objects.filter(group=values["risk_group"]).values(
                "stakeholder_id"
            )
        )
    if "topic" in values:
        queryset = queryset.filter(
            pk__in=Stakeholder.topics.through.objects.filter(topic_id=values["topic"]).values(
                "stakeholder_id"
            )
        )
    if "tag" in values:
        queryset = queryset.filter(
            pk__in=Stakeholder.tags.through.objects.filter(tag_id=values["tag"]).values(
                "stakeholder_id"
            )
        )
    if owner := values.get("owner"):
        if owner == "none":
            queryset = queryset.filter(relationship_owner__isnull=True)
        else:
            queryset = queryset.filter(relationship_owner_id=int(owner))
    queryset = _yes_no(queryset, values, "standing_agreement", "has_standing_agreement")
    queryset = _yes_no(queryset, values, "compensation", "is_compensation_eligible")
    queryset = _yes_no(queryset, values, "key_relationship", "is_key_relationship")
    queryset = _consent(queryset, values.get("consent"))
    if values.get("never_engaged"):
        queryset = queryset.filter(last_engaged_on__isnull=True)
    elif since := values.get("engaged_since"):
        queryset = queryset.filter(last_engaged_on__gte=since)
    if q := values.get("q"):
        queryset = full_text_filter(queryset, q)
    queryset = queryset.order_by(*_ordering(STAKEHOLDER_SORTS, values.get("sort")))
    return FilteredList(queryset, form, form.notes(), values, members)


def _consent(queryset: QuerySet, state: str | None) -> QuerySet:
    if state == ConsentState.VALID:
        return queryset.filter(has_valid_consent=True)
    if state == ConsentState.NONE:
        return queryset.filter(has_valid_consent=False).exclude(withdrawn_contact_consent())
    if state == ConsentState.WITHDRAWN:
        return queryset.filter(has_valid_consent=False).filter(withdrawn_contact_consent())
    return queryset


def organisation_list(workspace: Workspace, params) -> FilteredList:
    """Organisations filtered and sorted by `params`."""
    form = OrganisationFilterForm(params)
    values = form.values()
    queryset = _archived(organisations(workspace), values.get("archived"))
    queryset = queryset.filter(
        **{k: values[k] for k in ("type", "country", "region") if k in values}
    )
    gm = values.get("global_majority")
    if gm == "unknown":
        queryset = queryset.filter(is_global_majority__isnull=True)
    elif gm:
        queryset = queryset.filter(is_global_majority=gm == "yes")
    if q := values.get("q"):
        queryset = full_text_filter(queryset, q)
    queryset = queryset.order_by(*_ordering(ORGANISATION_SORTS, values.get("sort")))
    return FilteredList(queryset, form, form.notes(), values)


# --- one object


def stakeholder_detail(workspace: Workspace) -> QuerySet[Stakeholder]:
    """Stakeholders for a detail page: everything the page shows in constant queries."""
    return stakeholders(workspace).select_related("merged_into", "organisation__parent")


def consents_of(stakeholder: Stakeholder) -> QuerySet[Consent]:
    """A stakeholder's consent records, newest first, with who recorded them."""
    return (
        Consent.objects.for_workspace(stakeholder.workspace_id)
        .filter(stakeholder=stakeholder)
        .select_related("recorded_by")
        .order_by("-given_at", "-pk")
    )


def organisation_members(organisation: Organisation) -> QuerySet[Stakeholder]:
    """The active stakeholders of an organisation, for its detail page.

    Filtered by the organisation alone: it was fetched within its workspace already, and with
    `workspace_id = ?` as well SQLite (which keeps no planner statistics here) may walk the
    workspace's name index instead of the organisation's — 250 ms instead of 1 ms at 100,000."""
    return (
        _ready_for_lists(Stakeholder.objects.filter(organisation=organisation))
        .active()
        .order_by(Lower("name"), "pk")
    )


def member_choices(workspace: Workspace) -> list[tuple[int, str]]:
    """(user id, label) of the workspace's members, for relationship-owner selects."""
    rows = (
        Membership.objects.filter(workspace=workspace)
        .order_by("user__full_name", "user__email")
        .values_list("user_id", "user__full_name", "user__email")
    )
    return [(pk, name or email) for pk, name, email in rows]


# --- duplicates


@dataclass(frozen=True)
class LikelyDuplicate:
    """An existing stakeholder that may be the same person, and why we think so."""

    stakeholder: Stakeholder
    reason: str
    score: int


def likely_duplicates(
    workspace: Workspace,
    *,
    name: str,
    email: str = "",
    organisation: Organisation | None = None,
    exclude_pk: int | None = None,
) -> list[LikelyDuplicate]:
    """Same email (by its keyed hash), or a similar name at the same organisation."""
    found: dict[int, LikelyDuplicate] = {}
    base = Stakeholder.objects.for_workspace(workspace).filter(merged_into__isnull=True)
    if exclude_pk:
        base = base.exclude(pk=exclude_pk)
    if email:
        for match in base.filter(email_index=blind_index(email))[:10]:
            found[match.pk] = LikelyDuplicate(match, "email", 100)
    if organisation is not None and name:
        wanted = normalise(name)
        candidates = base.filter(organisation=organisation).only(
            "pk", "name", "pseudonym", "safety_level", "organisation_id"
        )
        for match in candidates.iterator(chunk_size=2000):
            score = fuzz.token_sort_ratio(wanted, normalise(match.name))
            if score >= DUPLICATE_NAME_SCORE and match.pk not in found:
                found[match.pk] = LikelyDuplicate(match, "name", round(score))
    return sorted(found.values(), key=lambda d: -d.score)
