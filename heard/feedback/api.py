"""The feedback loop in the API: inputs, decisions, responses and summaries, commitments —
through the pages' forms, queries and services.

Who gave an input is shown exactly as the input pages show it (heard.feedback.attribution):
Chatham House inputs name their source to the core team only, anonymous ones to nobody, and
high-risk stakeholders stay pseudonymised for roles that may not see identities.
"""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
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
from heard.engagements.models import Engagement
from heard.feedback import queries, services
from heard.feedback.attribution import (
    attribution_rule,
    attribution_visible,
    is_core_team,
    needs_summary,
    source_label,
)
from heard.feedback.filters import CommitmentFilterForm, InputFilterForm
from heard.feedback.forms import (
    CommitmentForm,
    ConflictForm,
    DecisionForm,
    InputForm,
    MergeForm,
    ProgressForm,
    ResponseForm,
    SummaryForm,
)
from heard.feedback.models import (
    MAX_INPUT_LENGTH,
    Commitment,
    CommitmentUpdate,
    Decision,
    Input,
    InputConflict,
    Response,
)
from heard.feedback.services.responses import MAX_BODY, template_languages
from heard.stakeholders.models import Stakeholder
from heard.stakeholders.queries import member_choices
from heard.stakeholders.vocab import language_label

inputs = Router(tags=["inputs"])
decisions = Router(tags=["decisions"])
commitments = Router(tags=["commitments"])
responses = Router(tags=["responses"])

MAX_TEXT = 20_000
MAX_IDS = 500


def _blank(data: dict) -> dict:
    """Form data from a payload: None is an empty field, as a page posts it."""
    return {k: "" if v is None else v for k, v in data.items()}


# --- inputs


class InputOut(Schema):
    id: int
    version: str
    text: str
    kind: str
    source: str
    language: str
    engagement: int | None
    session: int | None
    attribution_rule: str = Field(
        description="chatham_house, attributed_with_consent or anonymous: who may see the source."
    )
    source_visible: bool = Field(
        description="False when your role may not see who gave the input (Chatham House rule, "
        "anonymous): stakeholder and organisation are then null."
    )
    source_label: str = Field(description="Who gave the input, as your role may see it.")
    stakeholder: int | None
    organisation: int | None
    is_anonymous: bool
    impacts: list[int]
    initiatives: list[int]
    topics: list[int]
    outcome: str = Field(description="The current decision's outcome; empty while undecided.")
    loop_due_on: datetime.date | None
    loop_closed_at: datetime.datetime | None
    merged_into: int | None
    recorded_by: int | None = Field(description="Shown to the core team only.")
    created_at: datetime.datetime
    updated_at: datetime.datetime
    archived_at: datetime.datetime | None


class InputIn(InSchema):
    """An input's fields; on update, only the fields sent change."""

    text: str = Field(..., max_length=MAX_INPUT_LENGTH)
    kind: str = Field("concern", max_length=20)
    engagement: int | None = None
    session: int | None = None
    stakeholder: int | None = None
    organisation: int | None = None
    is_anonymous: bool = False
    source: str = Field("session", max_length=10)
    language: str = Field("", max_length=12, description="ISO 639-1; detected when empty.")
    impacts: list[int] = Field(default_factory=list, max_length=MAX_IDS)
    initiatives: list[int] = Field(default_factory=list, max_length=MAX_IDS)
    topics: list[int] = Field(default_factory=list, max_length=MAX_IDS)


class InputPatch(InputIn):
    text: str | None = Field(None, max_length=MAX_INPUT_LENGTH)
    version: str | None = Field(
        None, max_length=40, description="`version` as you read it: a 409 if it changed since."
    )


class DecisionOut(Schema):
    id: int
    input: int
    version: int
    is_current: bool
    outcome: str
    rationale: str
    risk_management: str
    referred_to_team: str
    decided_by: int | None
    decided_at: datetime.datetime


