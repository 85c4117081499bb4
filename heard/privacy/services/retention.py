"""Retention: pseudonymise stakeholders after N years without contact (per workspace).

"Last contact" is the latest of: the record's creation, the registry's `last_engaged_on`, a
participation (its date, or when it was recorded), an input they gave, a response sent to
them, a consent given or withdrawn, a portal sign-in, a concern or a request they raised, and
a council term still running. Anyone with any of these inside the window is kept.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.errors import DomainError
from heard.core.models import AuditAction, User, Workspace
from heard.privacy.models import MAX_RETENTION_YEARS, ErasureReason, RetentionPolicy
from heard.privacy.services.erasure import erase_stakeholder
from heard.stakeholders.models import Consent, Stakeholder

logger = logging.getLogger(__name__)

# A daily run erases at most this many people per workspace, each in its own transaction:
# the rest follow on the next days, and no run holds the database for long.
BATCH_LIMIT = 500


def policy_for(workspace: Workspace) -> RetentionPolicy:
    """The workspace's retention policy, or an unsaved one that is off."""
    found = RetentionPolicy.objects.filter(workspace=workspace).first()
    return found or RetentionPolicy(workspace=workspace)


@transaction.atomic
def set_retention_policy(
    *, workspace: Workspace, actor: User | None, years: int | None
) -> RetentionPolicy:
    """Set (or turn off, with None) the number of years without contact before erasure."""
    if years is not None and not 1 <= years <= MAX_RETENTION_YEARS:
        raise DomainError(
            _("Choose between 1 and %(max)d years, or leave empty to turn it off.")
            % {"max": MAX_RETENTION_YEARS},
            field="pseudonymise_after_years",
        )
    policy = policy_for(workspace)
    before = policy.pseudonymise_after_years
    if policy.pk and before == years:
        return policy
    policy.pseudonymise_after_years = years
    policy.save()
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.UPDATE,
        obj=policy,
        changes={"pseudonymise_after_years": [before, years]},
    )
    return policy


def cutoff_for(years: int, now: datetime.datetime | None = None) -> datetime.datetime:
    """The instant `years` years before `now` (29 February falls back to the 28th)."""
    now = now or timezone.now()
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return now.replace(year=now.year - years, day=28)


def _since(model, cutoff, *conditions: Q) -> Exists:
    condition = Q()
    for c in conditions:
        condition |= c
    return Exists(model.objects.filter(condition, stakeholder=OuterRef("pk")))


def stale_stakeholders(workspace: Workspace, cutoff: datetime.datetime) -> QuerySet[Stakeholder]:
    """Stakeholders not erased yet with no contact since `cutoff` (merged duplicates go
    with the record they were merged into)."""
    from heard.concerns.models import Concern
    from heard.councils.models import CouncilMember
    from heard.engagements.models import Participation
    from heard.feedback.models import Input, Response
    from heard.portal.models import PortalAccess
    from heard.requests.models import DataRequest, InformationRequest

    day = cutoff.date()
    recent = [
        _since(Participation, cutoff, Q(engaged_on__gte=day), Q(created_at__gte=cutoff)),
        _since(Input, cutoff, Q(created_at__gte=cutoff)),
        _since(Response, cutoff, Q(sent_at__gte=cutoff)),
        _since(Consent, cutoff, Q(given_at__gte=cutoff), Q(withdrawn_at__gte=cutoff)),
        _since(PortalAccess, cutoff, Q(last_signed_in_at__gte=cutoff)),
        _since(Concern, cutoff, Q(raised_at__gte=cutoff)),
        _since(DataRequest, cutoff, Q(received_at__gte=cutoff)),
        _since(InformationRequest, cutoff, Q(received_at__gte=cutoff)),
        _since(CouncilMember, cutoff, Q(term_end__gte=day), Q(term_end__isnull=True)),
    ]
    queryset = Stakeholder.objects.for_workspace(workspace).filter(
        erasure__isnull=True, merged_into__isnull=True, created_at__lt=cutoff
    )
    queryset = queryset.exclude(last_engaged_on__gte=day)
    for exists in recent:
        queryset = queryset.exclude(exists)
    return queryset.order_by("pk")


@dataclass
class RetentionResult:
    """What one application of the rule found and did."""

    workspace: Workspace
    cutoff: datetime.datetime | None
    due: list[Stakeholder] = field(default_factory=list)
    erased: int = 0
    dry_run: bool = False


def apply_retention(
    *, workspace: Workspace, actor: User | None = None, dry_run: bool = False, limit=BATCH_LIMIT
) -> RetentionResult:
    """Pseudonymise the workspace's stakeholders past the retention period (erasure with the
    reason "retention"); with `dry_run`, only say who would be."""
    years = policy_for(workspace).pseudonymise_after_years
    if not years:
        return RetentionResult(workspace=workspace, cutoff=None, dry_run=dry_run)
    cutoff = cutoff_for(years)
    result = RetentionResult(
        workspace=workspace,
        cutoff=cutoff,
        due=list(stale_stakeholders(workspace, cutoff)[:limit]),
        dry_run=dry_run,
    )
    if dry_run:
        return result
    for stakeholder in result.due:
        try:
            erase_stakeholder(
                workspace=workspace,
                actor=actor,
                stakeholder=stakeholder,
                reason=ErasureReason.RETENTION,
            )
        except DomainError as error:  # erased meanwhile: nothing left to do
            logger.info("Retention skipped stakeholder %s: %s", stakeholder.pk, error.code)
            continue
        result.erased += 1
    return result


def apply_all_retention() -> int:
    """Apply every workspace's rule (the daily task); returns how many people were erased."""
    total = 0
    policies = RetentionPolicy.objects.filter(pseudonymise_after_years__isnull=False)
    for policy in policies.select_related("workspace"):
        total += apply_retention(workspace=policy.workspace).erased
    return total
