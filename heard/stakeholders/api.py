"""The registry in the API: stakeholders and organisations, through the pages' forms, queries
and services. High-risk people's identities stay hidden from roles that may not see them."""

from __future__ import annotations

import datetime

from django.db.models.functions import Lower
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from heard.api.auth import can
from heard.api.common import InSchema, check_filters, filter_schema, get_in_workspace, valid
from heard.api.errors import ApiError
from heard.api.pagination import PageParams, filter_params, page_schema, paginate
from heard.core import permissions
from heard.core.concurrency import version_of
from heard.stakeholders import queries, services
from heard.stakeholders.filters import OrganisationFilterForm, StakeholderFilterForm
from heard.stakeholders.forms import OrganisationForm, StakeholderForm, stakeholder_initial
from heard.stakeholders.models import Organisation, Stakeholder

stakeholders = Router(tags=["stakeholders"])
organisations = Router(tags=["organisations"])


# --- stakeholders


class StakeholderOut(Schema):
    id: int
    version: str
    name: str
    identity_hidden: bool = Field(
        description="True when your role sees a pseudonym instead of this person's identity."
    )
    kind: str
    category: str
    relation: str
    organisation: int | None
    role_at_organisation: str
    country: str
    region: str
    is_global_majority: bool | None
    languages: list[str]
    time_zone: str
    topics: list[str]
    lived_experience: str | None
    risk_groups: list[str]
    safety_level: str
    relationship_owner: int | None
    has_standing_agreement: bool
    is_compensation_eligible: bool
    is_key_relationship: bool
    tags: list[str]
    email: str | None
    phone: str | None
    messaging_handle: str | None
    notes: str | None
    last_engaged_on: datetime.date | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    archived_at: datetime.datetime | None


class StakeholderIn(InSchema):
    """A stakeholder's fields; on update, only the fields sent change."""

    name: str = Field(..., max_length=200)
    kind: str = "external"
    category: str = "other"
    relation: str = "other_relevant"
    organisation: int | None = None
    role_at_organisation: str = Field("", max_length=200)
    country: str = Field("", max_length=2)
    languages: list[str] = Field(default_factory=list, max_length=50)
    time_zone: str = Field("", max_length=64)
    topics: list[str] = Field(default_factory=list, max_length=100)
    lived_experience: str = Field("", max_length=20_000)
    risk_groups: list[str] = Field(default_factory=list, max_length=50)
    safety_level: str = "standard"
    relationship_owner: int | None = None
    has_standing_agreement: bool = False
    is_compensation_eligible: bool = False
    is_key_relationship: bool = False
    tags: list[str] = Field(default_factory=list, max_length=100)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=50)
    messaging_handle: str = Field("", max_length=200)
    notes: str = Field("", max_length=20_000)
    create_anyway: bool = Field(
        False, description="Create even when likely duplicates exist (otherwise 409)."
    )


class StakeholderPatch(StakeholderIn):
    name: str | None = Field(None, max_length=200)
    version: str | None = Field(
        None, description="`version` as you read it: a 409 if the record changed since."
    )


StakeholderFilters = filter_schema(StakeholderFilterForm, "StakeholderFilters")
StakeholderPage = page_schema(StakeholderOut, "StakeholderPage")
TEXT_LISTS = ("languages", "topics", "tags")


def stakeholder_out(stakeholder: Stakeholder, membership) -> dict:
    hidden = stakeholder.is_identity_hidden_for(membership)
    return {
        "id": stakeholder.pk,
        "version": version_of(stakeholder),
        "name": stakeholder.display_name_for(membership),
        "identity_hidden": hidden,
        "kind": stakeholder.kind,
        "category": stakeholder.category,
        "relation": stakeholder.relation,
        "organisation": stakeholder.organisation_id,
        "role_at_organisation": "" if hidden else stakeholder.role_at_organisation,
        "country": stakeholder.country.code or "",
        "region": stakeholder.region,
        "is_global_majority": stakeholder.is_global_majority,
        "languages": [link.code for link in stakeholder.language_links.all()],
        "time_zone": stakeholder.time_zone,
        "topics": sorted(t.name for t in stakeholder.topics.all()),
        "lived_experience": None if hidden else stakeholder.lived_experience,
        "risk_groups": [link.group for link in stakeholder.risk_group_links.all()],
        "safety_level": stakeholder.safety_level,
        "relationship_owner": stakeholder.relationship_owner_id,
        "has_standing_agreement": stakeholder.has_standing_agreement,
        "is_compensation_eligible": stakeholder.is_compensation_eligible,
        "is_key_relationship": stakeholder.is_key_relationship,
        "tags": sorted(t.name for t in stakeholder.tags.all()),
        "email": None if hidden else stakeholder.email,
        "phone": None if hidden else stakeholder.phone,
        "messaging_handle": None if hidden else stakeholder.messaging_handle,
        "notes": None if hidden else stakeholder.notes,
        "last_engaged_on": stakeholder.last_engaged_on,
        "created_at": stakeholder.created_at,
        "updated_at": stakeholder.updated_at,
        "archived_at": stakeholder.archived_at,
    }


