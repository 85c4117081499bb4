"""Initiatives, engagement plans, impacts, their actions and the rights catalogue in the API —
through the pages' forms, queries and services."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.db.models.functions import Lower
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from heard.api.auth import can
from heard.api.common import InSchema, check_filters, filter_schema, get_in_workspace, valid
from heard.api.errors import ApiError
from heard.api.pagination import PageParams, filter_params, page_schema, paginate
from heard.core import permissions
from heard.core.concurrency import version_of
from heard.impacts import queries, rights, scoring, services
from heard.impacts.filters import ActionFilterForm, ImpactFilterForm, InitiativeFilterForm
from heard.impacts.forms import (
    ActionForm,
    EngagementPlanForm,
    ImpactForm,
    InitiativeForm,
    StageChangeForm,
    StatusChangeForm,
)
from heard.impacts.models import (
    EngagementPlan,
    Impact,
    ImpactAction,
    Initiative,
    LifecycleStage,
    StageChange,
)
from heard.impacts.views.impacts import _member
from heard.stakeholders.models import Organisation, Stakeholder
from heard.stakeholders.queries import member_choices

initiatives = Router(tags=["initiatives"])
engagement_plans = Router(tags=["engagement plans"])
impacts = Router(tags=["impacts"])
impact_actions = Router(tags=["impact actions"])
rights_catalogue = Router(tags=["rights"])

# An id in a payload: bounded, so no database sees an integer it cannot hold.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
VERSION_HELP = "`version` as you read it: a 409 if the record changed since."
TEXT = 20_000


def _blank_none(data: dict) -> dict:
    return {k: "" if v is None else v for k, v in data.items()}


# --- initiatives


class InitiativeOut(Schema):
    id: int
    version: str
    name: str
    kind: str
    owning_team: str
    description: str
    stage: str
    stage_changed_at: datetime.datetime | None
    impact_count: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    archived_at: datetime.datetime | None


class InitiativeIn(InSchema):
    """An initiative; its stage is set here only when creating (then: `POST …/stage`)."""

    name: str = Field(..., max_length=200)
    kind: str = Field("product", max_length=30)
    owning_team: str = Field("", max_length=200)
    stage: str = Field(LifecycleStage.RESEARCH_DESIGN.value, max_length=30)
    description: str = Field("", max_length=TEXT)


class InitiativePatch(InSchema):
    name: str | None = Field(None, max_length=200)
    kind: str | None = Field(None, max_length=30)
    owning_team: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=TEXT)
    version: str | None = Field(None, max_length=40, description=VERSION_HELP)


class StageIn(InSchema):
    stage: str = Field(..., max_length=30)
    note: str = Field("", max_length=2000)


class StageChangeOut(Schema):
    id: int
    from_stage: str
    to_stage: str
    changed_at: datetime.datetime
    changed_by: int | None
    note: str


InitiativeFilters = filter_schema(InitiativeFilterForm, "InitiativeFilters")
InitiativePage = page_schema(InitiativeOut, "InitiativePage")
StageChangePage = page_schema(StageChangeOut, "StageChangePage")
INITIATIVE_FIELDS = ("name", "kind", "owning_team", "description")


def initiative_out(initiative: Initiative) -> dict:
    return {
        "id": initiative.pk,
        "version": version_of(initiative),
        "name": initiative.name,
        "kind": initiative.kind,
        "owning_team": initiative.owning_team,
        "description": initiative.description,
        "stage": initiative.stage,
        "stage_changed_at": initiative.stage_changed_at,
        "impact_count": getattr(initiative, "impact_count", 0) or 0,
        "created_at": initiative.created_at,
        "updated_at": initiative.updated_at,
        "archived_at": initiative.archived_at,
    }


def stage_change_out(change: StageChange) -> dict:
    return {
        "id": change.pk,
        "from_stage": change.from_stage,
        "to_stage": change.to_stage,
        "changed_at": change.changed_at,
        "changed_by": change.changed_by_id,
        "note": change.note,
    }


def _initiative(request: HttpRequest, pk: int) -> Initiative:
    return get_in_workspace(queries.initiatives(request.workspace), pk)


@initiatives.get(
    "", response=InitiativePage, summary="List initiatives", auth=can(permissions.VIEW)
)
def list_initiatives(request, filters: Query[InitiativeFilters], page: Query[PageParams]):
    """With the list page's filters (`q`, `kind`, `stage`, `team`, `archived`)."""
    found = queries.initiative_list(request.workspace, filter_params(request))
    check_filters(found)
    queryset = queries.initiatives(request.workspace).filter(
        pk__in=found.queryset.order_by().values("pk")
    )
    return paginate(queryset, page, initiative_out)


