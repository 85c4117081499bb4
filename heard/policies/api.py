"""Policies in the API: policies, their versions with the inputs each considered, the status
moves (consult, publish, reopen with a reason) and the forums (read-only) — through the pages'
forms, queries and services."""

from __future__ import annotations

import datetime
from typing import Annotated

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
from heard.feedback.models import Input
from heard.policies import queries, services
from heard.policies.forms import (
    ForumFilterForm,
    PolicyFilterForm,
    PolicyForm,
    ReopenForm,
    VersionForm,
)
from heard.policies.models import Policy, PolicyForum, PolicyVersion
from heard.policies.views.common import member_choices, user_of
from heard.policies.views.forums import policy_choices

policies = Router(tags=["policies"])

MAX_TEXT = 200_000
MAX_ID = 2**63 - 1


# --- policies


class PolicyOut(Schema):
    id: int
    version: str
    title: str
    area: str
    owner: int | None
    description: str
    status: str = Field(description="The current version's status.")
    current_number: int = Field(description="The current version's number.")
    published_at: datetime.datetime | None = Field(description="Last publication.")
    has_new_input: bool = Field(description="Input arrived since the last publication.")
    forum_count: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    archived_at: datetime.datetime | None


class PolicyIn(InSchema):
    title: str = Field(..., max_length=200)
    area: str = Field("content", max_length=20)
    owner: int | None = Field(None, description="User id of a member of the workspace.")
    description: str = Field("", max_length=20_000)
    text: str = Field(..., max_length=MAX_TEXT, description="The text of version 1.")


class PolicyPatch(InSchema):
    title: str | None = Field(None, max_length=200)
    area: str | None = Field(None, max_length=20)
    owner: int | None = None
    description: str | None = Field(None, max_length=20_000)
    version: str | None = Field(
        None, max_length=64, description="`version` as you read it: a 409 if it changed since."
    )


class ReopenIn(InSchema):
    reason: str = Field(..., max_length=20_000, description="Why the policy is reopened.")


PolicyFilters = filter_schema(PolicyFilterForm, "PolicyFilters")
PolicyPage = page_schema(PolicyOut, "PolicyPage")
POLICY_FIELDS = ("title", "area", "owner", "description")


def policy_out(policy: Policy) -> dict:
    return {
        "id": policy.pk,
        "version": version_of(policy),
        "title": policy.title,
        "area": policy.area,
        "owner": policy.owner_id,
        "description": policy.description,
        "status": policy.status,
        "current_number": policy.current_number,
        "published_at": policy.published_at,
        "has_new_input": bool(getattr(policy, "has_new_input", False)),
        "forum_count": getattr(policy, "forum_count", 0) or 0,
        "created_at": policy.created_at,
        "updated_at": policy.updated_at,
        "archived_at": policy.archived_at,
    }


def _policy(request: HttpRequest, pk: int) -> Policy:
    return get_in_workspace(queries.policies(request.workspace), pk)


def _policy_form(request: HttpRequest, data: dict, *, with_text: bool) -> dict:
    data = {k: "" if v is None else v for k, v in data.items()}
    form = PolicyForm(data, members=member_choices(request.workspace), with_text=with_text)
    cleaned = dict(valid(form))
    cleaned["owner"] = user_of(request, cleaned.get("owner"))
    return cleaned


@policies.get("", response=PolicyPage, summary="List policies", auth=can(permissions.VIEW))
def list_policies(request, filters: Query[PolicyFilters], page: Query[PageParams]):  # noqa: ARG001 (filters documents the parameters; the page's form reads them)
    """The policy list with its page's filters (`q`, `area`, `status`, `owner`, `new_input`,
    `archived`)."""
    found = queries.policy_list(
        request.workspace, filter_params(request), owners=member_choices(request.workspace)
    )
    check_filters(found)
    queryset = queries.policies(request.workspace).filter(
        pk__in=found.queryset.order_by().values("pk")
    )
    return paginate(queryset, page, policy_out)


@policies.get("/{int:pk}", response=PolicyOut, summary="Read a policy", auth=can(permissions.VIEW))
def read_policy(request, pk: int):
    return policy_out(_policy(request, pk))


