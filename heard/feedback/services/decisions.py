"""Deciding on inputs: the outcome, with the reasons the rules require; every version kept."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.errors import DomainError
from heard.core.models import User, Workspace
from heard.feedback.models import NOT_FOLLOWED, Decision, Input, Outcome
from heard.feedback.services.common import check_same_workspace, validate
from heard.feedback.services.loops import audit_loop_changes, refresh_loops
from heard.webhooks import payloads as webhook_payloads
from heard.webhooks.events import emit as emit_webhook


def decision_errors(
    outcome: str, rationale: str, risk_management: str, referred_to_team: str
) -> dict[str, str]:
    """The rules of a decision as {field: message}; empty when the decision may be saved.
    Forms show every message at once; the service refuses on the first."""
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose what was done with the input.")
        return errors
    label = Outcome(outcome).label
    if outcome != Outcome.ADOPTED and not (rationale or "").strip():
        errors["rationale"] = _(
            "Explain why: a rationale is required for every outcome other than adopted "
            "(here: “%(outcome)s”)."
        ) % {"outcome": label}
    if outcome in NOT_FOLLOWED and not (risk_management or "").strip():
        errors["risk_management"] = _(
            "Say how the risk the input raises is still managed when it is not followed "
            "(here: “%(outcome)s”)."
        ) % {"outcome": label}
    if outcome == Outcome.REFERRED and not (referred_to_team or "").strip():
        errors["referred_to_team"] = _("Name the team the input was referred to.")
    return errors


@transaction.atomic
def decide_input(
    *,
    workspace: Workspace,
    actor: User | None,
    input: Input,
    outcome: str,
    rationale: str = "",
    risk_management: str = "",
    referred_to_team: str = "",
) -> Decision:
    """Decide on `input` (or revise its decision): a new version becomes current, the older
    ones stay. A revision reopens the loop until the stakeholder is told again."""
    check_same_workspace(workspace, input)
    errors = decision_errors(outcome, rationale, risk_management, referred_to_team)
    if errors:
        field, message = next(iter(errors.items()))
        raise DomainError(message, field=field)
    input = Input.objects.select_for_update().get(pk=input.pk)
    if input.merged_into_id:
        raise DomainError(_("This input was merged into another; decide on that one."))
    current = Decision.objects.filter(input=input, is_current=True).first()
    values = {
        "outcome": outcome,
        "rationale": (rationale or "").strip(),
        "risk_management": (risk_management or "").strip(),
        "referred_to_team": (referred_to_team or "").strip() if outcome == Outcome.REFERRED else "",
    }
    if current and all(getattr(current, k) == v for k, v in values.items()):
        raise DomainError(_("Nothing changed: this is already the current decision."))
    top = Decision.objects.filter(input=input).aggregate(top=Max("version"))["top"] or 0
    if current:
        Decision.objects.filter(pk=current.pk).update(is_current=False)
    decision = Decision(
        workspace=workspace,
        input=input,
        version=top + 1,
        decided_by=actor if getattr(actor, "pk", None) else None,
        decided_at=timezone.now(),
        is_current=True,
        **values,
    )
    validate(decision, exclude=("workspace", "input"))
    decision.save()
    Input.objects.filter(pk=input.pk).update(outcome=outcome, updated_at=timezone.now())
    audit.record_create(workspace=workspace, actor=actor, obj=decision)
    audit_loop_changes(workspace, actor, refresh_loops(workspace, [input.pk]))
    emit_webhook(workspace, "decision.made", webhook_payloads.decision_made(decision))
    return decision