@initiatives.get(
    "/{int:pk}", response=InitiativeOut, summary="Read an initiative", auth=can(permissions.VIEW)
)
def read_initiative(request, pk: int):
    return initiative_out(_initiative(request, pk))


@initiatives.post(
    "", response={201: InitiativeOut}, summary="Add an initiative", auth=can(permissions.EDIT)
)
def create_initiative(request, payload: InitiativeIn):
    fields = valid(InitiativeForm(_blank_none(payload.dict())))
    initiative = services.create_initiative(
        workspace=request.workspace, actor=request.user, **fields
    )
    return Status(201, initiative_out(_initiative(request, initiative.pk)))


@initiatives.patch(
    "/{int:pk}", response=InitiativeOut, summary="Change an initiative", auth=can(permissions.EDIT)
)
def update_initiative(request, pk: int, payload: InitiativePatch):
    initiative = _initiative(request, pk)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    data = {f: getattr(initiative, f) for f in INITIATIVE_FIELDS}
    data.update(changes)
    fields = valid(InitiativeForm(_blank_none(data), editing=True))
    services.update_initiative(
        workspace=request.workspace,
        actor=request.user,
        initiative=initiative,
        version=version,
        **fields,
    )
    return initiative_out(_initiative(request, pk))


@initiatives.post(
    "/{int:pk}/stage",
    response=InitiativeOut,
    summary="Change the stage",
    auth=can(permissions.EDIT),
)
def change_initiative_stage(request, pk: int, payload: StageIn):
    """Move the initiative to another lifecycle stage; kept in its stage history."""
    initiative = _initiative(request, pk)
    fields = valid(StageChangeForm(payload.dict()))
    services.change_stage(
        workspace=request.workspace, actor=request.user, initiative=initiative, **fields
    )
    return initiative_out(_initiative(request, pk))


@initiatives.get(
    "/{int:pk}/stage-history",
    response=StageChangePage,
    summary="An initiative's stage history",
    auth=can(permissions.VIEW),
)
def list_initiative_stage_changes(request, pk: int, page: Query[PageParams]):
    initiative = _initiative(request, pk)
    return paginate(StageChange.objects.filter(initiative=initiative), page, stage_change_out)


@initiatives.post(
    "/{int:pk}/archive",
    response=InitiativeOut,
    summary="Archive an initiative",
    auth=can(permissions.ARCHIVE),
)
def archive_initiative(request, pk: int):
    services.archive(workspace=request.workspace, actor=request.user, obj=_initiative(request, pk))
    return initiative_out(_initiative(request, pk))


@initiatives.post(
    "/{int:pk}/restore",
    response=InitiativeOut,
    summary="Restore an initiative",
    auth=can(permissions.ARCHIVE),
)
def restore_initiative(request, pk: int):
    services.restore(workspace=request.workspace, actor=request.user, obj=_initiative(request, pk))
    return initiative_out(_initiative(request, pk))


# --- engagement plans


class PlanOut(Schema):
    id: int
    version: str
    initiative: int
    stage: str
    categories: list[str]
    relations: list[str]
    risk_groups: list[str]
    stakeholders: list[int]
    organisations: list[int]
    timing: str
    target_on: datetime.date | None
    cleared_to_share: str
    not_shareable: str
    notes: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    archived_at: datetime.datetime | None


class PlanIn(InSchema):
    """Who should be engaged at one stage, when, and what may be shared. Replaces the plan of
    that stage (and brings an archived one back)."""

    categories: list[str] = Field(default_factory=list, max_length=50)
    relations: list[str] = Field(default_factory=list, max_length=20)
    risk_groups: list[str] = Field(default_factory=list, max_length=50)
    stakeholders: list[Id] = Field(default_factory=list, max_length=500)
    organisations: list[Id] = Field(default_factory=list, max_length=500)
    timing: str = Field("during_stage", max_length=30)
    target_on: datetime.date | None = None
    cleared_to_share: str = Field("", max_length=TEXT)
    not_shareable: str = Field("", max_length=TEXT)
    notes: str = Field("", max_length=TEXT)
    version: str | None = Field(
        None, max_length=40, description="The plan's `version` when replacing it: 409 if stale."
    )


