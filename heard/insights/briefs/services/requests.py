"""Insight requests: filing, the answering workflow (links, summary), answer, decline, close."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.errors import DomainError
from heard.core.models import User, Workspace
from heard.feedback.models import Input
from heard.impacts.models import Impact, Initiative
from heard.insights.briefs.models import (
    InsightRequest,
    PlanningCycle,
    RequestStatus,
)
from heard.insights.briefs.models.requests import MAX_CONTEXT, MAX_SUMMARY
from heard.insights.briefs.services.common import check_same_workspace, record_change, validate
from heard.insights.briefs.services.notify import tell_requester
from heard.insights.themes.models import Theme
from heard.policies.models import Policy

# Where links may still change: the brief of an answered request may be revised.
LINKABLE = (RequestStatus.SUBMITTED, RequestStatus.IN_PROGRESS, RequestStatus.ANSWERED)


def _text(value: str | None, *, field: str, max_length: int, message: str = "") -> str:
    text = (value or "").strip()
    if message and not text:
        raise DomainError(message, field=field)
    if len(text) > max_length:
        raise DomainError(
            _("At most %(limit)d characters, please.") % {"limit": max_length}, field=field
        )
    return text


def _check_request(workspace: Workspace, request: InsightRequest) -> None:
    check_same_workspace(workspace, request)


@transaction.atomic
def file_request(
    *,
    workspace: Workspace,
    actor: User | None,
    question: str,
    team: str,
    context: str = "",
    needed_by: datetime.date | None = None,
    cycle: PlanningCycle | None = None,
    initiative: Initiative | None = None,
    policy: Policy | None = None,
    impact: Impact | None = None,
) -> InsightRequest:
    """A team's question to the engagement team; it may name a cycle, or come at any time."""
    check_same_workspace(workspace, cycle, initiative, policy, impact)
    request = InsightRequest(
        workspace=workspace,
        question=_text(
            question,
            field="question",
            max_length=2_000,
            message=_("Say what you want to know."),
        ),
        context=_text(context, field="context", max_length=MAX_CONTEXT),
        team=team,
        requester=actor if getattr(actor, "pk", None) else None,
        needed_by=needed_by,
        cycle=cycle,
        initiative=initiative,
        policy=policy,
        impact=impact,
    )
    validate(request)
    request.save()
    record_change(workspace=workspace, actor=actor, obj=request, before={})
    return request


def _move(
    workspace: Workspace, actor, request: InsightRequest, status: str, allowed, **fields
) -> InsightRequest:
    _check_request(workspace, request)
    if request.status not in allowed:
        raise DomainError(
            _("This request is %(status)s: it cannot change that way.")
            % {"status": request.get_status_display().lower()}
        )
    before = audit.snapshot(request)
    request.status = status
    for name, value in fields.items():
        setattr(request, name, value)
    request.save()
    record_change(workspace=workspace, actor=actor, obj=request, before=before)
    return request


@transaction.atomic
def start_request(
    *, workspace: Workspace, actor: User | None, request: InsightRequest
) -> InsightRequest:
    """The engagement team takes the request on."""
    return _move(workspace, actor, request, RequestStatus.IN_PROGRESS, (RequestStatus.SUBMITTED,))


def _link(
    *, workspace, actor, request: InsightRequest, obj, relation: str, add: bool
) -> InsightRequest:
    _check_request(workspace, request)
    check_same_workspace(workspace, obj)
    if request.status not in LINKABLE:
        raise DomainError(_("A closed or declined request keeps its brief as it is."))
    manager = getattr(request, relation)
    ids = sorted(manager.values_list("pk", flat=True))
    if add == (obj.pk in ids):
        return request
    (manager.add if add else manager.remove)(obj)
    after = sorted(set(ids) | {obj.pk}) if add else [i for i in ids if i != obj.pk]
    before = audit.snapshot(request)
    if request.status == RequestStatus.SUBMITTED:
        request.status = RequestStatus.IN_PROGRESS
        request.save(update_fields=["status", "updated_at"])
    record_change(
        workspace=workspace, actor=actor, obj=request, before=before, extra={relation: [ids, after]}
    )
    return request


