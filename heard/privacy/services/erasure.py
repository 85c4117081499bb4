"""Erasure: a stakeholder's identity removed, what they said and what was decided kept.

The UNGPs ask companies to show their due diligence; data protection asks them to forget
people. Both hold: the person's row stays as a pseudonym ("Erased person K7Q2") so that counts
and participations still add up, their inputs become anonymous input with every decision and
response kept, and their name, contacts and personal notes go — from the records themselves and
from the audit log's old entries (whose chain covers a digest of that content, so redacting it
leaves the chain verifiable: see heard.core.audit).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.errors import DomainError
from heard.core.models import AuditAction, AuditEntry, User, Workspace
from heard.core.search import normalise
from heard.privacy.models import Erasure, ErasureReason
from heard.stakeholders.models import Consent, Stakeholder

ERASED = "[erased]"
# Audited fields that carry identity, per model: their old values are replaced by ERASED.
IDENTITY_AUDIT_FIELDS: dict[str, frozenset[str]] = {
    "stakeholders.stakeholder": frozenset(
        {
            "name",
            "notes",
            "lived_experience",
            "role_at_organisation",
            "time_zone",
            "organisation",
            "email",
            "phone",
            "messaging_handle",
            "tags",
        }
    ),
    "stakeholders.consent": frozenset({"notes"}),
    "engagements.participation": frozenset(
        {"notes", "accessibility_needs", "representation_basis"}
    ),
    "councils.councilmember": frozenset({"notes"}),
    "concerns.concern": frozenset({"contact_name", "contact_email", "stakeholder"}),
    # The link from an input or response to the person: the point of making them anonymous.
    "feedback.input": frozenset({"stakeholder"}),
    "feedback.response": frozenset({"stakeholder"}),
}
MIN_TOKEN = 3


def erased_label(stakeholder: Stakeholder) -> str:
    """The stored name of an erased person: a stable pseudonym, in no one's language."""
    return f"Erased person {stakeholder.pseudonym}"


def is_erased(stakeholder: Stakeholder) -> bool:
    """Whether the stakeholder's identity has been erased."""
    return Erasure.objects.filter(stakeholder=stakeholder).exists()


# --- finding the identity in text


@dataclass(frozen=True)
class Scrubber:
    """Replaces a person's name, its words, and their contact details in free text."""

    label: str
    identities: tuple[str, ...]  # whole names and contacts: searched for in the audit log
    pattern: re.Pattern | None

    def __call__(self, text):
        if not text or self.pattern is None or not isinstance(text, str):
            return text
        return self.pattern.sub(self.label, text)

    def deep(self, value):
        """`value` with every string inside it scrubbed (lists and dicts walked)."""
        if isinstance(value, str):
            return self(value)
        if isinstance(value, list):
            return [self.deep(v) for v in value]
        if isinstance(value, dict):
            return {k: self.deep(v) for k, v in value.items()}
        return value


def scrubber_for(
    persons: Iterable[Stakeholder],
    label: str,
    *,
    names: Iterable[str] = (),
    contacts: Iterable[str] = (),
) -> Scrubber:
    """A scrubber for these records of one person and any other names and contacts of theirs.
    A name's words go too ("Dear Zenobia,"); a contact's never (an address's "example.org"
    is not the person)."""
    persons = list(persons)
    all_names = {s.strip() for s in [p.name for p in persons] + list(names) if s and s.strip()}
    all_names.discard(label)
    all_contacts = {
        s.strip()
        for s in [c for p in persons for c in (p.email, p.phone, p.messaging_handle)]
        + list(contacts)
        if s and s.strip()
    }
    identities = all_names | all_contacts
    words = {w for name in all_names for w in re.findall(r"\w+", name) if len(w) >= MIN_TOKEN}
    alternatives = sorted(identities | words, key=len, reverse=True)
    pattern = None
    if alternatives:
        body = "|".join(re.escape(a) for a in alternatives)
        pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    whole = tuple(sorted(s for s in identities if len(s) >= MIN_TOKEN))
    return Scrubber(label=label, identities=whole, pattern=pattern)