class ConflictOut(Schema):
    id: int
    input: int = Field(description="The other input of the pair.")
    note: str
    created_at: datetime.datetime


class InputDetailOut(InputOut):
    current_decision: DecisionOut | None
    conflicts: list[ConflictOut]
    commitments: list[int]
    merged_from: list[int]


class DecisionIn(InSchema):
    outcome: str = Field(..., max_length=20)
    rationale: str = Field("", max_length=MAX_TEXT)
    risk_management: str = Field("", max_length=MAX_TEXT)
    referred_to_team: str = Field("", max_length=200)


class ConflictIn(InSchema):
    other: int = Field(..., description="The id of the input this one conflicts with.")
    note: str = Field("", max_length=MAX_TEXT)


class MergeIn(InSchema):
    keep: int = Field(..., description="The id of the input this one duplicates (it stays).")


InputFilters = filter_schema(InputFilterForm, "InputFilters")
InputPage = page_schema(InputOut, "InputPage")


def input_out(row: Input, membership) -> dict:
    visible = attribution_visible(row, membership)
    hidden_person = bool(
        visible and row.stakeholder_id and row.stakeholder.is_identity_hidden_for(membership)
    )
    return {
        "id": row.pk,
        "version": version_of(row),
        "text": row.text,
        "kind": row.kind,
        "source": row.source,
        "language": row.language,
        "engagement": row.engagement_id,
        "session": row.session_id,
        "attribution_rule": attribution_rule(row),
        "source_visible": visible,
        "source_label": str(source_label(row, membership)),
        "stakeholder": row.stakeholder_id if visible else None,
        "organisation": row.organisation_id if visible and not hidden_person else None,
        "is_anonymous": row.is_anonymous,
        "impacts": sorted(i.pk for i in row.impacts.all()),
        "initiatives": sorted(i.pk for i in row.initiatives.all()),
        "topics": sorted(t.pk for t in row.topics.all()),
        "outcome": row.outcome,
        "loop_due_on": row.loop_due_on,
        "loop_closed_at": row.loop_closed_at,
        "merged_into": row.merged_into_id,
        "recorded_by": row.recorded_by_id if is_core_team(membership) else None,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "archived_at": row.archived_at,
    }


def decision_out(decision: Decision) -> dict:
    return {
        "id": decision.pk,
        "input": decision.input_id,
        "version": decision.version,
        "is_current": decision.is_current,
        "outcome": decision.outcome,
        "rationale": decision.rationale,
        "risk_management": decision.risk_management,
        "referred_to_team": decision.referred_to_team,
        "decided_by": decision.decided_by_id,
        "decided_at": decision.decided_at,
    }


def conflict_out(conflict: InputConflict, other: Input) -> dict:
    return {
        "id": conflict.pk,
        "input": other.pk,
        "note": conflict.note,
        "created_at": conflict.created_at,
    }


def input_detail_out(row: Input, membership) -> dict:
    decisions_ = list(row.decisions.all())
    current = next((d for d in decisions_ if d.is_current), None)
    return {
        **input_out(row, membership),
        "current_decision": decision_out(current) if current else None,
        "conflicts": [conflict_out(c, other) for c, other in queries.conflicts_of(row)],
        "commitments": [c.pk for c in row.commitments.all()],
        "merged_from": [i.pk for i in row.merged_from.all()],
    }


def _input_list_queryset(workspace):
    return queries.inputs(workspace).prefetch_related("impacts", "initiatives", "topics")


def _input(request, pk: int) -> Input:
    return get_in_workspace(queries.input_detail(request.workspace), pk)


def _input_form(request, data: dict, current: Input | None = None) -> InputForm:
    data = _blank(data)
    choices = queries.input_form_choices(request.workspace, request.membership, data, current)
    return InputForm(data, choices=choices)