PlanPage = page_schema(PlanOut, "PlanPage")


def plan_out(plan: EngagementPlan) -> dict:
    return {
        "id": plan.pk,
        "version": version_of(plan),
        "initiative": plan.initiative_id,
        "stage": plan.stage,
        "categories": list(plan.categories or ()),
        "relations": list(plan.relations or ()),
        "risk_groups": list(plan.risk_groups or ()),
        "stakeholders": sorted(s.pk for s in plan.stakeholders.all()),
        "organisations": sorted(o.pk for o in plan.organisations.all()),
        "timing": plan.timing,
        "target_on": plan.target_on,
        "cleared_to_share": plan.cleared_to_share,
        "not_shareable": plan.not_shareable,
        "notes": plan.notes,
        "created_at": plan.created_at,
        "updated_at": plan.updated_at,
        "archived_at": plan.archived_at,
    }


def _plans(request: HttpRequest):
    return EngagementPlan.objects.for_workspace(request.workspace).prefetch_related(
        "stakeholders", "organisations"
    )


@initiatives.get(
    "/{int:pk}/plans",
    response=PlanPage,
    summary="List an initiative's engagement plans",
    auth=can(permissions.VIEW),
)
def list_initiative_plans(request, pk: int, page: Query[PageParams]):
    """One plan per lifecycle stage at most; archived ones included (with `archived_at`)."""
    initiative = _initiative(request, pk)
    return paginate(_plans(request).filter(initiative=initiative), page, plan_out)


@initiatives.put(
    "/{int:pk}/plans/{stage}",
    response=PlanOut,
    summary="Save the plan of one stage",
    auth=can(permissions.EDIT),
)
def save_initiative_plan(request, pk: int, stage: str, payload: PlanIn):
    """Create or replace the engagement plan of `stage` (a lifecycle stage)."""
    initiative = _initiative(request, pk)
    if stage not in LifecycleStage.values:
        raise ApiError(
            422,
            "validation_error",
            _("Some values are not valid."),
            {"stage": [_("Unknown lifecycle stage: %(stage)s.") % {"stage": stage[:40]}]},
        )
    data = payload.dict()
    version = data.pop("version")
    active = Stakeholder.objects.for_workspace(request.workspace).active()
    wanted = list(dict.fromkeys(data["stakeholders"]))
    codes = dict(active.filter(pk__in=wanted).values_list("pk", "pseudonym"))
    missing = [str(i) for i in wanted if i not in codes]
    if missing:
        raise ApiError(
            422,
            "validation_error",
            _("Some values are not valid."),
            {
                "stakeholders": [
                    _("No active stakeholder has the id %(ids)s.")
                    % {"ids": ", ".join(missing[:20])}
                ]
            },
        )
    data["stakeholders"] = ", ".join(codes[i] for i in wanted)
    form = EngagementPlanForm(
        _blank_none(data),
        stakeholders=active,
        organisations=Organisation.objects.for_workspace(request.workspace)
        .active()
        .order_by(Lower("name")),
    )
    fields = valid(form)
    plan = services.save_plan(
        workspace=request.workspace,
        actor=request.user,
        initiative=initiative,
        stage=stage,
        version=version,
        **fields,
    )
    return plan_out(get_in_workspace(_plans(request), plan.pk))


@engagement_plans.get(
    "/{int:pk}", response=PlanOut, summary="Read an engagement plan", auth=can(permissions.VIEW)
)
def read_engagement_plan(request, pk: int):
    return plan_out(get_in_workspace(_plans(request), pk))


@engagement_plans.post(
    "/{int:pk}/archive",
    response=PlanOut,
    summary="Archive an engagement plan",
    auth=can(permissions.ARCHIVE),
)
def archive_engagement_plan(request, pk: int):
    """Saving the stage's plan again brings it back."""
    plan = get_in_workspace(_plans(request), pk)
    services.archive(workspace=request.workspace, actor=request.user, obj=plan)
    return plan_out(get_in_workspace(_plans(request), pk))


# --- impacts