# --- the records


def _persons(stakeholder: Stakeholder) -> list[Stakeholder]:
    """The record and every duplicate merged into it (the same person), recursively."""
    found, queue = [], [stakeholder]
    while queue:
        person = queue.pop()
        found.append(person)
        queue.extend(Stakeholder.objects.filter(merged_into=person).exclude(pk=person.pk))
    return found


def _save_each(queryset: models.QuerySet, change: Callable[[models.Model], None], fields) -> int:
    objs = list(queryset)
    for obj in objs:
        change(obj)
    if objs:
        type(objs[0]).objects.bulk_update(objs, list(fields), batch_size=500)
    return len(objs)


def _scrub_person(person: Stakeholder, now) -> None:
    person.name = erased_label(person)
    for field in ("email", "phone", "messaging_handle", "email_index", "notes"):
        setattr(person, field, "")
    person.lived_experience = person.role_at_organisation = person.time_zone = ""
    person.organisation = None
    person.is_key_relationship = False
    person.search_text = normalise(person.pseudonym)
    person.archived_at = person.archived_at or now
    person.save()
    person.tags.clear()


def _anonymise_inputs(persons, scrub: Scrubber) -> int:
    from heard.feedback.models import Input

    def change(item):
        item.stakeholder = None
        item.is_anonymous = True
        item.text = scrub(item.text)
        item.search_text = normalise(item.text)

    return _save_each(
        Input.objects.filter(stakeholder__in=persons),
        change,
        ("stakeholder", "is_anonymous", "text", "search_text", "updated_at"),
    )


def _scrub_decisions(targets: dict, scrub: Scrubber) -> None:
    """Decisions on their inputs stay whole; only mentions of the person in the reasons go."""
    from heard.feedback.models import Decision

    ids = targets.get(Decision, [])
    fields = ("rationale", "risk_management")
    _scrub_fields(Decision.objects.filter(pk__in=ids), scrub, fields)


def _keep_responses(persons, scrub: Scrubber) -> int:
    from heard.feedback.models import Response

    def change(response):
        response.stakeholder = None
        response.subject = scrub(response.subject)[:200]
        response.body = scrub(response.body)

    return _save_each(
        Response.objects.filter(stakeholder__in=persons),
        change,
        ("stakeholder", "subject", "body", "updated_at"),
    )


def _personal_records(persons, scrub: Scrubber, now) -> None:
    """Consents withdrawn, portal revoked, notes cleared, free text scrubbed."""
    from heard.councils.models import CouncilMember
    from heard.engagements.models import Participation
    from heard.portal.models import PortalAccess, SurveyAnswer, new_portal_key
    from heard.requests.models import DataRequest, InformationRequest

    def consent(c):
        c.withdrawn_at = c.withdrawn_at or now
        c.notes = ""

    _save_each(Consent.objects.filter(stakeholder__in=persons), consent, ("withdrawn_at", "notes"))

    def portal(access):
        access.key = new_portal_key()  # every link signed with the old key stops working
        access.links_revoked_at = now

    _save_each(
        PortalAccess.objects.filter(stakeholder__in=persons), portal, ("key", "links_revoked_at")
    )

    def participation(p):
        p.notes = p.accessibility_needs = ""
        p.representation_basis = scrub(p.representation_basis)

    _save_each(
        Participation.objects.filter(stakeholder__in=persons),
        participation,
        ("notes", "accessibility_needs", "representation_basis"),
    )
    _save_each(
        CouncilMember.objects.filter(stakeholder__in=persons),
        lambda m: setattr(m, "notes", ""),
        ("notes",),
    )
    _save_each(
        SurveyAnswer.objects.filter(stakeholder__in=persons),
        lambda a: setattr(a, "comment", scrub(a.comment)),
        ("comment",),
    )
    _scrub_fields(DataRequest.objects.filter(stakeholder__in=persons), scrub, ("details", "note"))
    _scrub_fields(
        InformationRequest.objects.filter(stakeholder__in=persons),
        scrub,
        ("question", "reasons", "answer", "refusal_reasons"),
    )


