"""The "re-evaluate" signal: a completed policy or impact that new stakeholder input reached.

The seed: "completed policies may be re-evaluated based on stakeholder feedback". A policy is
complete while its current version is published; an impact once remediated or closed. Either
needs re-evaluation when an active input linked to it was recorded after that moment
(`Policy.published_at`, `Impact.status_changed_at`).

Each check is one `Exists` subquery, so a list page flags a whole page of rows in one query.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import BooleanField, Case, Exists, OuterRef, QuerySet, Value, When

from heard.feedback.models import Input
from heard.impacts.models import Impact, ImpactStatus
from heard.policies.models import Policy, VersionStatus
from heard.policies.queries import _about

COMPLETED_IMPACT_STATUSES = (ImpactStatus.REMEDIATED, ImpactStatus.CLOSED)


def _new_policy_input() -> Exists:
    # The policies app's own meaning of "input about the policy" (linked through
    # `Policy.related_inputs`, or given in one of its forums), so both signals agree.
    return Exists(
        Input.objects.filter(
            _about(OuterRef("pk")),
            created_at__gt=OuterRef("published_at"),
            archived_at__isnull=True,
            merged_into__isnull=True,
        )
    )


def _new_impact_input() -> Exists:
    links = Input.impacts.through.objects.filter(
        impact_id=OuterRef("pk"),
        input__created_at__gt=OuterRef("status_changed_at"),
        input__archived_at__isnull=True,
        input__merged_into__isnull=True,
    )
    return Exists(links)


def with_policy_signal(queryset: QuerySet[Policy]) -> QuerySet[Policy]:
    """Policies annotated with `needs_reevaluation`."""
    return queryset.annotate(
        needs_reevaluation=Case(
            When(_new_policy_input(), status=VersionStatus.PUBLISHED, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def with_impact_signal(queryset: QuerySet[Impact]) -> QuerySet[Impact]:
    """Impacts annotated with `needs_reevaluation`."""
    return queryset.annotate(
        needs_reevaluation=Case(
            When(_new_impact_input(), status__in=COMPLETED_IMPACT_STATUSES, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def policies_to_reevaluate(workspace) -> QuerySet[Policy]:
    """Published policies that new input reached since publication, latest published first."""
    return (
        Policy.objects.for_workspace(workspace)
        .active()
        .filter(_new_policy_input(), status=VersionStatus.PUBLISHED)
        .order_by("-published_at", "pk")
    )


def impacts_to_reevaluate(workspace) -> QuerySet[Impact]:
    """Remediated or closed impacts that new input reached since, most salient first."""
    return (
        Impact.objects.for_workspace(workspace)
        .active()
        .filter(_new_impact_input(), status__in=COMPLETED_IMPACT_STATUSES)
        .order_by("-salience", "-severity", "pk")
    )


def flagged_ids(objects: Iterable) -> set[tuple[str, int]]:
    """(model label, pk) of the policies and impacts among `objects` that need
    re-evaluation: one query per model, however many rows a list page shows."""
    objects = [o for o in objects if isinstance(o, Policy | Impact)]
    flagged: set[tuple[str, int]] = set()
    for model, signal in ((Policy, with_policy_signal), (Impact, with_impact_signal)):
        ids = [o.pk for o in objects if isinstance(o, model)]
        if not ids:
            continue
        rows = signal(model.objects.filter(pk__in=ids)).filter(needs_reevaluation=True)
        flagged |= {(model._meta.label_lower, pk) for pk in rows.values_list("pk", flat=True)}
    return flagged


def needs_reevaluation(obj) -> bool:
    """Whether one policy or impact needs re-evaluation (one query; none if not complete)."""
    if isinstance(obj, Policy) and obj.status != VersionStatus.PUBLISHED:
        return False
    if isinstance(obj, Impact) and obj.status not in COMPLETED_IMPACT_STATUSES:
        return False
    return bool(flagged_ids([obj]))