def _stakeholder_form(request: HttpRequest, data: dict) -> StakeholderForm:
    workspace = request.workspace
    data = {k: ", ".join(v) if k in TEXT_LISTS else v for k, v in data.items()}
    data = {k: "" if v is None else v for k, v in data.items()}
    return StakeholderForm(
        data,
        workspace=workspace,
        organisations=Organisation.objects.for_workspace(workspace)
        .active()
        .order_by(Lower("name")),
        members=queries.member_choices(workspace),
    )


def _save_stakeholder(request, data: dict, stakeholder=None, version=None) -> Stakeholder:
    workspace = request.workspace
    topics = services.topics_named(workspace, data.pop("topics"))
    tags = services.tags_named(workspace, data.pop("tags"))
    common = {
        "workspace": workspace,
        "actor": request.user,
        "languages": data.pop("languages"),
        "risk_groups": data.pop("risk_groups"),
        "topics": topics,
        "tags": tags,
    }
    if stakeholder is None:
        return services.create_stakeholder(**common, **data)
    return services.update_stakeholder(stakeholder=stakeholder, version=version, **common, **data)


def _one(request, pk: int) -> Stakeholder:
    return get_in_workspace(queries.stakeholders(request.workspace), pk)


@stakeholders.get(
    "", response=StakeholderPage, summary="List stakeholders", auth=can(permissions.VIEW)
)
def list_stakeholders(request, filters: Query[StakeholderFilters], page: Query[PageParams]):
    """The registry with the registry page's filters (`q`, `country`, `safety_level`, …):
    `filters` documents them; the page's own filter form reads them from the query string."""
    found = queries.stakeholder_list(request.workspace, request.membership, filter_params(request))
    check_filters(found)
    queryset = queries.stakeholders(request.workspace).filter(
        pk__in=found.queryset.order_by().values("pk")
    )
    return paginate(queryset, page, lambda s: stakeholder_out(s, request.membership))


@stakeholders.get(
    "/{int:pk}", response=StakeholderOut, summary="Read a stakeholder", auth=can(permissions.VIEW)
)
def read_stakeholder(request, pk: int):
    return stakeholder_out(_one(request, pk), request.membership)


@stakeholders.post(
    "",
    response={201: StakeholderOut},
    summary="Add a stakeholder",
    auth=can(permissions.CONTRIBUTE),
)
def create_stakeholder(request, payload: StakeholderIn):
    data = payload.dict()
    create_anyway = data.pop("create_anyway")
    form = _stakeholder_form(request, data)
    valid(form)
    form_data = form.service_fields()
    duplicates = queries.likely_duplicates(
        request.workspace,
        name=form_data["name"],
        email=form_data["email"],
        organisation=form_data["organisation"],
    )
    if duplicates and not create_anyway:
        raise ApiError(
            409,
            "likely_duplicate",
            _("This may be someone already in the registry; send create_anyway to add anyway."),
            {"name": [str(d.stakeholder.pk) for d in duplicates]},
        )
    stakeholder = _save_stakeholder(request, form_data)
    return Status(201, stakeholder_out(_one(request, stakeholder.pk), request.membership))


@stakeholders.patch(
    "/{int:pk}", response=StakeholderOut, summary="Change a stakeholder", auth=can(permissions.EDIT)
)
def update_stakeholder(request, pk: int, payload: StakeholderPatch):
    stakeholder = _one(request, pk)
    if stakeholder.is_identity_hidden_for(request.membership):
        raise ApiError(403, "permission_denied", _("Your role does not allow this."))
    changes = payload.dict(exclude_unset=True)
    changes.pop("create_anyway", None)
    version = changes.pop("version", None)
    data = stakeholder_initial(stakeholder)
    for name in TEXT_LISTS:
        data[name] = [v.strip() for v in data[name].split(",") if v.strip()]
    data.update(changes)
    form = _stakeholder_form(request, data)
    valid(form)
    _save_stakeholder(request, form.service_fields(), stakeholder, version)
    return stakeholder_out(_one(request, pk), request.membership)


@stakeholders.post(
    "/{int:pk}/archive",
    response=StakeholderOut,
    summary="Archive a stakeholder",
    auth=can(permissions.ARCHIVE),
)
def archive_stakeholder(request, pk: int):
    services.archive(workspace=request.workspace, actor=request.user, obj=_one(request, pk))
    return stakeholder_out(_one(request, pk), request.membership)


@stakeholders.post(
    "/{int:pk}/restore",
    response=StakeholderOut,
    summary="Restore a stakeholder",
    auth=can(permissions.ARCHIVE),
)
def restore_stakeholder(request, pk: int):
    services.restore(workspace=request.workspace, actor=request.user, obj=_one(request, pk))
    return stakeholder_out(_one(request, pk), request.membership)


