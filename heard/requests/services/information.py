"""Information requests: asked in the portal, answered or refused in writing by the team."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.errors import DomainError
from heard.core.models import User, Workspace
from heard.engagements.models import Engagement
from heard.impacts.models import Initiative
from heard.policies.models import Policy
from heard.requests.models import (
    MAX_ANSWER,
    MAX_QUESTION,
    MAX_REASONS,
    AnswerFormat,
    InformationRequest,
    RefusalGround,
    RequestStatus,
    settings_for,
)
from heard.requests.services.common import (
    PORTAL_ACTOR,
    check_daily_limit,
    check_same_workspace,
    check_stakeholder,
    due_on,
    required_text,
    validate,
)
from heard.requests.services.notify import send_on_commit
from heard.stakeholders.models import Stakeholder


@transaction.atomic
def ask_for_information(
    *,
    workspace: Workspace,
    stakeholder: Stakeholder,
    question: str,
    reasons: str,
    preferred_format: str = AnswerFormat.WRITTEN,
    language: str = "",
    engagement: Engagement | None = None,
    policy: Policy | None = None,
    initiative: Initiative | None = None,
    actor: User | str | None = PORTAL_ACTOR,
) -> InformationRequest:
    """Record a reasoned request for information (CSDDD art. 13(2)), due in the workspace's
    number of days; refused beyond the stakeholder's daily limit."""
    check_stakeholder(workspace, stakeholder)
    check_same_workspace(workspace, engagement, policy, initiative)
    now = timezone.now()
    request = InformationRequest(
        workspace=workspace,
        stakeholder=stakeholder,
        engagement=engagement,
        policy=policy,
        initiative=initiative,
        question=required_text(
            question,
            field="question",
            message=_("Write your question."),
            max_length=MAX_QUESTION,
        ),
        reasons=required_text(
            reasons,
            field="reasons",
            message=_("Say why you are asking: a request needs reasons."),
            max_length=MAX_REASONS,
        ),
        preferred_format=preferred_format,
        language=language or "",
        received_at=now,
        due_on=due_on(now, settings_for(workspace).information_days),
    )
    validate(request)
    check_daily_limit(workspace, stakeholder, now)
    request.save()
    audit.record_create(workspace=workspace, actor=actor, obj=request)
    return request


def _check_open(workspace: Workspace, request: InformationRequest) -> None:
    check_same_workspace(workspace, request)
    if not request.is_open:
        raise DomainError(
            _("This request is already %(status)s.")
            % {"status": request.get_status_display().lower()},
            code="closed",
        )


def _close(
    *, workspace: Workspace, actor: User | None, request: InformationRequest, notify: bool, **fields
) -> InformationRequest:
    before = audit.snapshot(request)
    for name, value in fields.items():
        setattr(request, name, value)
    request.answered_by = actor if getattr(actor, "pk", None) else None
    request.answered_at = timezone.now()
    validate(request)
    if notify and send_on_commit(
        stakeholder=request.stakeholder,
        template=request.status,
        context={"info_request": request},
        language=request.language,
    ):
        request.notified_at = request.answered_at
    request.save()
    audit.record_update(workspace=workspace, actor=actor, obj=request, before=before)
    return request


@transaction.atomic
def answer_request(
    *,
    workspace: Workspace,
    actor: User | None,
    request: InformationRequest,
    answer: str,
    answer_format: str = AnswerFormat.WRITTEN,
    notify: bool = True,
) -> InformationRequest:
    """Answer an open request; the stakeholder is told by email with a link to the portal."""
    _check_open(workspace, request)
    if answer_format not in AnswerFormat.values:
        raise DomainError(_("Choose how the answer is given."), field="answer_format")
    return _close(
        workspace=workspace,
        actor=actor,
        request=request,
        notify=notify,
        status=RequestStatus.ANSWERED,
        answer=required_text(
            answer, field="answer", message=_("Write the answer."), max_length=MAX_ANSWER
        ),
        answer_format=answer_format,
    )


@transaction.atomic
def refuse_request(
    *,
    workspace: Workspace,
    actor: User | None,
    request: InformationRequest,
    ground: str,
    reasons: str,
    notify: bool = True,
) -> InformationRequest:
    """Refuse an open request in writing: a ground and the reasons are required (CSDDD art.
    13(2) lets a company withhold information only with its reasons given in writing)."""
    _check_open(workspace, request)
    if ground not in RefusalGround.values:
        raise DomainError(_("Choose the ground for refusing."), field="refusal_ground")
    return _close(
        workspace=workspace,
        actor=actor,
        request=request,
        notify=notify,
        status=RequestStatus.REFUSED,
        refusal_ground=ground,
        refusal_reasons=required_text(
            reasons,
            field="refusal_reasons",
            message=_(
                "A refusal needs its reasons in writing: say why the information cannot be given."
            ),
            max_length=MAX_ANSWER,
        ),
    )


@transaction.atomic
def withdraw_request(
    *, workspace: Workspace, stakeholder: Stakeholder, request: InformationRequest
) -> InformationRequest:
    """The stakeholder withdraws their own open request (from the portal)."""
    _check_open(workspace, request)
    if request.stakeholder_id != stakeholder.pk:
        raise DomainError(_("That request is not yours."), code="forbidden")
    before = audit.snapshot(request)
    request.status = RequestStatus.WITHDRAWN
    request.withdrawn_at = timezone.now()
    request.save()
    audit.record_update(workspace=workspace, actor=PORTAL_ACTOR, obj=request, before=before)
    return request