@inputs.get("", response=InputPage, summary="List inputs", auth=can(permissions.VIEW))
def list_inputs(request, filters: Query[InputFilters], page: Query[PageParams]):  # noqa: ARG001
    """Inputs with the input list page's filters (`q`, `kind`, `engagement`, `outcome`,
    `loop`, `stakeholder`, `show`, …). Filtering by stakeholder only matches inputs whose
    source your role may see."""
    found = queries.input_list(request.workspace, request.membership, filter_params(request))
    check_filters(found)
    queryset = _input_list_queryset(request.workspace).filter(
        pk__in=found.queryset.order_by().values("pk")
    )
    return paginate(queryset, page, lambda row: input_out(row, request.membership))


@inputs.get(
    "/{int:pk}", response=InputDetailOut, summary="Read an input", auth=can(permissions.VIEW)
)
def read_input(request, pk: int):
    return input_detail_out(_input(request, pk), request.membership)


@inputs.post(
    "", response={201: InputDetailOut}, summary="Record an input", auth=can(permissions.CONTRIBUTE)
)
def create_input(request, payload: InputIn):
    """Record one input (the same rules as the input and entry pages: an anonymous input or
    an input of an anonymous engagement names nobody)."""
    form = _input_form(request, payload.dict())
    data = valid(form)
    row = services.record_input(
        workspace=request.workspace,
        actor=request.user,
        **queries.input_service_fields(request.workspace, data),
    )
    return Status(201, input_detail_out(_input(request, row.pk), request.membership))


@inputs.patch(
    "/{int:pk}", response=InputDetailOut, summary="Change an input", auth=can(permissions.EDIT)
)
def update_input(request, pk: int, payload: InputPatch):
    row = _input(request, pk)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    data = queries.input_initial(row)
    data.update(changes)
    form = _input_form(request, data, current=row)
    cleaned = valid(form)
    services.update_input(
        workspace=request.workspace,
        actor=request.user,
        input=row,
        version=version,
        **queries.input_service_fields(request.workspace, cleaned),
    )
    return input_detail_out(_input(request, pk), request.membership)


@inputs.post(
    "/{int:pk}/archive",
    response=InputDetailOut,
    summary="Archive an input",
    auth=can(permissions.ARCHIVE),
)
def archive_input(request, pk: int):
    services.archive_input(
        workspace=request.workspace, actor=request.user, input=_input(request, pk)
    )
    return input_detail_out(_input(request, pk), request.membership)


@inputs.post(
    "/{int:pk}/restore",
    response=InputDetailOut,
    summary="Restore an input",
    auth=can(permissions.ARCHIVE),
)
def restore_input(request, pk: int):
    services.restore_input(
        workspace=request.workspace, actor=request.user, input=_input(request, pk)
    )
    return input_detail_out(_input(request, pk), request.membership)


def _other_input(request, pk, field: str) -> Input:
    other = Input.objects.for_workspace(request.workspace).filter(pk=pk).first()
    if other is None:
        raise ApiError(
            422,
            "validation_error",
            _("Some values are not valid."),
            {field: [_("There is no input with that number.")]},
        )
    return other


@inputs.post(
    "/{int:pk}/merge",
    response=InputDetailOut,
    summary="Merge a duplicate input",
    auth=can(permissions.ARCHIVE),
)
def merge_input(request, pk: int, payload: MergeIn):
    """Merge this input into `keep`, the input it duplicates: its decisions, links and
    responses move there; this one stays as the trace (`merged_into`). Answers with `keep`."""
    duplicate = _input(request, pk)
    data = valid(MergeForm(payload.dict()))
    keep = _other_input(request, data["keep"], "keep")
    services.merge_inputs(
        workspace=request.workspace, actor=request.user, keep=keep, duplicate=duplicate
    )
    return input_detail_out(_input(request, keep.pk), request.membership)


@inputs.get(
    "/{int:pk}/conflicts",
    response=list[ConflictOut],
    summary="An input's conflicts",
    auth=can(permissions.VIEW),
)
def list_input_conflicts(request, pk: int):
    row = _input(request, pk)
    return [conflict_out(c, other) for c, other in queries.conflicts_of(row)]