@transaction.atomic
def link_theme(*, workspace: Workspace, actor, request: InsightRequest, theme: Theme):
    """Add a theme to the answer (the request is then in progress)."""
    return _link(
        workspace=workspace, actor=actor, request=request, obj=theme, relation="themes", add=True
    )


@transaction.atomic
def unlink_theme(*, workspace: Workspace, actor, request: InsightRequest, theme: Theme):
    """Take a theme out of the answer."""
    return _link(
        workspace=workspace, actor=actor, request=request, obj=theme, relation="themes", add=False
    )


@transaction.atomic
def link_input(*, workspace: Workspace, actor, request: InsightRequest, input: Input):
    """Add an input to the answer (the request is then in progress)."""
    return _link(
        workspace=workspace, actor=actor, request=request, obj=input, relation="inputs", add=True
    )


@transaction.atomic
def unlink_input(*, workspace: Workspace, actor, request: InsightRequest, input: Input):
    """Take an input out of the answer."""
    return _link(
        workspace=workspace, actor=actor, request=request, obj=input, relation="inputs", add=False
    )


@transaction.atomic
def save_summary(
    *, workspace: Workspace, actor: User | None, request: InsightRequest, summary: str
) -> InsightRequest:
    """Keep a draft of the written summary without answering yet."""
    _check_request(workspace, request)
    if request.status not in LINKABLE:
        raise DomainError(_("A closed or declined request keeps its brief as it is."))
    before = audit.snapshot(request)
    request.summary = _text(summary, field="summary", max_length=MAX_SUMMARY)
    if request.status == RequestStatus.SUBMITTED:
        request.status = RequestStatus.IN_PROGRESS
    if request.status == RequestStatus.ANSWERED and not request.summary:
        raise DomainError(_("An answered request needs its summary."), field="summary")
    request.save()
    record_change(workspace=workspace, actor=actor, obj=request, before=before)
    return request


@transaction.atomic
def answer_request(
    *,
    workspace: Workspace,
    actor: User | None,
    request: InsightRequest,
    summary: str,
    notify: bool = True,
) -> InsightRequest:
    """Mark the request answered with its summary; the requester gets a link to the brief."""
    text = _text(
        summary,
        field="summary",
        max_length=MAX_SUMMARY,
        message=_("Write the summary the requester will read first."),
    )
    now = timezone.now()
    request = _move(
        workspace,
        actor,
        request,
        RequestStatus.ANSWERED,
        (RequestStatus.SUBMITTED, RequestStatus.IN_PROGRESS),
        summary=text,
        answered_by=actor if getattr(actor, "pk", None) else None,
        answered_at=now,
    )
    if notify and tell_requester(request, "answered"):
        InsightRequest.objects.filter(pk=request.pk).update(requester_notified_at=now)
        request.requester_notified_at = now
    return request


@transaction.atomic
def decline_request(
    *,
    workspace: Workspace,
    actor: User | None,
    request: InsightRequest,
    reason: str,
    notify: bool = True,
) -> InsightRequest:
    """Decline the request, with the reason the requester reads."""
    text = _text(
        reason,
        field="decline_reason",
        max_length=MAX_CONTEXT,
        message=_("Say why the request is declined."),
    )
    now = timezone.now()
    request = _move(
        workspace,
        actor,
        request,
        RequestStatus.DECLINED,
        (RequestStatus.SUBMITTED, RequestStatus.IN_PROGRESS),
        decline_reason=text,
        answered_by=actor if getattr(actor, "pk", None) else None,
        answered_at=now,
    )
    if notify and tell_requester(request, "declined"):
        InsightRequest.objects.filter(pk=request.pk).update(requester_notified_at=now)
        request.requester_notified_at = now
    return request


@transaction.atomic
def close_request(
    *, workspace: Workspace, actor: User | None, request: InsightRequest
) -> InsightRequest:
    """Close an answered request: the brief stays readable and no longer changes."""
    return _move(
        workspace,
        actor,
        request,
        RequestStatus.CLOSED,
        (RequestStatus.ANSWERED,),
        closed_at=timezone.now(),
    )
