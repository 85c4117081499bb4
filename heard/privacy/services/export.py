"""Everything Heard holds about one stakeholder, as one JSON-ready dict (GDPR art. 15)."""

from __future__ import annotations

import datetime
import decimal

from django.db import models
from django.utils import timezone

from heard.core.models import AuditEntry, Workspace
from heard.stakeholders.models import Stakeholder

FORMAT = "heard.stakeholder-export/1"

# Every relation that points at Stakeholder, and where the export puts it. A test walks
# Stakeholder._meta.related_objects: a new model pointing at stakeholders must be added here
# (or to EXCLUDED_RELATIONS with its reason), so no one's data is forgotten.
EXPORTED_RELATIONS: dict[str, str] = {
    "consents": "consents",
    "merged_from": "merged_records",
    "language_links": "stakeholder.languages",
    "risk_group_links": "stakeholder.groups_at_heightened_risk",
    "engagement_plans": "engagement_plans",
    "participations": "participations",
    "council_terms": "council_memberships",
    "inputs": "inputs",
    "responses": "responses",
    "portal_access": "portal_access",
    "portal_survey_answers": "survey_answers",
    "concerns": "concerns",
    "data_requests": "data_requests",
    "information_requests": "information_requests",
    "erasure": "erasure",
}
EXCLUDED_RELATIONS: dict[str, str] = {}

# Never exported: secrets and derived lookup columns, not data about the person.
SKIPPED_FIELDS = {"workspace", "search_text", "email_index", "key", "updated_at"}