@inputs.post(
    "/{int:pk}/conflicts",
    response={201: ConflictOut},
    summary="Link a conflicting input",
    auth=can(permissions.EDIT),
)
def link_input_conflict(request, pk: int, payload: ConflictIn):
    """Link this input to another that pulls in a different direction: both are kept and
    shown side by side."""
    row = _input(request, pk)
    data = valid(ConflictForm(_blank(payload.dict())))
    other = _other_input(request, data["other"], "other")
    conflict = services.link_conflict(
        workspace=request.workspace, actor=request.user, input=row, other=other, note=data["note"]
    )
    return Status(201, conflict_out(conflict, other))


@inputs.delete(
    "/conflicts/{int:conflict_id}",
    response={204: None},
    summary="Remove a conflict link",
    auth=can(permissions.EDIT),
)
def remove_input_conflict(request, conflict_id: int):
    conflict = get_in_workspace(InputConflict.objects.for_workspace(request.workspace), conflict_id)
    services.unlink_conflict(workspace=request.workspace, actor=request.user, conflict=conflict)
    return Status(204, None)


@inputs.post(
    "/{int:pk}/decide",
    response={201: DecisionOut},
    summary="Decide on an input",
    auth=can(permissions.EDIT),
)
def decide_input(request, pk: int, payload: DecisionIn):
    """Decide on the input or revise the decision: a new version becomes current and the
    earlier ones stay. A rationale is required for every outcome other than adopted; how the
    risk is still managed when the input is not followed in full; the team when referred."""
    row = _input(request, pk)
    data = valid(DecisionForm(payload.dict()))
    decision = services.decide_input(
        workspace=request.workspace, actor=request.user, input=row, **data
    )
    return Status(201, decision_out(decision))


@inputs.get(
    "/{int:pk}/decisions",
    response=list[DecisionOut],
    summary="An input's decisions",
    auth=can(permissions.VIEW),
)
def list_input_decisions(request, pk: int):
    """Every version of the decision on the input, newest first."""
    row = _input(request, pk)
    return [decision_out(d) for d in queries.decision_history(row)]


@decisions.get(
    "/{int:pk}", response=DecisionOut, summary="Read a decision", auth=can(permissions.VIEW)
)
def read_decision(request, pk: int):
    return decision_out(get_in_workspace(Decision.objects.for_workspace(request.workspace), pk))


# --- commitments


class CommitmentUpdateOut(Schema):
    id: int
    status: str
    progress: int
    note: str
    evidence: str
    recorded_by: int | None
    notified_count: int
    created_at: datetime.datetime


class CommitmentOut(Schema):
    id: int
    version: str
    title: str
    description: str
    owner: int | None
    due_on: datetime.date | None
    status: str
    progress: int
    evidence: str
    is_public: bool
    inputs: list[int]
    decisions: list[int]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    archived_at: datetime.datetime | None


class CommitmentDetailOut(CommitmentOut):
    updates: list[CommitmentUpdateOut]


class CommitmentIn(InSchema):
    """A commitment's fields; on update, only the fields sent change."""

    title: str = Field(..., max_length=200)
    description: str = Field("", max_length=MAX_TEXT)
    owner: int | None = Field(None, description="A member's user id.")
    due_on: datetime.date | None = None
    status: str = Field("planned", max_length=20)
    progress: int = Field(0, ge=0, le=100)
    evidence: str = Field("", max_length=MAX_TEXT)
    is_public: bool = False
    inputs: list[int] = Field(
        default_factory=list, max_length=MAX_IDS, description="Ids of the inputs it answers."
    )


class CommitmentPatch(CommitmentIn):
    title: str | None = Field(None, max_length=200)
    version: str | None = Field(
        None, max_length=40, description="`version` as you read it: a 409 if it changed since."
    )


class ProgressIn(InSchema):
    status: str = Field(..., max_length=20)
    progress: int = Field(..., ge=0, le=100)
    note: str = Field(..., max_length=MAX_TEXT)
    evidence: str = Field("", max_length=MAX_TEXT)
    notify: bool = Field(
        True, description="Email the stakeholders whose input led to it (with their consent)."
    )


