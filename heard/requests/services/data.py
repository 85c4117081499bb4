"""Data requests: a stakeholder asks for an export, erasure or correction of their data; the
team records what was done (the export and erasure tools themselves come later)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.errors import DomainError
from heard.core.models import User, Workspace
from heard.requests.models import (
    MAX_DETAILS,
    MAX_NOTE,
    DataRequest,
    DataRequestKind,
    DataRequestStatus,
    settings_for,
)
from heard.requests.services.common import (
    PORTAL_ACTOR,
    check_daily_limit,
    check_same_workspace,
    check_stakeholder,
    due_on,
    limited_text,
    required_text,
    validate,
)
from heard.requests.services.notify import message_language, send_on_commit
from heard.stakeholders.models import Stakeholder


@transaction.atomic
def ask_about_data(
    *,
    workspace: Workspace,
    stakeholder: Stakeholder,
    kind: str,
    details: str = "",
    actor: User | str | None = PORTAL_ACTOR,
) -> DataRequest:
    """Record a request about the stakeholder's own data, due in the workspace's number of
    days (30 by default, as the GDPR's one month)."""
    check_stakeholder(workspace, stakeholder)
    if kind not in DataRequestKind.values:
        raise DomainError(_("Choose what you are asking for."), field="kind")
    details = limited_text(details, field="details", max_length=MAX_DETAILS)
    if kind == DataRequestKind.CORRECTION and not details:
        raise DomainError(_("Say what should be corrected."), field="details")
    now = timezone.now()
    request = DataRequest(
        workspace=workspace,
        stakeholder=stakeholder,
        kind=kind,
        details=details,
        received_at=now,
        due_on=due_on(now, settings_for(workspace).data_days),
    )
    validate(request)
    check_daily_limit(workspace, stakeholder, now)
    request.save()
    audit.record_create(workspace=workspace, actor=actor, obj=request)
    return request


def _handle(
    *,
    workspace: Workspace,
    actor: User | None,
    request: DataRequest,
    status: str,
    note: str,
    notify: bool,
) -> DataRequest:
    check_same_workspace(workspace, request)
    if not request.is_open:
        raise DomainError(
            _("This request is already %(status)s.")
            % {"status": request.get_status_display().lower()},
            code="closed",
        )
    before = audit.snapshot(request)
    request.status, request.note = status, note
    request.handled_by = actor if getattr(actor, "pk", None) else None
    request.handled_at = timezone.now()
    validate(request)
    request.save()
    audit.record_update(workspace=workspace, actor=actor, obj=request, before=before)
    if notify and request.stakeholder is not None:
        send_on_commit(
            stakeholder=request.stakeholder,
            template="data_handled",
            context={"data_request": request},
            language=message_language(request.stakeholder),
        )
    return request


@transaction.atomic
def complete_data_request(
    *, workspace: Workspace, actor: User | None, request: DataRequest, note: str = "", notify=True
) -> DataRequest:
    """Mark a data request done, with a note on what was done; the stakeholder is told."""
    return _handle(
        workspace=workspace,
        actor=actor,
        request=request,
        status=DataRequestStatus.DONE,
        note=limited_text(note, field="note", max_length=MAX_NOTE),
        notify=notify,
    )


@transaction.atomic
def decline_data_request(
    *, workspace: Workspace, actor: User | None, request: DataRequest, reasons: str, notify=True
) -> DataRequest:
    """Decline a data request; the reasons are required and sent to the stakeholder."""
    reasons = required_text(
        reasons,
        field="note",
        message=_("Declining needs its reasons: say why."),
        max_length=MAX_NOTE,
    )
    return _handle(
        workspace=workspace,
        actor=actor,
        request=request,
        status=DataRequestStatus.DECLINED,
        note=reasons,
        notify=notify,
    )