def _value(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if hasattr(value, "code") and hasattr(value, "name"):  # django-countries Country
        return value.code or ""
    return value


def row(obj: models.Model, *, skip: tuple[str, ...] = ()) -> dict:
    """An object's own fields (encrypted ones decrypted), with labels for choices and for
    the objects its foreign keys point at."""
    data: dict = {}
    for field in obj._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or field.name in skip:
            continue
        value = getattr(obj, field.attname)
        if field.is_relation:
            data[f"{field.name}_id"] = value
            related = getattr(obj, field.name) if value is not None else None
            if related is not None and not isinstance(related, Stakeholder):
                data[field.name] = _label(related)
            continue
        data[field.name] = _value(value)
        if field.choices and value not in (None, ""):
            data[f"{field.name}_label"] = str(getattr(obj, f"get_{field.name}_display")())
    return data


def _label(obj: models.Model) -> str:
    if hasattr(obj, "get_short_name"):  # a member of staff: their name, not their login
        return obj.get_short_name() or ""
    return str(obj)


def _stakeholder(stakeholder: Stakeholder) -> dict:
    data = row(stakeholder)
    data["is_erased"] = hasattr(stakeholder, "erasure")
    data["languages"] = sorted(link.code for link in stakeholder.language_links.all())
    data["groups_at_heightened_risk"] = sorted(
        link.get_group_display() for link in stakeholder.risk_group_links.all()
    )
    data["topics"] = sorted(t.name for t in stakeholder.topics.all())
    data["tags"] = sorted(t.name for t in stakeholder.tags.all())
    organisation = stakeholder.organisation
    data["organisation"] = row(organisation) if organisation else None
    return data


def _inputs(stakeholder: Stakeholder) -> list[dict]:
    found = []
    for item in (
        stakeholder.inputs.select_related("engagement", "session", "organisation")
        .prefetch_related("decisions", "responses", "commitments", "topics", "impacts")
        .order_by("created_at", "pk")
    ):
        data = row(item)
        data["topics"] = sorted(t.name for t in item.topics.all())
        data["impacts"] = [str(i) for i in item.impacts.all()]
        data["decisions"] = [row(d) for d in sorted(item.decisions.all(), key=lambda d: d.version)]
        data["response_ids"] = sorted(r.pk for r in item.responses.all())
        data["commitment_ids"] = sorted(c.pk for c in item.commitments.all())
        found.append(data)
    return found


def _commitments(stakeholder: Stakeholder) -> list[dict]:
    from heard.feedback.models import Commitment

    inputs = stakeholder.inputs.values("pk")
    commitments = (
        Commitment.objects.for_workspace(stakeholder.workspace_id)
        .filter(models.Q(inputs__in=inputs) | models.Q(decisions__input__in=inputs))
        .distinct()
        .prefetch_related("updates")
        .order_by("pk")
    )
    return [
        {**row(c), "updates": [row(u) for u in c.updates.order_by("created_at", "pk")]}
        for c in commitments
    ]


def _concerns(stakeholder: Stakeholder) -> list[dict]:
    return [
        {
            **row(c),
            "events": [row(e) for e in c.events.order_by("at", "pk")],
            "remedies": [row(r) for r in c.remedies.order_by("pk")],
        }
        for c in stakeholder.concerns.order_by("raised_at", "pk")
    ]


def _audit(stakeholder: Stakeholder) -> list[dict]:
    from django.contrib.contenttypes.models import ContentType

    entries = AuditEntry.objects.filter(
        workspace_id=stakeholder.workspace_id,
        content_type=ContentType.objects.get_for_model(Stakeholder),
        object_id=str(stakeholder.pk),
    ).order_by("sequence")
    return [
        {
            "at": e.at.isoformat(),
            "action": e.action,
            "action_label": str(e.get_action_display()),
            "by": e.actor_label,
            "changes": e.changes,
        }
        for e in entries
    ]


def _portal(stakeholder: Stakeholder) -> dict | None:
    access = getattr(stakeholder, "portal_access", None)
    if access is None:
        return None
    uses = access.link_uses.order_by("used_at").values_list("used_at", flat=True)
    return {**row(access), "links_used_at": [_value(at) for at in uses]}


def _erasure(stakeholder: Stakeholder) -> dict | None:
    erasure = getattr(stakeholder, "erasure", None)
    return row(erasure) if erasure is not None else None


def _rows(manager, *order: str) -> list[dict]:
    return [row(obj) for obj in manager.order_by(*order)]


def stakeholder_export(workspace: Workspace, stakeholder: Stakeholder) -> dict:
    """Everything Heard holds about `stakeholder`, grouped by kind of record."""
    if stakeholder.workspace_id != workspace.pk:
        raise ValueError("The stakeholder belongs to another workspace.")
    s = stakeholder
    return {
        "format": FORMAT,
        "generated_at": timezone.now().isoformat(),
        "workspace": {"name": workspace.name, "slug": workspace.slug},
        "stakeholder": _stakeholder(s),
        "merged_records": [_stakeholder(m) for m in s.merged_from.order_by("pk")],
        "consents": _rows(s.consents, "given_at", "pk"),
        "participations": _rows(
            s.participations.select_related("engagement", "session"), "engaged_on", "pk"
        ),
        "engagement_plans": [str(p) for p in s.engagement_plans.order_by("pk")],
        "council_memberships": _rows(s.council_terms.select_related("council"), "term_start"),
        "inputs": _inputs(s),
        "responses": [
            {**row(r), "input_ids": sorted(i.pk for i in r.inputs.all())}
            for r in s.responses.prefetch_related("inputs").order_by("sent_at", "pk")
        ],
        "commitments": _commitments(s),
        "concerns": _concerns(s),
        "information_requests": _rows(s.information_requests, "received_at", "pk"),
        "data_requests": _rows(s.data_requests, "received_at", "pk"),
        "portal_access": _portal(s),
        "survey_answers": _rows(s.portal_survey_answers.select_related("engagement"), "pk"),
        "erasure": _erasure(s),
        "audit": _audit(s),
    }


def record_export(*, workspace: Workspace, actor, stakeholder: Stakeholder, what: str) -> None:
    """Note in the audit log that someone read or downloaded the person's data."""
    from heard.core import audit
    from heard.core.models import AuditAction

    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.EXPORT,
        obj=stakeholder,
        changes={"data_held": [None, what]},
    )