def _scrub_fields(queryset, scrub: Scrubber, fields: tuple[str, ...]) -> int:
    def change(obj):
        for field in fields:
            setattr(obj, field, scrub(getattr(obj, field)))

    return _save_each(queryset, change, fields)


def _concerns(persons, scrub: Scrubber) -> list[int]:
    """Grievances stay (the mechanism's record), without who raised them."""
    from heard.concerns.models import Concern, ConcernEvent, Remedy

    concerns = Concern.objects.filter(stakeholder__in=persons)
    ids = list(concerns.values_list("pk", flat=True))
    texts = ("description", "assessment_notes", "outcome_reasons", "inadmissible_reasons")

    def change(concern):
        concern.stakeholder = None
        concern.contact_name = concern.contact_email = ""
        for field in (*texts, "satisfaction_comment"):
            setattr(concern, field, scrub(getattr(concern, field)))
        concern.search_text = normalise(
            concern.reference, concern.description, concern.product_named
        )

    _save_each(
        concerns,
        change,
        ("stakeholder", "contact_name", "contact_email", *texts, "satisfaction_comment")
        + ("search_text",),
    )
    _scrub_fields(
        ConcernEvent.objects.filter(concern_id__in=ids),
        scrub,
        ("message", "internal_note", "actor_label"),
    )
    _scrub_fields(Remedy.objects.filter(concern_id__in=ids), scrub, ("description",))
    return ids


# --- the audit log


def _audit_targets(persons) -> dict[type[models.Model], list[int]]:
    """Every record of this person whose audit entries may carry their identity."""
    from heard.concerns.models import Concern
    from heard.councils.models import CouncilMember
    from heard.engagements.models import Participation
    from heard.feedback.models import Decision, Input, Response
    from heard.portal.models import PortalAccess, SurveyAnswer
    from heard.requests.models import DataRequest, InformationRequest

    targets: dict[type[models.Model], list[int]] = {Stakeholder: [p.pk for p in persons]}
    for model in (
        Consent,
        Participation,
        CouncilMember,
        PortalAccess,
        SurveyAnswer,
        Concern,
        DataRequest,
        InformationRequest,
        Input,
        Response,
    ):
        targets[model] = list(
            model.objects.filter(stakeholder__in=persons).values_list("pk", flat=True)
        )
    targets[Decision] = list(
        Decision.objects.filter(input_id__in=targets[Input]).values_list("pk", flat=True)
    )
    return targets


def _redact_entry(entry: AuditEntry, scrub: Scrubber, keys: frozenset[str], is_person) -> bool:
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    redacted = {}
    for key, value in changes.items():
        if key in keys and isinstance(value, list):
            value = [ERASED if v not in (None, "", [], audit.MASK) else v for v in value]
        redacted[key] = scrub.deep(value)
    object_repr = scrub.label if is_person else scrub(entry.object_repr)[:200]
    actor_label = scrub(entry.actor_label)[:254]
    if (object_repr, actor_label, redacted) == (entry.object_repr, entry.actor_label, changes):
        return False
    entry.object_repr, entry.actor_label, entry.changes = object_repr, actor_label, redacted
    return True


def redact_audit(
    workspace: Workspace, targets: dict[type[models.Model], list[int]], scrub: Scrubber
) -> list[int]:
    """Redact the person's identity from old entries; returns the sequences redacted. The
    chain still verifies: it covers each entry's digest, and the erasure entry lists them."""
    content_types = ContentType.objects.get_for_models(*targets)
    found = Q()
    for model, ids in targets.items():
        if ids:
            found |= Q(content_type=content_types[model], object_id__in=[str(i) for i in ids])
    for identity in scrub.identities:
        for text in {identity, json.dumps(identity)[1:-1]}:  # SQLite keeps JSON \u-escaped
            found |= Q(object_repr__icontains=text) | Q(actor_label__icontains=text)
            found |= Q(changes__icontains=text)
    if not found:
        return []
    person_type = content_types[Stakeholder]
    labels = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in content_types.values()}
    now, changed = timezone.now(), []
    entries = (
        AuditEntry.objects.filter(workspace=workspace)
        .filter(found)
        .exclude(action=AuditAction.ERASE)
        .order_by("sequence")
    )
    for entry in entries.iterator(chunk_size=500):
        keys = IDENTITY_AUDIT_FIELDS.get(labels.get(entry.content_type_id, ""), frozenset())
        if _redact_entry(entry, scrub, keys, entry.content_type_id == person_type):
            entry.redacted_at = now
            changed.append(entry)
    AuditEntry.objects.bulk_update(
        changed, ["object_repr", "actor_label", "changes", "redacted_at"], batch_size=500
    )
    return [e.sequence for e in changed]


