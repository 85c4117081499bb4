"""Linking inputs to policies, and recording which inputs a version considered."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.errors import DomainError
from heard.core.models import AuditAction, User, Workspace
from heard.policies.models import Policy, PolicyVersion
from heard.policies.services.common import check_same_workspace


def _usable(workspace: Workspace, inputs: Iterable) -> list:
    inputs = list(inputs)
    check_same_workspace(workspace, *inputs)
    merged = [i for i in inputs if i.merged_into_id]
    if merged:
        raise DomainError(
            _("Input #%(id)s was merged into another; link that one instead.")
            % {"id": merged[0].pk},
            field="inputs",
        )
    return inputs


def _fresh(version: PolicyVersion) -> PolicyVersion:
    """The version as stored now (its status may have moved since it was read)."""
    return PolicyVersion.objects.select_for_update().select_related("policy").get(pk=version.pk)


@transaction.atomic
def link_inputs(
    *, workspace: Workspace, actor: User | None, policy: Policy, inputs: Iterable
) -> int:
    """Mark inputs as being about this policy; returns how many were new."""
    check_same_workspace(workspace, policy)
    inputs = _usable(workspace, inputs)
    known = set(policy.related_inputs.values_list("pk", flat=True))
    new = [i for i in inputs if i.pk not in known]
    if new:
        policy.related_inputs.add(*new)
        audit.record(
            workspace=workspace,
            actor=actor,
            action=AuditAction.UPDATE,
            obj=policy,
            changes={"related_inputs": [None, sorted(i.pk for i in new)]},
        )
    return len(new)


@transaction.atomic
def consider_inputs(
    *, workspace: Workspace, actor: User | None, version: PolicyVersion, inputs: Iterable
) -> int:
    """Record inputs as considered for a version still open (they also become linked to the
    policy); returns how many were new."""
    check_same_workspace(workspace, version)
    inputs = _usable(workspace, inputs)
    version = _fresh(version)
    if not version.is_open:
        raise DomainError(
            _("Version %(n)s is final: reopen the policy to consider new input.")
            % {"n": version.number},
            field="inputs",
        )
    known = set(version.considered_inputs.values_list("pk", flat=True))
    new = [i for i in inputs if i.pk not in known]
    if new:
        version.considered_inputs.add(*new)
        audit.record(
            workspace=workspace,
            actor=actor,
            action=AuditAction.UPDATE,
            obj=version,
            changes={"considered_inputs": [None, sorted(i.pk for i in new)]},
        )
        link_inputs(workspace=workspace, actor=actor, policy=version.policy, inputs=new)
    return len(new)


@transaction.atomic
def unconsider_input(
    *, workspace: Workspace, actor: User | None, version: PolicyVersion, input
) -> None:
    """Take an input off an open version's list (it stays linked to the policy)."""
    check_same_workspace(workspace, version, input)
    version = _fresh(version)
    if not version.is_open:
        raise DomainError(
            _("Version %(n)s is final: what it considered can no longer change.")
            % {"n": version.number},
            field="inputs",
        )
    if version.considered_inputs.filter(pk=input.pk).exists():
        version.considered_inputs.remove(input)
        audit.record(
            workspace=workspace,
            actor=actor,
            action=AuditAction.UPDATE,
            obj=version,
            changes={"considered_inputs": [input.pk, None]},
        )


@transaction.atomic
def unlink_input(*, workspace: Workspace, actor: User | None, policy: Policy, input) -> None:
    """Stop listing an input as being about this policy (versions that considered it keep it)."""
    check_same_workspace(workspace, policy, input)
    if policy.related_inputs.filter(pk=input.pk).exists():
        policy.related_inputs.remove(input)
        audit.record(
            workspace=workspace,
            actor=actor,
            action=AuditAction.UPDATE,
            obj=policy,
            changes={"related_inputs": [input.pk, None]},
        )