CommitmentFilters = filter_schema(CommitmentFilterForm, "CommitmentFilters")
CommitmentPage = page_schema(CommitmentOut, "CommitmentPage")


def update_out(update: CommitmentUpdate) -> dict:
    return {
        "id": update.pk,
        "status": update.status,
        "progress": update.progress,
        "note": update.note,
        "evidence": update.evidence,
        "recorded_by": update.recorded_by_id,
        "notified_count": update.notified_count,
        "created_at": update.created_at,
    }


def commitment_out(c: Commitment) -> dict:
    return {
        "id": c.pk,
        "version": version_of(c),
        "title": c.title,
        "description": c.description,
        "owner": c.owner_id,
        "due_on": c.due_on,
        "status": c.status,
        "progress": c.progress,
        "evidence": c.evidence,
        "is_public": c.is_public,
        "inputs": sorted(i.pk for i in c.inputs.all()),
        "decisions": sorted(d.pk for d in c.decisions.all()),
        "created_at": c.created_at,
        "updated_at": c.updated_at,
        "archived_at": c.archived_at,
    }


def commitment_detail_out(c: Commitment) -> dict:
    return {**commitment_out(c), "updates": [update_out(u) for u in c.updates.all()]}


def _commitment(request, pk: int) -> Commitment:
    return get_in_workspace(queries.commitment_detail(request.workspace), pk)


def _commitment_fields(request, data: dict) -> dict:
    data = _blank(data)
    data["inputs"] = ", ".join(str(pk) for pk in data.get("inputs") or [])
    form = CommitmentForm(data, owners=member_choices(request.workspace))
    return queries.commitment_service_fields(request.workspace, valid(form))


@commitments.get(
    "", response=CommitmentPage, summary="List commitments", auth=can(permissions.VIEW)
)
def list_commitments(request, filters: Query[CommitmentFilters], page: Query[PageParams]):  # noqa: ARG001
    """Commitments with the list page's filters (`q`, `status`, `owner`, `overdue`, `show`)."""
    found = queries.commitment_list(request.workspace, filter_params(request))
    check_filters(found)
    queryset = (
        Commitment.objects.for_workspace(request.workspace)
        .filter(pk__in=found.queryset.order_by().values("pk"))
        .prefetch_related(
            Prefetch("inputs", queryset=Input.objects.for_workspace(request.workspace).only("pk")),
            Prefetch(
                "decisions",
                queryset=Decision.objects.for_workspace(request.workspace).only("pk"),
            ),
        )
    )
    return paginate(queryset, page, commitment_out)


@commitments.get(
    "/{int:pk}",
    response=CommitmentDetailOut,
    summary="Read a commitment",
    auth=can(permissions.VIEW),
)
def read_commitment(request, pk: int):
    """A commitment with its progress history (newest first)."""
    return commitment_detail_out(_commitment(request, pk))


@commitments.post(
    "", response={201: CommitmentDetailOut}, summary="Add a commitment", auth=can(permissions.EDIT)
)
def create_commitment(request, payload: CommitmentIn):
    """Record a commitment, linked to the inputs it answers (and their current decisions)."""
    fields = _commitment_fields(request, payload.dict())
    commitment = services.create_commitment(
        workspace=request.workspace, actor=request.user, **fields
    )
    return Status(201, commitment_detail_out(_commitment(request, commitment.pk)))


@commitments.patch(
    "/{int:pk}",
    response=CommitmentDetailOut,
    summary="Change a commitment",
    auth=can(permissions.EDIT),
)
def update_commitment(request, pk: int, payload: CommitmentPatch):
    commitment = _commitment(request, pk)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    data = queries.commitment_initial(commitment)
    data["inputs"] = [int(v) for v in data["inputs"].split(", ") if v]
    data.update(changes)
    fields = _commitment_fields(request, data)
    services.update_commitment(
        workspace=request.workspace,
        actor=request.user,
        commitment=commitment,
        version=version,
        **fields,
    )
    return commitment_detail_out(_commitment(request, pk))