# --- the service


def _check(workspace: Workspace, stakeholder: Stakeholder, reason: str, data_request) -> None:
    if stakeholder.workspace_id != workspace.pk:
        raise DomainError(_("That record belongs to another workspace."), code="forbidden")
    if reason not in ErasureReason.values:
        raise DomainError(_("Choose why this person is erased."), field="reason")
    if is_erased(stakeholder):
        raise DomainError(_("This person's identity has already been erased."), code="erased")
    if stakeholder.merged_into_id:
        raise DomainError(
            _("This record was merged into another: erase that one (its duplicates go with it)."),
            code="merged",
        )
    if data_request is not None and (
        data_request.workspace_id != workspace.pk or data_request.stakeholder_id != stakeholder.pk
    ):
        raise DomainError(_("That data request is not this person's."), field="data_request")


@transaction.atomic
def erase_stakeholder(
    *,
    workspace: Workspace,
    actor: User | None,
    stakeholder: Stakeholder,
    reason: str,
    data_request=None,
) -> Erasure:
    """Erase the person's identity in one transaction; keep what they said and what was done.

    With `data_request` (an open erasure request of theirs), the request is marked done first,
    so the person is told (with consent) before their address goes."""
    stakeholder = Stakeholder.objects.select_for_update().get(pk=stakeholder.pk)
    _check(workspace, stakeholder, reason, data_request)
    if data_request is not None and data_request.is_open:
        from heard.requests.services import complete_data_request

        complete_data_request(
            workspace=workspace,
            actor=actor,
            request=data_request,
            note=_("Your identity has been erased; what you said is kept without your name."),
        )
    now, label = timezone.now(), erased_label(stakeholder)
    persons = _persons(stakeholder)
    from heard.concerns.models import Concern

    given = list(
        Concern.objects.filter(stakeholder__in=persons).values_list("contact_name", "contact_email")
    )
    scrub = scrubber_for(
        persons,
        label,
        names=[name for name, _email in given],
        contacts=[email for _name, email in given],
    )
    targets = _audit_targets(persons)
    _scrub_decisions(targets, scrub)
    inputs_count = _anonymise_inputs(persons, scrub)
    responses_count = _keep_responses(persons, scrub)
    _personal_records(persons, scrub, now)
    _concerns(persons, scrub)
    for person in persons:
        _scrub_person(person, now)
    redacted = redact_audit(workspace, targets, scrub)
    erasure = Erasure.objects.create(
        workspace=workspace,
        stakeholder=stakeholder,
        reason=reason,
        erased_by=actor if getattr(actor, "pk", None) else None,
        data_request=data_request,
        inputs_count=inputs_count,
        responses_count=responses_count,
        audit_entries_count=len(redacted),
    )
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.ERASE,
        obj=stakeholder,
        object_repr=label,
        changes={
            "reason": reason,
            "records_erased": len(persons),
            "inputs_kept_anonymous": inputs_count,
            "responses_kept": responses_count,
            audit.REDACTED_KEY: redacted,
        },
    )
    transaction.on_commit(lambda: purge_search_index(workspace))
    return erasure


def purge_search_index(workspace: Workspace | None = None) -> None:
    """SQLite's FTS5 index keeps deleted words in old segments until merged: merge them, so
    an erased name is gone from the file too. (PostgreSQL computes its index from the row.)"""
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for table in ("stakeholders_stakeholder", "feedback_input", "concerns_concern"):
            fts = f"{table}_fts"
            cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")  # noqa: S608