@policies.post(
    "",
    response={201: PolicyOut},
    summary="Write a new policy and its version 1",
    auth=can(permissions.EDIT),
)
def create_policy(request, payload: PolicyIn):
    data = _policy_form(request, payload.dict(), with_text=True)
    policy = services.create_policy(workspace=request.workspace, actor=request.user, **data)
    return Status(201, policy_out(_policy(request, policy.pk)))


@policies.patch(
    "/{int:pk}", response=PolicyOut, summary="Change a policy", auth=can(permissions.EDIT)
)
def update_policy(request, pk: int, payload: PolicyPatch):
    """Title, area, owner or description; the text changes through its open version."""
    policy = _policy(request, pk)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    data = {
        "title": policy.title,
        "area": policy.area,
        "owner": policy.owner_id,
        "description": policy.description,
    }
    data.update(changes)
    fields = _policy_form(request, data, with_text=False)
    services.update_policy(
        workspace=request.workspace,
        actor=request.user,
        policy=policy,
        version=version,
        **{name: fields[name] for name in POLICY_FIELDS},
    )
    return policy_out(_policy(request, pk))


@policies.post(
    "/{int:pk}/archive",
    response=PolicyOut,
    summary="Archive a policy",
    auth=can(permissions.ARCHIVE),
)
def archive_policy(request, pk: int):
    services.set_archived(
        workspace=request.workspace, actor=request.user, obj=_policy(request, pk), archived=True
    )
    return policy_out(_policy(request, pk))


@policies.post(
    "/{int:pk}/restore",
    response=PolicyOut,
    summary="Restore a policy",
    auth=can(permissions.ARCHIVE),
)
def restore_policy(request, pk: int):
    services.set_archived(
        workspace=request.workspace, actor=request.user, obj=_policy(request, pk), archived=False
    )
    return policy_out(_policy(request, pk))


# --- versions


class DecisionOut(Schema):
    outcome: str
    rationale: str
    decided_by: int | None
    decided_at: datetime.datetime | None


class ConsideredInputOut(Schema):
    id: int
    kind: str
    text: str
    engagement: int | None
    created_at: datetime.datetime
    decision: DecisionOut | None = Field(description="The input's current decision, if any.")


class VersionOut(Schema):
    id: int
    version: str
    policy: int
    number: int
    status: str
    text: str
    summary_of_changes: str
    consultation_started_at: datetime.datetime | None
    published_at: datetime.datetime | None
    published_by: int | None
    reopened_at: datetime.datetime | None
    reopened_by: int | None
    reopen_reason: str
    created_at: datetime.datetime
    updated_at: datetime.datetime


class VersionDetailOut(VersionOut):
    considered_inputs: list[ConsideredInputOut]


class VersionPatch(InSchema):
    text: str | None = Field(None, max_length=MAX_TEXT)
    summary_of_changes: str | None = Field(None, max_length=20_000)
    version: str | None = Field(
        None, max_length=64, description="`version` as you read it: a 409 if it changed since."
    )


class InputsIn(InSchema):
    inputs: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(
        ..., min_length=1, max_length=200, description="Input ids."
    )


VersionPage = page_schema(VersionOut, "PolicyVersionPage")


def version_out(version: PolicyVersion) -> dict:
    return {
        "id": version.pk,
        "version": version_of(version),
        "policy": version.policy_id,
        "number": version.number,
        "status": version.status,
        "text": version.text,
        "summary_of_changes": version.summary_of_changes,
        "consultation_started_at": version.consultation_started_at,
        "published_at": version.published_at,
        "published_by": version.published_by_id,
        "reopened_at": version.reopened_at,
        "reopened_by": version.reopened_by_id,
        "reopen_reason": version.reopen_reason,
        "created_at": version.created_at,
        "updated_at": version.updated_at,
    }


def _decision_out(decision) -> dict | None:
    if decision is None:
        return None
    return {
        "outcome": decision.outcome,
        "rationale": decision.rationale,
        "decided_by": decision.decided_by_id,
        "decided_at": decision.decided_at,
    }


def input_out(row: Input) -> dict:
    # What the policy pages show of an input: what was said and what was decided — never who
    # said it (attribution stays on the input's own page, under its rules).
    decisions = getattr(row, "current_decisions", None) or []
    return {
        "id": row.pk,
        "kind": row.kind,
        "text": row.text,
        "engagement": row.engagement_id,
        "created_at": row.created_at,
        "decision": _decision_out(decisions[0] if decisions else None),
    }


