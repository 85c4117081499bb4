"""Writes to the registry: every rule about stakeholders and organisations lives here.

Views, the API, imports, the CLI and tests all call these functions. Each validates, writes in
one transaction and records the audit entry.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.concurrency import check_version
from heard.core.countries import country_name, is_global_majority, region_of
from heard.core.crypto import blind_index
from heard.core.errors import DomainError
from heard.core.models import AuditAction, CountryClassificationOverride, User, Workspace
from heard.core.search import normalise
from heard.stakeholders.models import (
    Consent,
    ConsentPurpose,
    Organisation,
    SafetyLevel,
    Stakeholder,
    StakeholderLanguage,
    StakeholderRiskGroup,
    Tag,
    Topic,
)
from heard.stakeholders.vocab import available_time_zones, language_names

# Unambiguous characters: no 0/O, 1/I/L.
PSEUDONYM_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def generate_pseudonym() -> str:
    """A random four-character code; callers retry on the rare clash in a workspace."""
    return "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(4))


def unique_pseudonym(workspace: Workspace) -> str:
    """A pseudonym not yet used in `workspace` (grows to 6 characters if 4 get crowded)."""
    for attempt in range(50):
        length = 4 if attempt < 20 else 6
        code = "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(length))
        if not Stakeholder.objects.filter(workspace=workspace, pseudonym=code).exists():
            return code
    raise DomainError("Could not allocate a pseudonym; try again.")


def country_overrides(workspace: Workspace) -> dict[str, bool]:
    """The workspace's Global Majority overrides, {iso2: flag}."""
    return dict(
        CountryClassificationOverride.objects.filter(workspace=workspace).values_list(
            "country", "is_global_majority"
        )
    )


def apply_country(obj: Stakeholder | Organisation, overrides: dict[str, bool]) -> None:
    """Derive region and the Global Majority flag from the country."""
    code = str(obj.country or "")
    found = region_of(code)
    obj.region = found.region if found else ""
    obj.is_global_majority = is_global_majority(code, overrides) if code else None


def stakeholder_search_text(stakeholder: Stakeholder, topic_names: Iterable[str] = ()) -> str:
    """What the registry search matches. High-risk names are left out: a role that sees only
    the pseudonym must not be able to confirm a name by searching for it."""
    organisation = stakeholder.organisation.name if stakeholder.organisation_id else ""
    return normalise(
        "" if stakeholder.is_high_risk else stakeholder.name,
        stakeholder.pseudonym,
        organisation,
        stakeholder.role_at_organisation,
        country_name(stakeholder.country),
        " ".join(topic_names),
        stakeholder.lived_experience,
        stakeholder.notes if not stakeholder.is_high_risk else "",
    )


def organisation_search_text(organisation: Organisation) -> str:
    """What the organisation search matches."""
    return normalise(
        organisation.name,
        country_name(organisation.country),
        organisation.website,
        organisation.description,
    )