class ImpactOut(Schema):
    id: int
    version: str
    title: str
    description: str
    kind: str
    involvement: str
    rights: list[str]
    affected_groups: str
    risk_groups: list[str]
    initiatives: list[int]
    scale: int
    scope: int
    irremediability: int
    likelihood: int | None
    severity: int = Field(description="scale × scope × irremediability (1–125).")
    salience: int = Field(description="severity × likelihood (5 for actual impacts), 1–625.")
    status: str
    next_statuses: list[str]
    status_changed_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    archived_at: datetime.datetime | None


class ImpactIn(InSchema):
    """An impact; severity and salience are computed from the scores. The status moves only
    through `POST /impacts/{id}/status`."""

    title: str = Field(..., max_length=200)
    description: str = Field("", max_length=TEXT)
    kind: str = Field("potential", max_length=20)
    involvement: str = Field("contribute", max_length=30)
    rights: list[str] = Field(..., min_length=1, max_length=100, description="Catalogue codes.")
    affected_groups: str = Field("", max_length=TEXT)
    risk_groups: list[str] = Field(default_factory=list, max_length=50)
    initiatives: list[Id] = Field(default_factory=list, max_length=500)
    scale: int = Field(..., ge=1, le=5)
    scope: int = Field(..., ge=1, le=5)
    irremediability: int = Field(..., ge=1, le=5)
    likelihood: int | None = Field(None, ge=1, le=5, description="Potential impacts only.")


class ImpactPatch(ImpactIn):
    title: str | None = Field(None, max_length=200)
    rights: list[str] | None = Field(None, min_length=1, max_length=100)
    scale: int | None = Field(None, ge=1, le=5)
    scope: int | None = Field(None, ge=1, le=5)
    irremediability: int | None = Field(None, ge=1, le=5)
    version: str | None = Field(None, max_length=40, description=VERSION_HELP)


class ImpactStatusIn(InSchema):
    status: str = Field(..., max_length=30, description="One of the impact's `next_statuses`.")
    note: str = Field("", max_length=2000)


ImpactFilters = filter_schema(ImpactFilterForm, "ImpactFilters")
ImpactPage = page_schema(ImpactOut, "ImpactPage")
IMPACT_FIELDS = (
    "title",
    "description",
    "kind",
    "involvement",
    "affected_groups",
    "scale",
    "scope",
    "irremediability",
    "likelihood",
)


def impact_out(impact: Impact) -> dict:
    return {
        "id": impact.pk,
        "version": version_of(impact),
        "title": impact.title,
        "description": impact.description,
        "kind": impact.kind,
        "involvement": impact.involvement,
        "rights": [r.code for r in impact.right_links.all()],
        "affected_groups": impact.affected_groups,
        "risk_groups": [g.group for g in impact.risk_group_links.all()],
        "initiatives": sorted(i.pk for i in impact.initiatives.all()),
        "scale": impact.scale,
        "scope": impact.scope,
        "irremediability": impact.irremediability,
        "likelihood": impact.likelihood,
        "severity": impact.severity,
        "salience": impact.salience,
        "status": impact.status,
        "next_statuses": [value for value, _label in services.next_statuses(impact)],
        "status_changed_at": impact.status_changed_at,
        "created_at": impact.created_at,
        "updated_at": impact.updated_at,
        "archived_at": impact.archived_at,
    }


def _impact(request: HttpRequest, pk: int) -> Impact:
    return get_in_workspace(queries.impacts(request.workspace), pk)


def _impact_fields(request: HttpRequest, data: dict) -> dict:
    form = ImpactForm(
        _blank_none(data),
        initiatives=Initiative.objects.for_workspace(request.workspace).active().order_by("name"),
    )
    return dict(valid(form))


@impacts.get("", response=ImpactPage, summary="List impacts", auth=can(permissions.VIEW))
def list_impacts(request, filters: Query[ImpactFilters], page: Query[PageParams]):
    """With the list page's filters (`q`, `kind`, `status`, `right`, `min_severity`, …)."""
    found = queries.impact_list(request.workspace, filter_params(request))
    check_filters(found)
    queryset = queries.impacts(request.workspace).filter(
        pk__in=found.queryset.order_by().values("pk")
    )
    return paginate(queryset, page, impact_out)


@impacts.get("/{int:pk}", response=ImpactOut, summary="Read an impact", auth=can(permissions.VIEW))
def read_impact(request, pk: int):
    return impact_out(_impact(request, pk))