def version_detail_out(version: PolicyVersion) -> dict:
    considered = [input_out(row) for row in queries.considered_inputs(version)]
    return {**version_out(version), "considered_inputs": considered}


def _version(request: HttpRequest, pk: int) -> PolicyVersion:
    return get_in_workspace(
        PolicyVersion.objects.for_workspace(request.workspace).select_related("policy"), pk
    )


def _inputs(request: HttpRequest, ids: list[int]) -> list[Input]:
    """The workspace's inputs with these ids; any other id is a 422 naming it."""
    wanted = list(dict.fromkeys(ids))
    found = list(Input.objects.for_workspace(request.workspace).filter(pk__in=wanted))
    missing = sorted(set(wanted) - {row.pk for row in found})
    if missing:
        raise ApiError(
            422,
            "validation_error",
            _("Some values are not valid."),
            {"inputs": [_("No input %(id)s in this workspace.") % {"id": pk} for pk in missing]},
        )
    return found


@policies.get(
    "/{int:pk}/versions",
    response=VersionPage,
    summary="List a policy's versions",
    auth=can(permissions.VIEW),
)
def list_policy_versions(request, pk: int, page: Query[PageParams]):
    policy = _policy(request, pk)
    return paginate(queries.versions_of(policy), page, version_out)


@policies.get(
    "/versions/{int:pk}",
    response=VersionDetailOut,
    summary="Read a policy version",
    auth=can(permissions.VIEW),
)
def read_policy_version(request, pk: int):
    """One version with the inputs it considered and the current decision on each."""
    return version_detail_out(_version(request, pk))


@policies.patch(
    "/versions/{int:pk}",
    response=VersionDetailOut,
    summary="Change a version",
    auth=can(permissions.EDIT),
)
def update_policy_version(request, pk: int, payload: VersionPatch):
    """The text and summary of changes of a version not yet published."""
    version = _version(request, pk)
    changes = payload.dict(exclude_unset=True)
    token = changes.pop("version", None)
    data = {"text": version.text, "summary_of_changes": version.summary_of_changes}
    data.update({k: "" if v is None else v for k, v in changes.items()})
    cleaned = valid(VersionForm(data))
    services.update_version(
        workspace=request.workspace,
        actor=request.user,
        version=version,
        edit_version=token,
        **cleaned,
    )
    return version_detail_out(_version(request, pk))


@policies.post(
    "/versions/{int:pk}/consult",
    response=VersionDetailOut,
    summary="Put a draft in consultation",
    auth=can(permissions.EDIT),
)
def consult_policy_version(request, pk: int):
    services.start_consultation(
        workspace=request.workspace, actor=request.user, version=_version(request, pk)
    )
    return version_detail_out(_version(request, pk))


@policies.post(
    "/versions/{int:pk}/publish",
    response=VersionDetailOut,
    summary="Publish a version",
    auth=can(permissions.EDIT),
)
def publish_policy_version(request, pk: int):
    """From version 2 on, the summary of changes must be written first (else 422)."""
    services.publish_version(
        workspace=request.workspace, actor=request.user, version=_version(request, pk)
    )
    return version_detail_out(_version(request, pk))


@policies.post(
    "/{int:pk}/reopen",
    response={201: VersionDetailOut},
    summary="Reopen a published policy",
    auth=can(permissions.EDIT),
)
def reopen_policy(request, pk: int, payload: ReopenIn):
    """The published version is marked reopened with the reason; answers the new draft."""
    cleaned = valid(ReopenForm(payload.dict()))
    draft = services.reopen_policy(
        workspace=request.workspace,
        actor=request.user,
        policy=_policy(request, pk),
        reason=cleaned["reason"],
    )
    return Status(201, version_detail_out(_version(request, draft.pk)))


@policies.post(
    "/versions/{int:pk}/inputs",
    response=VersionDetailOut,
    summary="Add inputs to what a version considers",
    auth=can(permissions.EDIT),
)
def consider_policy_inputs(request, pk: int, payload: InputsIn):
    version = _version(request, pk)
    services.consider_inputs(
        workspace=request.workspace,
        actor=request.user,
        version=version,
        inputs=_inputs(request, payload.inputs),
    )
    return version_detail_out(_version(request, pk))