def _validate(obj) -> None:
    if isinstance(obj, Stakeholder):
        _check_time_zone(obj.time_zone)
    try:
        obj.full_clean(exclude=["workspace", "pseudonym"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(f"{messages[0]}", field=None if field == "__all__" else field) from error


def _check_time_zone(name: str) -> None:
    if name and name not in available_time_zones():
        raise DomainError(
            _("“%(zone)s” is not an IANA time zone (e.g. Africa/Nairobi).") % {"zone": name},
            field="time_zone",
        )


def _check_languages(codes: Iterable[str] | None) -> list[str] | None:
    if codes is None:
        return None
    known = language_names()
    cleaned = [c.strip().lower() for c in codes if c and c.strip()]
    unknown = [c for c in cleaned if c not in known]
    if unknown:
        raise DomainError(
            _("Unknown language code: %(codes)s (use ISO 639-1, e.g. en, fr, sw).")
            % {"codes": ", ".join(unknown)},
            field="languages",
        )
    return cleaned


def _check_same_workspace(workspace: Workspace, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.workspace_id != workspace.pk:
            raise DomainError("That record belongs to another workspace.")


# --- organisations


@transaction.atomic
def create_organisation(*, workspace: Workspace, actor: User | None, **fields) -> Organisation:
    """Create an organisation."""
    organisation = Organisation(workspace=workspace, **fields)
    _check_same_workspace(workspace, organisation.parent)
    apply_country(organisation, country_overrides(workspace))
    organisation.search_text = organisation_search_text(organisation)
    _validate(organisation)
    organisation.save()
    audit.record_create(workspace=workspace, actor=actor, obj=organisation)
    return organisation


@transaction.atomic
def update_organisation(
    *,
    workspace: Workspace,
    actor: User | None,
    organisation: Organisation,
    version: str | None = None,
    **fields,
) -> Organisation:
    """Change an organisation's fields (refused with EditConflict if `version` is stale)."""
    check_version(Organisation, organisation.pk, version)
    _check_same_workspace(workspace, organisation, fields.get("parent"))
    _check_parent(organisation, fields.get("parent"))
    before = audit.snapshot(organisation)
    old_name = organisation.name
    for name, value in fields.items():
        setattr(organisation, name, value)
    apply_country(organisation, country_overrides(workspace))
    organisation.search_text = organisation_search_text(organisation)
    _validate(organisation)
    organisation.save()
    audit.record_update(workspace=workspace, actor=actor, obj=organisation, before=before)
    if organisation.name != old_name:
        refresh_search_text(organisation.stakeholders.all())
    return organisation


def _check_parent(organisation: Organisation, parent: Organisation | None) -> None:
    """No organisation may be its own parent, directly or through its ancestors."""
    seen = set()
    while parent is not None and parent.pk not in seen:
        if parent.pk == organisation.pk:
            raise DomainError(
                _("An organisation cannot be its own parent (or its own ancestor)."),
                field="parent",
            )
        seen.add(parent.pk)
        parent = parent.parent


def refresh_search_text(stakeholders) -> int:
    """Recompute the search text of `stakeholders` (after an organisation was renamed)."""
    count = 0
    batch = []
    queryset = stakeholders.select_related("organisation").prefetch_related("topics")
    for stakeholder in queryset.iterator(chunk_size=2000):
        stakeholder.search_text = stakeholder_search_text(
            stakeholder, (t.name for t in stakeholder.topics.all())
        )
        batch.append(stakeholder)
        if len(batch) >= 2000:
            count += Stakeholder.objects.bulk_update(batch, ["search_text"])
            batch = []
    if batch:
        count += Stakeholder.objects.bulk_update(batch, ["search_text"])
    return count


# --- stakeholders


def _set_relations(
    stakeholder: Stakeholder,
    *,
    languages: Iterable[str] | None,
    risk_groups: Iterable[str] | None,
    topics: Iterable[Topic] | None,
    tags: Iterable[Tag] | None,
) -> None:
    if languages is not None:
        stakeholder.language_links.all().delete()
        StakeholderLanguage.objects.bulk_create(
            StakeholderLanguage(stakeholder=stakeholder, code=code)
            for code in dict.fromkeys(languages)
        )
    if risk_groups is not None:
        stakeholder.risk_group_links.all().delete()
        StakeholderRiskGroup.objects.bulk_create(
            StakeholderRiskGroup(stakeholder=stakeholder, group=group)
            for group in dict.fromkeys(risk_groups)
        )
    if topics is not None:
        stakeholder.topics.set(topics)
    if tags is not None:
        stakeholder.tags.set(tags)


def _relations_snapshot(stakeholder: Stakeholder) -> dict:
    return {
        "languages": sorted(stakeholder.language_links.values_list("code", flat=True)),
        "risk_groups": sorted(stakeholder.risk_group_links.values_list("group", flat=True)),
        "topics": sorted(stakeholder.topics.values_list("name", flat=True)),
        "tags": sorted(stakeholder.tags.values_list("name", flat=True)),
    }


def _refresh_derived(stakeholder: Stakeholder, overrides: dict[str, bool]) -> None:
    apply_country(stakeholder, overrides)
    stakeholder.email_index = blind_index(stakeholder.email)


@transaction.atomic
def create_stakeholder(
    *,
    workspace: Workspace,
    actor: User | None,
    languages: Iterable[str] = (),
    risk_groups: Iterable[str] = (),
    topics: Iterable[Topic] = (),
    tags: Iterable[Tag] = (),
    **fields,
) -> Stakeholder:
    """Create a stakeholder with their languages, risk groups, topics and tags."""
    topics, tags = list(topics), list(tags)
    languages = _check_languages(languages)
    stakeholder = Stakeholder(workspace=workspace, **fields)
    _check_same_workspace(workspace, stakeholder.organisation, *topics, *tags)
    stakeholder.pseudonym = unique_pseudonym(workspace)
    _refresh_derived(stakeholder, country_overrides(workspace))
    _validate(stakeholder)
    stakeholder.save()
    _set_relations(
        stakeholder, languages=languages, risk_groups=risk_groups, topics=topics, tags=tags
    )
    stakeholder.search_text = stakeholder_search_text(stakeholder, (t.name for t in topics))
    stakeholder.save(update_fields=["search_text"])
    changes = audit.diff({}, {**audit.snapshot(stakeholder), **_relations_snapshot(stakeholder)})
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.CREATE,
        obj=stakeholder,
        changes=changes,
    )
    return stakeholder


@transaction.atomic
def update_stakeholder(
    *,
    workspace: Workspace,
    actor: User | None,
    stakeholder: Stakeholder,
    languages: Iterable[str] | None = None,
    risk_groups: Iterable[str] | None = None,
    topics: Iterable[Topic] | None = None,
    tags: Iterable[Tag] | None = None,
    version: str | None = None,
    **fields,
) -> Stakeholder:
    """Change a stakeholder; relations given as None are left as they are (refused with
    EditConflict if `version` is stale)."""
    check_version(Stakeholder, stakeholder.pk, version)
    topics = list(topics) if topics is not None else None
    tags = list(tags) if tags is not None else None
    languages = _check_languages(languages)
    _check_same_workspace(
        workspace, stakeholder, fields.get("organisation"), *(topics or []), *(tags or [])
    )
    before = {**audit.snapshot(stakeholder), **_relations_snapshot(stakeholder)}
    for name, value in fields.items():
        setattr(stakeholder, name, value)
    _refresh_derived(stakeholder, country_overrides(workspace))
    _validate(stakeholder)
    _set_relations(
        stakeholder, languages=languages, risk_groups=risk_groups, topics=topics, tags=tags
    )
    stakeholder.search_text = stakeholder_search_text(
        stakeholder, stakeholder.topics.values_list("name", flat=True)
    )
    stakeholder.save()
    after = {**audit.snapshot(stakeholder), **_relations_snapshot(stakeholder)}
    if changes := audit.diff(before, after):
        audit.record(
            workspace=workspace,
            actor=actor,
            action=AuditAction.UPDATE,
            obj=stakeholder,
            changes=changes,
        )
    return stakeholder


@transaction.atomic
def archive(*, workspace: Workspace, actor: User | None, obj: Stakeholder | Organisation):
    """Archive a stakeholder or organisation: hidden from lists, kept with all its history."""
    _check_same_workspace(workspace, obj)
    if obj.archived_at is not None:
        return obj
    obj.archived_at = timezone.now()
    obj.save(update_fields=["archived_at", "updated_at"])
    audit.record(workspace=workspace, actor=actor, action=AuditAction.ARCHIVE, obj=obj)
    return obj


@transaction.atomic
def restore(*, workspace: Workspace, actor: User | None, obj: Stakeholder | Organisation):
    """Undo an archive."""
    _check_same_workspace(workspace, obj)
    if obj.archived_at is None:
        return obj
    obj.archived_at = None
    obj.save(update_fields=["archived_at", "updated_at"])
    audit.record(workspace=workspace, actor=actor, action=AuditAction.RESTORE, obj=obj)
    return obj


# --- vocabularies


def _names(text_or_names: str | Iterable[str]) -> list[str]:
    raw = text_or_names.split(",") if isinstance(text_or_names, str) else text_or_names
    cleaned = (" ".join(n.split()) for n in raw if n)
    return list(dict.fromkeys(n for n in cleaned if n))


def _vocabulary(model, workspace: Workspace, names: str | Iterable[str]) -> list:
    wanted = _names(names)
    max_length = model._meta.get_field("name").max_length
    if too_long := [n for n in wanted if len(n) > max_length]:
        raise DomainError(
            _("“%(name)s” is longer than %(max)d characters.")
            % {"name": too_long[0][:40], "max": max_length}
        )
    existing = {o.name.casefold(): o for o in model.objects.filter(workspace=workspace)}
    found = []
    for name in wanted:
        obj = existing.get(name.casefold())
        if obj is None:
            obj = model.objects.create(workspace=workspace, name=name)
            existing[name.casefold()] = obj
        if obj not in found:
            found.append(obj)
    return found


def topics_named(workspace: Workspace, names: str | Iterable[str]) -> list[Topic]:
    """The workspace's topics with these names (comma-separated text or a list), creating
    missing ones; matching ignores case so "Privacy" and "privacy" stay one topic."""
    return _vocabulary(Topic, workspace, names)


def tags_named(workspace: Workspace, names: str | Iterable[str]) -> list[Tag]:
    """The workspace's tags with these names, creating missing ones."""
    return _vocabulary(Tag, workspace, names)


# --- consent: records are added and withdrawn, never overwritten


@transaction.atomic
def record_consent(
    *,
    workspace: Workspace,
    actor: User | None,
    stakeholder: Stakeholder,
    purpose: str = ConsentPurpose.CONTACT,
    given_at: datetime | None = None,
    expires_at: datetime | None = None,
    method: str = "written",
    notes: str = "",
) -> Consent:
    """Record one act of consent; earlier records stay as they are."""
    _check_same_workspace(workspace, stakeholder)
    consent = Consent(
        workspace=workspace,
        stakeholder=stakeholder,
        purpose=purpose,
        given_at=given_at or timezone.now(),
        expires_at=expires_at,
        method=method,
        notes=notes,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    if consent.expires_at is not None and consent.expires_at <= consent.given_at:
        raise DomainError(_("Consent must expire after it was given."), field="expires_at")
    if consent.given_at > timezone.now() + timedelta(minutes=5):
        raise DomainError(_("Consent cannot be given in the future."), field="given_at")
    _validate(consent)
    consent.save()
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.UPDATE,
        obj=stakeholder,
        changes={"consent": [None, _consent_summary(consent)]},
    )
    return consent


@transaction.atomic
def withdraw_consent(
    *, workspace: Workspace, actor: User | None, consent: Consent, at: datetime | None = None
) -> Consent:
    """Mark a consent withdrawn (once; the record itself is kept)."""
    _check_same_workspace(workspace, consent)
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is not None:
        raise DomainError(_("This consent was already withdrawn."))
    before = _consent_summary(consent)
    consent.withdrawn_at = at or timezone.now()
    consent.save(update_fields=["withdrawn_at", "updated_at"])
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.UPDATE,
        obj=consent.stakeholder,
        changes={"consent": [before, _consent_summary(consent)]},
    )
    return consent


def _consent_summary(consent: Consent) -> str:
    parts = [
        f"{consent.purpose} given {consent.given_at:%Y-%m-%d}",
        f"expires {consent.expires_at:%Y-%m-%d}" if consent.expires_at else "",
        f"withdrawn {consent.withdrawn_at:%Y-%m-%d}" if consent.withdrawn_at else "",
        f"via {consent.method}",
    ]
    return ", ".join(p for p in parts if p)


# --- bulk actions


def _in_workspace(workspace: Workspace, stakeholders) -> list[Stakeholder]:
    items = list(stakeholders)
    _check_same_workspace(workspace, *items)
    return items


@transaction.atomic
def bulk_add_tag(
    *, workspace: Workspace, actor: User | None, stakeholders, tag_name: str
) -> tuple[Tag, int]:
    """Add one tag to many stakeholders; returns the tag and how many newly got it."""
    found = tags_named(workspace, [tag_name])
    if not found:
        raise DomainError(_("Give the tag a name."), field="tag")
    tag = found[0]
    items = _in_workspace(workspace, stakeholders)
    through = Stakeholder.tags.through
    already = set(
        through.objects.filter(tag=tag, stakeholder__in=items).values_list(
            "stakeholder_id", flat=True
        )
    )
    new = [s for s in items if s.pk not in already]
    through.objects.bulk_create(through(stakeholder=s, tag=tag) for s in new)
    for stakeholder in new:
        audit.record(
            workspace=workspace,
            actor=actor,
            action=AuditAction.UPDATE,
            obj=stakeholder,
            changes={"tags": [None, f"+ {tag.name}"]},
        )
    return tag, len(new)


@transaction.atomic
def bulk_assign_owner(
    *, workspace: Workspace, actor: User | None, stakeholders, owner: User | None
) -> int:
    """Make `owner` (a member of the workspace, or None) the relationship owner of many."""
    if owner is not None and not owner.memberships.filter(workspace=workspace).exists():
        raise DomainError(_("The relationship owner must be a member of this workspace."))
    changed = 0
    for stakeholder in _in_workspace(workspace, stakeholders):
        if stakeholder.relationship_owner_id == getattr(owner, "pk", None):
            continue
        before = stakeholder.relationship_owner_id
        Stakeholder.objects.filter(pk=stakeholder.pk).update(
            relationship_owner=owner, updated_at=timezone.now()
        )
        audit.record(
            workspace=workspace,
            actor=actor,
            action=AuditAction.UPDATE,
            obj=stakeholder,
            changes={"relationship_owner": [before, getattr(owner, "pk", None)]},
        )
        changed += 1
    return changed


@transaction.atomic
def bulk_archive(*, workspace: Workspace, actor: User | None, stakeholders) -> list[int]:
    """Archive many; returns the ids actually archived (for the undo)."""
    done = []
    for stakeholder in _in_workspace(workspace, stakeholders):
        if stakeholder.archived_at is None:
            archive(workspace=workspace, actor=actor, obj=stakeholder)
            done.append(stakeholder.pk)
    return done


@transaction.atomic
def bulk_restore(*, workspace: Workspace, actor: User | None, stakeholders) -> list[int]:
    """Restore many (the undo of bulk_archive); returns the ids restored."""
    done = []
    for stakeholder in _in_workspace(workspace, stakeholders):
        if stakeholder.archived_at is not None and stakeholder.merged_into_id is None:
            restore(workspace=workspace, actor=actor, obj=stakeholder)
            done.append(stakeholder.pk)
    return done


# --- merging duplicates

SAFETY_ORDER = [SafetyLevel.STANDARD, SafetyLevel.ELEVATED, SafetyLevel.HIGH_RISK]
# Fields merge never copies: identity, bookkeeping and derived columns.
MERGE_SKIPPED = {
    "id",
    "workspace",
    "pseudonym",
    "created_at",
    "updated_at",
    "archived_at",
    "merged_into",
    "search_text",
    "email_index",
    "region",
    "is_global_majority",
}


def _unique_field_sets(model, field_name: str) -> list[tuple[str, ...]]:
    sets = [tuple(c.fields) for c in model._meta.constraints if getattr(c, "fields", None)]
    sets += [tuple(u) for u in model._meta.unique_together]
    return [s for s in sets if field_name in s]


def _move_rows(model, field, keep: Stakeholder, duplicate: Stakeholder) -> int:
    """Point rows of `model` at `keep` instead of `duplicate`; rows that would break a
    uniqueness rule (keep already has the same link) are redundant and removed."""
    name = field.name
    rows = model._base_manager.filter(**{name: duplicate})
    for fields in _unique_field_sets(model, name):
        others = [f for f in fields if f != name]
        kept = set(model._base_manager.filter(**{name: keep}).values_list(*others))
        clashing = [pk for pk, *values in rows.values_list("pk", *others) if tuple(values) in kept]
        model._base_manager.filter(pk__in=clashing).delete()
    return model._base_manager.filter(**{name: duplicate}).update(**{name: keep})


def _merge_fields(keep: Stakeholder, duplicate: Stakeholder) -> dict:
    filled = {}
    for field in Stakeholder._meta.concrete_fields:
        if field.name in MERGE_SKIPPED:
            continue
        mine, theirs = getattr(keep, field.attname), getattr(duplicate, field.attname)
        if isinstance(field, models.BooleanField):
            if theirs and not mine:
                setattr(keep, field.attname, True)
                filled[field.name] = [mine, True]
        elif field.name == "safety_level":
            stricter = max(mine, theirs, key=SAFETY_ORDER.index)
            if stricter != mine:
                keep.safety_level = stricter
                filled[field.name] = [mine, stricter]
        elif field.name == "last_engaged_on":
            if theirs and (not mine or theirs > mine):
                keep.last_engaged_on = theirs
                filled[field.name] = [str(mine or ""), str(theirs)]
        elif mine in ("", None) and theirs not in ("", None):
            setattr(keep, field.attname, theirs)
            filled[field.name] = [
                None,
                audit.MASK if field.name in keep.audit_masked_fields else audit._plain(theirs),
            ]
    return filled


@transaction.atomic
def merge_stakeholders(
    *, workspace: Workspace, actor: User | None, keep: Stakeholder, duplicate: Stakeholder
) -> Stakeholder:
    """Merge `duplicate` into `keep`: every relation pointing at the duplicate moves to keep
    (found generically, so relations added by later apps move too), keep's empty fields are
    filled from the duplicate, and the duplicate is archived with `merged_into` set. Nothing
    is deleted but redundant link rows; both histories stay readable."""
    _check_same_workspace(workspace, keep, duplicate)
    if keep.pk == duplicate.pk:
        raise DomainError(_("Choose two different stakeholders to merge."))
    keep = Stakeholder.objects.select_for_update().get(pk=keep.pk)
    duplicate = Stakeholder.objects.select_for_update().get(pk=duplicate.pk)
    if duplicate.merged_into_id or keep.merged_into_id:
        raise DomainError(_("One of these stakeholders was already merged into another."))
    moved = {}
    for relation in Stakeholder._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete:
            continue
        if relation.many_to_many:  # another model's ManyToManyField to Stakeholder
            through = relation.through
            field = next(
                f for f in through._meta.fields if f.is_relation and f.related_model is Stakeholder
            )
            count = _move_rows(through, field, keep, duplicate)
        else:  # a ForeignKey / OneToOne from another model (or self: merged_from)
            count = _move_rows(relation.related_model, relation.field, keep, duplicate)
        if count:
            moved[relation.related_model._meta.verbose_name_plural.__str__()] = count
    for field in Stakeholder._meta.many_to_many:  # Stakeholder's own M2M: topics, tags
        getattr(keep, field.name).add(*getattr(duplicate, field.name).all())
    filled = _merge_fields(keep, duplicate)
    keep.email_index = blind_index(keep.email)
    keep.search_text = stakeholder_search_text(keep, keep.topics.values_list("name", flat=True))
    keep.save()
    duplicate.merged_into = keep
    duplicate.archived_at = duplicate.archived_at or timezone.now()
    duplicate.save(update_fields=["merged_into", "archived_at", "updated_at"])
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.MERGE,
        obj=keep,
        changes={"merged_from": [None, duplicate.pk], **filled, "moved": [None, moved]},
    )
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.MERGE,
        obj=duplicate,
        changes={"merged_into": [None, keep.pk], "archived_at": [None, "merged"]},
    )
    return keep