@impacts.post(
    "", response={201: ImpactOut}, summary="Register an impact", auth=can(permissions.EDIT)
)
def create_impact(request, payload: ImpactIn):
    fields = _impact_fields(request, payload.dict())
    impact = services.create_impact(workspace=request.workspace, actor=request.user, **fields)
    return Status(201, impact_out(_impact(request, impact.pk)))


@impacts.patch(
    "/{int:pk}", response=ImpactOut, summary="Change an impact", auth=can(permissions.EDIT)
)
def update_impact(request, pk: int, payload: ImpactPatch):
    """Severity and salience are recomputed from the scores."""
    impact = _impact(request, pk)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    data = {f: getattr(impact, f) for f in IMPACT_FIELDS}
    data.update(
        rights=[r.code for r in impact.right_links.all()],
        risk_groups=[g.group for g in impact.risk_group_links.all()],
        initiatives=[i.pk for i in impact.initiatives.all()],
    )
    data.update(changes)
    fields = _impact_fields(request, data)
    services.update_impact(
        workspace=request.workspace, actor=request.user, impact=impact, version=version, **fields
    )
    return impact_out(_impact(request, pk))


@impacts.post(
    "/{int:pk}/status",
    response=ImpactOut,
    summary="Change an impact's status",
    auth=can(permissions.EDIT),
)
def change_impact_status(request, pk: int, payload: ImpactStatusIn):
    """One allowed step (see `next_statuses`), with an optional note kept in the history."""
    impact = _impact(request, pk)
    form = StatusChangeForm(payload.dict(), choices=services.next_statuses(impact))
    services.change_status(
        workspace=request.workspace, actor=request.user, impact=impact, **valid(form)
    )
    return impact_out(_impact(request, pk))


@impacts.post(
    "/{int:pk}/archive",
    response=ImpactOut,
    summary="Archive an impact",
    auth=can(permissions.ARCHIVE),
)
def archive_impact(request, pk: int):
    services.archive(workspace=request.workspace, actor=request.user, obj=_impact(request, pk))
    return impact_out(_impact(request, pk))


@impacts.post(
    "/{int:pk}/restore",
    response=ImpactOut,
    summary="Restore an impact",
    auth=can(permissions.ARCHIVE),
)
def restore_impact(request, pk: int):
    services.restore(workspace=request.workspace, actor=request.user, obj=_impact(request, pk))
    return impact_out(_impact(request, pk))


# --- actions on impacts


class ActionOut(Schema):
    id: int
    version: str
    impact: int
    description: str
    owner: int | None
    due_on: datetime.date | None
    is_done: bool
    done_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    archived_at: datetime.datetime | None


class ActionIn(InSchema):
    description: str = Field(..., max_length=500)
    owner: Id | None = Field(None, description="A member's user id.")
    due_on: datetime.date | None = None


class ActionPatch(InSchema):
    description: str | None = Field(None, max_length=500)
    owner: Id | None = None
    due_on: datetime.date | None = None
    is_done: bool | None = None
    version: str | None = Field(None, max_length=40, description=VERSION_HELP)


ActionFilters = filter_schema(ActionFilterForm, "ActionFilters")
ActionPage = page_schema(ActionOut, "ActionPage")


def action_out(action: ImpactAction) -> dict:
    return {
        "id": action.pk,
        "version": version_of(action),
        "impact": action.impact_id,
        "description": action.description,
        "owner": action.owner_id,
        "due_on": action.due_on,
        "is_done": action.is_done,
        "done_at": action.done_at,
        "created_at": action.created_at,
        "updated_at": action.updated_at,
        "archived_at": action.archived_at,
    }


def _action(request: HttpRequest, pk: int) -> ImpactAction:
    return get_in_workspace(ImpactAction.objects.for_workspace(request.workspace), pk)


def _action_fields(request: HttpRequest, data: dict) -> dict:
    form = ActionForm(_blank_none(data), members=member_choices(request.workspace))
    fields = dict(valid(form))
    fields["owner"] = _member(request.workspace, fields["owner"])
    return fields


@impacts.get(
    "/{int:pk}/actions",
    response=ActionPage,
    summary="List an impact's actions",
    auth=can(permissions.VIEW),
)
def list_impact_actions(request, pk: int, page: Query[PageParams]):
    return paginate(queries.actions_of(_impact(request, pk)), page, action_out)