@commitments.post(
    "/{int:pk}/progress",
    response={201: CommitmentUpdateOut},
    summary="Report progress",
    auth=can(permissions.EDIT),
)
def record_commitment_progress(request, pk: int, payload: ProgressIn):
    """Report progress: the history keeps every report, the commitment shows the latest, and
    the stakeholders whose input led to it are told by email (with consent) unless `notify`
    is false."""
    commitment = _commitment(request, pk)
    data = valid(ProgressForm(payload.dict()))
    update = services.record_progress(
        workspace=request.workspace, actor=request.user, commitment=commitment, **data
    )
    return Status(201, update_out(update))


@commitments.post(
    "/{int:pk}/archive",
    response=CommitmentDetailOut,
    summary="Archive a commitment",
    auth=can(permissions.ARCHIVE),
)
def archive_commitment(request, pk: int):
    services.archive_commitment(
        workspace=request.workspace, actor=request.user, commitment=_commitment(request, pk)
    )
    return commitment_detail_out(_commitment(request, pk))


@commitments.post(
    "/{int:pk}/restore",
    response=CommitmentDetailOut,
    summary="Restore a commitment",
    auth=can(permissions.ARCHIVE),
)
def restore_commitment(request, pk: int):
    services.archive_commitment(
        workspace=request.workspace,
        actor=request.user,
        commitment=_commitment(request, pk),
        restore=True,
    )
    return commitment_detail_out(_commitment(request, pk))


# --- responses and the engagement summary


class ResponseOut(Schema):
    id: int
    stakeholder: int | None
    stakeholder_name: str
    engagement: int | None
    inputs: list[int]
    channel: str
    language: str
    subject: str
    body: str = Field(description="As sent; the personal portal link is never stored.")
    sent_at: datetime.datetime
    recorded_by: int | None
    created_at: datetime.datetime


class ResponseIn(InSchema):
    channel: str = Field(
        ..., max_length=10, description="email sends it now; portal, call, meeting record it."
    )
    language: str = Field("", max_length=12)
    subject: str = Field("", max_length=200)
    body: str = Field(
        ...,
        max_length=MAX_BODY,
        description="Leave [portal-link] where the email should carry the personal link.",
    )
    sent_at: datetime.datetime | None = Field(
        None, description="When it was given (calls and meetings); now when empty."
    )


class DraftOut(Schema):
    stakeholder: int
    stakeholder_name: str
    engagement: int
    language: str
    languages: list[str] = Field(description="Languages the message can be composed in.")
    subject: str
    body: str
    inputs: list[int]
    undecided: list[int] = Field(description="Inputs still without a decision: decide first.")
    has_consent: bool
    has_email: bool


class RespondentOut(Schema):
    stakeholder: int
    name: str
    identity_hidden: bool
    total: int
    decided: int
    open: int


class SummaryOut(Schema):
    engagement: int
    version: str = Field(description="Send it back when saving: a 409 if it changed since.")
    what_we_heard: str
    what_we_did: str
    is_draft: bool = Field(description="True for a proposal composed now, not yet saved.")
    published_at: datetime.datetime | None
    published_by: int | None


class SummaryIn(InSchema):
    what_we_heard: str = Field(..., max_length=MAX_TEXT * 5)
    what_we_did: str = Field(..., max_length=MAX_TEXT * 5)
    publish: bool = Field(
        False,
        description="Publish it: closes the loops of the engagement's anonymous and Chatham "
        "House inputs that have a decision.",
    )
    version: str | None = Field(
        None, max_length=40, description="`version` as you read it: a 409 if it changed since."
    )


class LoopCountsOut(Schema):
    total: int
    decided: int
    closed: int
    overdue: int