# --- Global Majority classification


def _recompute_country(workspace: Workspace, country: str) -> tuple[int, int]:
    flag = is_global_majority(country, country_overrides(workspace))
    counts = []
    for model in (Stakeholder, Organisation):
        counts.append(
            model.objects.filter(workspace=workspace, country=country).update(
                is_global_majority=flag
            )
        )
    return counts[0], counts[1]


@transaction.atomic
def set_country_override(
    *, workspace: Workspace, actor: User | None, country: str, is_global_majority: bool
) -> tuple[int, int]:
    """Override whether `country` counts as Global Majority in this workspace, and recompute
    the flag of its stakeholders and organisations there. Returns (stakeholders, orgs)."""
    from django_countries import countries

    country = (country or "").upper()
    if country not in dict(countries):
        raise DomainError(_("Choose a country from the list."), field="country")
    before = country_overrides(workspace).get(country)
    CountryClassificationOverride.objects.update_or_create(
        workspace=workspace, country=country, defaults={"is_global_majority": is_global_majority}
    )
    counts = _recompute_country(workspace, country)
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.UPDATE,
        object_repr=f"Global Majority classification: {country}",
        changes={f"override {country}": [before, is_global_majority]},
    )
    return counts


@transaction.atomic
def remove_country_override(
    *, workspace: Workspace, actor: User | None, country: str
) -> tuple[int, int]:
    """Go back to the maintained classification for `country` and recompute its flags."""
    country = (country or "").upper()
    deleted = CountryClassificationOverride.objects.filter(workspace=workspace, country=country)
    before = deleted.values_list("is_global_majority", flat=True).first()
    if before is None:
        raise DomainError(_("There is no override for that country."), field="country")
    deleted.delete()
    counts = _recompute_country(workspace, country)
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.UPDATE,
        object_repr=f"Global Majority classification: {country}",
        changes={f"override {country}": [before, None]},
    )
    return counts


# --- exports


def record_export(*, workspace: Workspace, actor: User | None, what: str, fmt: str, params: dict):
    """An EXPORT audit entry: who took which list out, in which format, with which filter."""
    return audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.EXPORT,
        object_repr=f"{what} ({fmt})",
        changes={"filter": [None, {k: v for k, v in params.items() if v not in ("", None)}]},
    )