@impacts.post(
    "/{int:pk}/actions",
    response={201: ActionOut},
    summary="Add an action",
    auth=can(permissions.EDIT),
)
def create_impact_action(request, pk: int, payload: ActionIn):
    impact = _impact(request, pk)
    fields = _action_fields(request, payload.dict())
    fields.pop("is_done", None)
    action = services.create_action(
        workspace=request.workspace, actor=request.user, impact=impact, **fields
    )
    return Status(201, action_out(_action(request, action.pk)))


@impact_actions.get(
    "", response=ActionPage, summary="List actions on impacts", auth=can(permissions.VIEW)
)
def list_all_impact_actions(request, filters: Query[ActionFilters], page: Query[PageParams]):
    """Across the workspace, with the list page's filters (`state`, `owner`, `impact_status`)."""
    found = queries.action_list(request.workspace, filter_params(request))
    check_filters(found)
    queryset = ImpactAction.objects.for_workspace(request.workspace).filter(
        pk__in=found.queryset.order_by().values("pk")
    )
    return paginate(queryset, page, action_out)


@impact_actions.get(
    "/{int:pk}", response=ActionOut, summary="Read an action", auth=can(permissions.VIEW)
)
def read_impact_action(request, pk: int):
    return action_out(_action(request, pk))


@impact_actions.patch(
    "/{int:pk}", response=ActionOut, summary="Change an action", auth=can(permissions.EDIT)
)
def update_impact_action(request, pk: int, payload: ActionPatch):
    """Marking it done stamps `done_at`."""
    action = _action(request, pk)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    data = {
        "description": action.description,
        "owner": action.owner_id,
        "due_on": action.due_on,
        "is_done": action.is_done,
    }
    data.update(changes)
    fields = _action_fields(request, data)
    services.update_action(
        workspace=request.workspace, actor=request.user, action=action, version=version, **fields
    )
    return action_out(_action(request, pk))


@impact_actions.post(
    "/{int:pk}/archive",
    response=ActionOut,
    summary="Archive an action",
    auth=can(permissions.ARCHIVE),
)
def archive_impact_action(request, pk: int):
    services.archive(workspace=request.workspace, actor=request.user, obj=_action(request, pk))
    return action_out(_action(request, pk))


@impact_actions.post(
    "/{int:pk}/restore",
    response=ActionOut,
    summary="Restore an action",
    auth=can(permissions.ARCHIVE),
)
def restore_impact_action(request, pk: int):
    services.restore(workspace=request.workspace, actor=request.user, obj=_action(request, pk))
    return action_out(_action(request, pk))


# --- the rights catalogue (read-only)


class RightOut(Schema):
    code: str
    instrument: str
    instrument_name: str
    article: str
    name: str
    label: str


class ScoreGuidanceOut(Schema):
    scale: dict[str, str]
    scope: dict[str, str]
    irremediability: dict[str, str]
    likelihood: dict[str, str]


def right_out(right: rights.Right) -> dict:
    return {
        "code": right.code,
        "instrument": right.instrument,
        "instrument_name": str(rights.INSTRUMENTS[right.instrument].name),
        "article": right.article_label,
        "name": str(right.name),
        "label": right.label,
    }


@rights_catalogue.get(
    "", response=list[RightOut], summary="The rights catalogue", auth=can(permissions.VIEW)
)
def list_rights(request):
    """The internationally recognised human rights an impact can name (UNGP 12), in your
    language; `code` is what impacts store."""
    return [right_out(r) for r in rights.RIGHTS]


@rights_catalogue.get(
    "/scores", response=ScoreGuidanceOut, summary="Score guidance", auth=can(permissions.VIEW)
)
def read_score_guidance(request):
    """What each score from 1 to 5 means for scale, scope, irremediability and likelihood."""
    return {
        name: {str(n): str(text) for n, text in scoring.GUIDANCE[name].items()}
        for name in ("scale", "scope", "irremediability", "likelihood")
    }


@rights_catalogue.get(
    "/{code}", response=RightOut, summary="Read a right", auth=can(permissions.VIEW)
)
def read_right(request, code: str):
    right = rights.CATALOGUE.get(code)
    if right is None:
        raise Http404
    return right_out(right)