class EngagementLoopsOut(Schema):
    engagement: int
    counts: LoopCountsOut
    respondents: list[RespondentOut]
    summary: SummaryOut | None
    summary_inputs: int = Field(description="Inputs whose loop closes with the summary.")
    summary_open: int
    responses: list[ResponseOut] = Field(description="The latest 100 responses.")


def response_out(response: Response, membership) -> dict:
    person = response.stakeholder
    return {
        "id": response.pk,
        "stakeholder": response.stakeholder_id,
        "stakeholder_name": person.display_name_for(membership) if person else "",
        "engagement": response.engagement_id,
        "inputs": sorted(i.pk for i in response.inputs.all()),
        "channel": response.channel,
        "language": response.language,
        "subject": response.subject,
        "body": response.body,
        "sent_at": response.sent_at,
        "recorded_by": response.recorded_by_id,
        "created_at": response.created_at,
    }


def summary_out(summary, engagement: Engagement) -> dict:
    if summary is None:
        heard, did = queries.draft_summary(engagement)
        return {
            "engagement": engagement.pk,
            "version": version_of(None),
            "what_we_heard": heard,
            "what_we_did": did,
            "is_draft": True,
            "published_at": None,
            "published_by": None,
        }
    return {
        "engagement": engagement.pk,
        "version": version_of(summary),
        "what_we_heard": summary.what_we_heard,
        "what_we_did": summary.what_we_did,
        "is_draft": False,
        "published_at": summary.published_at,
        "published_by": summary.published_by_id,
    }


def _engagement(request, pk: int) -> Engagement:
    return get_in_workspace(Engagement.objects.for_workspace(request.workspace), pk)


def _stakeholder(request, pk: int) -> Stakeholder:
    return get_in_workspace(Stakeholder.objects.for_workspace(request.workspace), pk)


def _responses(request: HttpRequest):
    return (
        Response.objects.for_workspace(request.workspace)
        .select_related("stakeholder")
        .prefetch_related(
            Prefetch("inputs", queryset=Input.objects.for_workspace(request.workspace).only("pk"))
        )
    )


@responses.get(
    "/engagements/{int:engagement_id}",
    response=EngagementLoopsOut,
    summary="An engagement's loops",
    auth=can(permissions.EDIT),
)
def read_engagement_loops(request, engagement_id: int):
    """Who gave input at the engagement and whether each has been told, the loop counts, the
    summary and the latest responses — the engagement's response page."""
    engagement = _engagement(request, engagement_id)
    rows = queries.respondents(engagement)
    people = {
        s.pk: s
        for s in Stakeholder.objects.for_workspace(request.workspace).filter(
            pk__in=[r["stakeholder_id"] for r in rows]
        )
    }
    respondents = []
    for row in rows:
        person = people[row["stakeholder_id"]]
        respondents.append(
            {
                "stakeholder": person.pk,
                "name": person.display_name_for(request.membership),
                "identity_hidden": person.is_identity_hidden_for(request.membership),
                "total": row["total"],
                "decided": row["decided"],
                "open": row["open"],
            }
        )
    respondents.sort(key=lambda r: (r["open"] == 0, r["name"].casefold()))
    summary_inputs = [i for i in queries.engagement_inputs(engagement) if needs_summary(i)]
    summary = queries.summary_for(engagement)
    latest = _responses(request).filter(engagement=engagement).order_by("-sent_at", "-pk")[:100]
    return {
        "engagement": engagement.pk,
        "counts": queries.engagement_loop_counts(engagement),
        "respondents": respondents,
        "summary": summary_out(summary, engagement) if summary else None,
        "summary_inputs": len(summary_inputs),
        "summary_open": sum(1 for i in summary_inputs if i.loop_closed_at is None),
        "responses": [response_out(r, request.membership) for r in latest],
    }