# --- organisations


class OrganisationOut(Schema):
    id: int
    version: str
    name: str
    type: str
    country: str
    region: str
    is_global_majority: bool | None
    website: str
    description: str
    parent: int | None
    stakeholder_count: int
    last_engaged_on: datetime.date | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    archived_at: datetime.datetime | None


class OrganisationIn(InSchema):
    name: str = Field(..., max_length=200)
    type: str = "other"
    country: str = Field("", max_length=2)
    website: str = Field("", max_length=200)
    description: str = Field("", max_length=20_000)
    parent: int | None = None


class OrganisationPatch(OrganisationIn):
    name: str | None = Field(None, max_length=200)
    version: str | None = Field(
        None, description="`version` as you read it: a 409 if the record changed since."
    )


OrganisationFilters = filter_schema(OrganisationFilterForm, "OrganisationFilters")
OrganisationPage = page_schema(OrganisationOut, "OrganisationPage")
ORGANISATION_FIELDS = ("name", "type", "country", "website", "description", "parent")


def organisation_out(organisation: Organisation) -> dict:
    return {
        "id": organisation.pk,
        "version": version_of(organisation),
        "name": organisation.name,
        "type": organisation.type,
        "country": organisation.country.code or "",
        "region": organisation.region,
        "is_global_majority": organisation.is_global_majority,
        "website": organisation.website,
        "description": organisation.description,
        "parent": organisation.parent_id,
        "stakeholder_count": getattr(organisation, "stakeholder_count", 0),
        "last_engaged_on": organisation.last_engaged_on,
        "created_at": organisation.created_at,
        "updated_at": organisation.updated_at,
        "archived_at": organisation.archived_at,
    }


def _organisation_fields(request, data: dict, instance=None) -> dict:
    data = {k: "" if v is None else v for k, v in data.items()}
    form = OrganisationForm(
        data,
        instance=instance,
        organisations=Organisation.objects.for_workspace(request.workspace)
        .active()
        .order_by(Lower("name")),
    )
    cleaned = valid(form)
    fields = {f: cleaned[f] for f in ORGANISATION_FIELDS}
    fields["country"] = fields["country"] or ""
    return fields


def _organisation(request, pk: int) -> Organisation:
    return get_in_workspace(queries.organisations(request.workspace), pk)


@organisations.get(
    "", response=OrganisationPage, summary="List organisations", auth=can(permissions.VIEW)
)
def list_organisations(request, filters: Query[OrganisationFilters], page: Query[PageParams]):
    found = queries.organisation_list(request.workspace, filter_params(request))
    check_filters(found)
    queryset = queries.organisations(request.workspace).filter(
        pk__in=found.queryset.order_by().values("pk")
    )
    return paginate(queryset, page, organisation_out)


@organisations.get(
    "/{int:pk}",
    response=OrganisationOut,
    summary="Read an organisation",
    auth=can(permissions.VIEW),
)
def read_organisation(request, pk: int):
    return organisation_out(_organisation(request, pk))


@organisations.post(
    "",
    response={201: OrganisationOut},
    summary="Add an organisation",
    auth=can(permissions.CONTRIBUTE),
)
def create_organisation(request, payload: OrganisationIn):
    fields = _organisation_fields(request, payload.dict())
    organisation = services.create_organisation(
        workspace=request.workspace, actor=request.user, **fields
    )
    return Status(201, organisation_out(_organisation(request, organisation.pk)))


@organisations.patch(
    "/{int:pk}",
    response=OrganisationOut,
    summary="Change an organisation",
    auth=can(permissions.EDIT),
)
def update_organisation(request, pk: int, payload: OrganisationPatch):
    organisation = _organisation(request, pk)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    data = {f: getattr(organisation, f) for f in ORGANISATION_FIELDS}
    data.update(country=organisation.country.code or "", parent=organisation.parent_id)
    data.update(changes)
    fields = _organisation_fields(request, data, instance=organisation)
    services.update_organisation(
        workspace=request.workspace,
        actor=request.user,
        organisation=organisation,
        version=version,
        **fields,
    )
    return organisation_out(_organisation(request, pk))


@organisations.post(
    "/{int:pk}/archive",
    response=OrganisationOut,
    summary="Archive an organisation",
    auth=can(permissions.ARCHIVE),
)
def archive_organisation(request, pk: int):
    services.archive(
        workspace=request.workspace, actor=request.user, obj=_organisation(request, pk)
    )
    return organisation_out(_organisation(request, pk))


@organisations.post(
    "/{int:pk}/restore",
    response=OrganisationOut,
    summary="Restore an organisation",
    auth=can(permissions.ARCHIVE),
)
def restore_organisation(request, pk: int):
    services.restore(
        workspace=request.workspace, actor=request.user, obj=_organisation(request, pk)
    )
    return organisation_out(_organisation(request, pk))