@policies.delete(
    "/versions/{int:pk}/inputs/{int:input_id}",
    response=VersionDetailOut,
    summary="Take an input off what a version considers",
    auth=can(permissions.EDIT),
)
def unconsider_policy_input(request, pk: int, input_id: int):
    version = _version(request, pk)
    found = get_in_workspace(Input.objects.for_workspace(request.workspace), input_id)
    services.unconsider_input(
        workspace=request.workspace, actor=request.user, version=version, input=found
    )
    return version_detail_out(_version(request, pk))


# --- inputs about a policy


PolicyInputPage = page_schema(ConsideredInputOut, "PolicyInputPage")


@policies.get(
    "/{int:pk}/inputs",
    response=PolicyInputPage,
    summary="List the inputs about a policy",
    auth=can(permissions.VIEW),
)
def list_policy_inputs(request, pk: int, page: Query[PageParams]):
    """Linked to the policy, or heard in its forums' meetings (as the policy's inputs page)."""
    return paginate(queries.policy_inputs(_policy(request, pk)), page, input_out)


@policies.post(
    "/{int:pk}/inputs",
    response=PolicyInputPage,
    summary="Link inputs to a policy",
    auth=can(permissions.EDIT),
)
def link_policy_inputs(request, pk: int, payload: InputsIn):
    """Answers the first page of the policy's inputs."""
    policy = _policy(request, pk)
    services.link_inputs(
        workspace=request.workspace,
        actor=request.user,
        policy=policy,
        inputs=_inputs(request, payload.inputs),
    )
    return paginate(queries.policy_inputs(policy), PageParams(), input_out)


@policies.delete(
    "/{int:pk}/inputs/{int:input_id}",
    response=PolicyInputPage,
    summary="Unlink an input from a policy",
    auth=can(permissions.EDIT),
)
def unlink_policy_input(request, pk: int, input_id: int):
    """Versions that considered it keep it. Answers the first page of the policy's inputs."""
    policy = _policy(request, pk)
    found = get_in_workspace(Input.objects.for_workspace(request.workspace), input_id)
    services.unlink_input(
        workspace=request.workspace, actor=request.user, policy=policy, input=found
    )
    return paginate(queries.policy_inputs(policy), PageParams(), input_out)


# --- forums (read-only)


class ForumOut(Schema):
    id: int
    version: str
    policy: int
    policy_version: int | None = Field(description="The policy version the forum is about.")
    title: str
    owner: int | None
    purpose: str
    meeting_count: int
    minutes_status: str | None
    steps_done: int
    steps_total: int
    current_step: int | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    archived_at: datetime.datetime | None


ForumFilters = filter_schema(ForumFilterForm, "PolicyForumFilters")
ForumPage = page_schema(ForumOut, "PolicyForumPage")


def forum_out(forum: PolicyForum) -> dict:
    progress = getattr(forum, "progress", None)
    return {
        "id": forum.pk,
        "version": version_of(forum),
        "policy": forum.policy_id,
        "policy_version": forum.version_id,
        "title": forum.title,
        "owner": forum.owner_id,
        "purpose": forum.purpose,
        "meeting_count": getattr(forum, "meeting_count", 0) or 0,
        "minutes_status": getattr(forum, "minutes_status", None),
        "steps_done": progress.done_count if progress else 0,
        "steps_total": progress.total if progress else 0,
        "current_step": progress.current_step if progress else None,
        "created_at": forum.created_at,
        "updated_at": forum.updated_at,
        "archived_at": forum.archived_at,
    }


@policies.get(
    "/forums", response=ForumPage, summary="List policy forums", auth=can(permissions.VIEW)
)
def list_policy_forums(request, filters: Query[ForumFilters], page: Query[PageParams]):  # noqa: ARG001
    """The forum list with its page's filters (`q`, `policy`, `minutes`, `archived`)."""
    found = queries.forum_list(
        request.workspace, filter_params(request), policy_choices=policy_choices(request.workspace)
    )
    check_filters(found)
    queryset = queries.forums(request.workspace).filter(
        pk__in=found.queryset.order_by().values("pk")
    )
    result = paginate(queryset, page)
    result["results"] = [forum_out(f) for f in queries.with_progress(result["results"])]
    return result


@policies.get(
    "/forums/{int:pk}", response=ForumOut, summary="Read a policy forum", auth=can(permissions.VIEW)
)
def read_policy_forum(request, pk: int):
    forum = get_in_workspace(queries.forums(request.workspace), pk)
    return forum_out(queries.with_progress([forum])[0])