@responses.get(
    "/engagements/{int:engagement_id}/to/{int:stakeholder_id}",
    response=DraftOut,
    summary="Compose a response",
    auth=can(permissions.EDIT),
)
def compose_response(
    request,
    engagement_id: int,
    stakeholder_id: int,
    language: str | None = Query(None, max_length=12),
):
    """The message covering all the stakeholder's inputs from the engagement, composed from
    the current decisions in their language: review it, then POST it to send or record."""
    engagement = _engagement(request, engagement_id)
    stakeholder = _stakeholder(request, stakeholder_id)
    draft = services.compose_response(
        workspace=request.workspace,
        stakeholder=stakeholder,
        engagement=engagement,
        language=language,
    )
    return {
        "stakeholder": stakeholder.pk,
        "stakeholder_name": stakeholder.display_name_for(request.membership),
        "engagement": engagement.pk,
        "language": draft.language,
        "languages": list(template_languages()),
        "subject": draft.subject,
        "body": draft.body,
        "inputs": [i.pk for i in draft.inputs],
        "undecided": [i.pk for i in draft.undecided],
        "has_consent": services.has_contact_consent(stakeholder),
        "has_email": bool(stakeholder.email),
    }


@responses.post(
    "/engagements/{int:engagement_id}/to/{int:stakeholder_id}",
    response={201: ResponseOut},
    summary="Send or record a response",
    auth=can(permissions.EDIT),
)
def send_response(request, engagement_id: int, stakeholder_id: int, payload: ResponseIn):
    """`channel: email` sends the message with the stakeholder's personal portal link (it
    needs an email address and a valid consent to contact); `call`, `meeting` or `portal`
    record it as given. Every input must have a decision; the stakeholder's loops close."""
    engagement = _engagement(request, engagement_id)
    stakeholder = _stakeholder(request, stakeholder_id)
    data = payload.dict()
    if data["sent_at"] is not None:
        data["sent_at"] = data["sent_at"].isoformat()
    languages = [(code, language_label(code)) for code in template_languages()]
    cleaned = valid(ResponseForm(_blank(data), languages=languages))
    channel = cleaned["channel"]
    response = services.send_response(
        workspace=request.workspace,
        actor=request.user,
        stakeholder=stakeholder,
        engagement=engagement,
        channel=channel,
        subject=cleaned.get("subject", ""),
        body=cleaned["body"],
        language=cleaned.get("language", ""),
        sent_at=cleaned.get("sent_at") if channel != "email" else None,
    )
    return Status(201, response_out(_responses(request).get(pk=response.pk), request.membership))


@responses.get(
    "/{int:pk}",
    response=ResponseOut,
    summary="Read a response",
    auth=can(permissions.VIEW_IDENTITY),
)
def read_response(request, pk: int):
    """One response as sent or given (core team only: it says who said what)."""
    return response_out(get_in_workspace(_responses(request), pk), request.membership)


@responses.get(
    "/engagements/{int:engagement_id}/summary",
    response=SummaryOut,
    summary="Read an engagement's summary",
    auth=can(permissions.EDIT),
)
def read_summary(request, engagement_id: int):
    """The engagement's "what we heard, what we did" — or, before one is saved, a draft
    composed from the inputs and decisions (no attribution: it goes to every participant)."""
    engagement = _engagement(request, engagement_id)
    return summary_out(queries.summary_for(engagement), engagement)


@responses.post(
    "/engagements/{int:engagement_id}/summary",
    response=SummaryOut,
    summary="Save or publish an engagement's summary",
    auth=can(permissions.EDIT),
)
def save_summary(request, engagement_id: int, payload: SummaryIn):
    """Save the summary as a draft, or publish it (`publish: true`): publishing closes the
    loops of the engagement's anonymous and Chatham House inputs that have a decision."""
    engagement = _engagement(request, engagement_id)
    data = payload.dict()
    publish, version = data.pop("publish"), data.pop("version")
    cleaned = valid(SummaryForm(data))
    services.save_summary(
        workspace=request.workspace,
        actor=request.user,
        engagement=engagement,
        publish=publish,
        version=version,
        **cleaned,
    )
    return summary_out(queries.summary_for(engagement), engagement)
