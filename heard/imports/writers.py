"""Writing checked rows to the registry in bulk, inside the caller's transaction.

Derived fields are computed exactly as heard.stakeholders.services does for one record
(apply_country, stakeholder_search_text, unique pseudonyms, blind_index), but objects are
written with bulk_create / bulk_update in batches and audited with audit.record_bulk, so
100,000 rows take seconds rather than minutes.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable

from django.db import models
from django.utils import timezone
from django_countries.fields import CountryField

from heard.core import audit
from heard.core.crypto import blind_index
from heard.core.models import AuditAction, AuditEntry, User, Workspace
from heard.imports.bulk import bulk_insert, insert_rows
from heard.imports.models import ImportKind, MatchMode
from heard.imports.validation import RowResult
from heard.stakeholders.models import (
    Organisation,
    Stakeholder,
    StakeholderLanguage,
    StakeholderRiskGroup,
    Tag,
    Topic,
)
from heard.stakeholders.services import (
    PSEUDONYM_ALPHABET,
    apply_country,
    country_overrides,
    organisation_search_text,
    stakeholder_search_text,
)

BATCH = 2000
RELATIONS = ("languages", "risk_groups", "topics", "tags")
STAKEHOLDER_FIELDS = (
    "name",
    "kind",
    "category",
    "relation",
    "role_at_organisation",
    "country",
    "time_zone",
    "lived_experience",
    "safety_level",
    "has_standing_agreement",
    "is_compensation_eligible",
    "is_key_relationship",
    "notes",
    "email",
    "phone",
    "messaging_handle",
)
ORGANISATION_FIELDS = ("name", "type", "country", "website", "description")
DERIVED = {
    ImportKind.STAKEHOLDERS: ("region", "is_global_majority", "email_index", "search_text"),
    ImportKind.ORGANISATIONS: ("region", "is_global_majority", "search_text"),
}


def _given(values: dict) -> dict:
    """Values the row actually gives: empty cells leave defaults (or existing values) alone."""
    return {k: v for k, v in values.items() if v not in ("", None, [])}


def _batches(items: list) -> Iterable[list]:
    size = BATCH
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Matcher:
    """Finds the existing record a row matches: stakeholders by email (its blind index), else
    by name at the same organisation; organisations by name; all case-insensitive."""

    def __init__(self, workspace: Workspace, kind: str):
        self.kind = kind
        self._indexes: dict[str, str] = {}
        if kind == ImportKind.STAKEHOLDERS:
            rows = (
                Stakeholder.objects.for_workspace(workspace)
                .active()
                .filter(merged_into__isnull=True)
                .values_list("pk", "email_index", "name", "organisation__name")
            )
            self.by_email, self.by_name = {}, {}
            for pk, email_index, name, organisation in rows:
                if email_index:
                    self.by_email.setdefault(email_index, pk)
                self.by_name.setdefault((name.casefold(), (organisation or "").casefold()), pk)
        else:
            rows = Organisation.objects.for_workspace(workspace).active().values_list("pk", "name")
            self.by_name = {}
            for pk, name in rows:
                self.by_name.setdefault(name.casefold(), pk)

    def email_index(self, email: str) -> str:
        """blind_index(email), computed once per address (the writer needs it again)."""
        if email not in self._indexes:
            self._indexes[email] = blind_index(email)
        return self._indexes[email]

    def find(self, values: dict) -> int | None:
        """The id of the record `values` matches, or None."""
        name = (values.get("name") or "").casefold()
        if self.kind == ImportKind.ORGANISATIONS:
            return self.by_name.get(name)
        if values.get("email"):
            found = self.by_email.get(self.email_index(values["email"]))
            if found:
                return found
        return self.by_name.get((name, (values.get("organisation") or "").casefold()))


class Snapshot:
    """audit.snapshot for many objects of one model: the same output, with the field list and
    each field's conversion worked out once instead of per object (100,000 rows)."""

    def __init__(self, model):
        masked = set(getattr(model, "audit_masked_fields", ()))
        ignored = set(getattr(model, "audit_ignored_fields", ())) | {"id", "workspace"}
        self.fields = []
        for field in model._meta.concrete_fields:
            if field.name in ignored:
                continue
            if field.name in masked:
                kind = "masked"
            elif isinstance(field, CountryField):
                kind = "country"
            elif isinstance(field, models.DateField | models.TimeField):
                kind = "temporal"
            else:
                kind = "plain"
            self.fields.append((field.name, field.attname, kind))

    def __call__(self, obj) -> dict:
        data, raw = {}, obj.__dict__
        for name, attname, kind in self.fields:
            value = raw.get(attname)
            if kind == "masked":
                value = audit.MASK if value else ""
            elif kind == "country":
                value = str(value or "") if isinstance(value, str) else audit._plain(value)
            elif kind == "temporal" and value is not None:
                value = value.isoformat()
            elif kind == "plain" and not isinstance(value, str | int | bool | None):
                value = audit._plain(value)
            data[name] = value
        return data


BLANK = (None, "", [])


def created_changes(snapshot: dict) -> dict:
    """What a created record holds, as {field: [None, value]}; blank fields are left out
    (the audit entry of a 100,000-row import stays small; "not listed" means blank)."""
    return {key: [None, value] for key, value in snapshot.items() if value not in BLANK}


def _audit(workspace: Workspace, actor, items) -> None:
    audit.record_bulk(
        workspace=workspace,
        actor=actor,
        action=AuditAction.IMPORT,
        items=items,
        insert=lambda entries: bulk_insert(AuditEntry, entries),
    )


def _vocabulary(model, workspace: Workspace, actor, names: Iterable[str]) -> dict[str, object]:
    """{casefolded name: object} for `names`, creating the missing ones."""
    wanted = {name.casefold(): name for name in names}
    if not wanted:
        return {}
    found = {
        obj.name.casefold(): obj
        for obj in model.objects.for_workspace(workspace)
        if obj.name.casefold() in wanted
    }
    missing = [model(workspace=workspace, name=wanted[k]) for k in wanted if k not in found]
    if missing:
        model.objects.bulk_create(missing, batch_size=BATCH)
        _audit(workspace, actor, ((obj, audit.diff({}, audit.snapshot(obj))) for obj in missing))
        found.update({obj.name.casefold(): obj for obj in missing})
    return found


def _organisations(workspace: Workspace, actor, names: Iterable[str], overrides) -> dict:
    """{casefolded name: Organisation} for organisations named in rows, creating missing ones."""
    wanted = {name.casefold(): name for name in names if name}
    if not wanted:
        return {}
    found = {}
    for organisation in Organisation.objects.for_workspace(workspace).active():
        found.setdefault(organisation.name.casefold(), organisation)
    found = {k: v for k, v in found.items() if k in wanted}
    missing = []
    for key in wanted.keys() - found.keys():
        organisation = Organisation(workspace=workspace, name=wanted[key])
        apply_country(organisation, overrides)
        organisation.search_text = organisation_search_text(organisation)
        missing.append(organisation)
    if missing:
        bulk_insert(Organisation, missing)
        _audit(workspace, actor, ((o, audit.diff({}, audit.snapshot(o))) for o in missing))
        found.update({o.name.casefold(): o for o in missing})
    return found


def write_rows(
    *,
    workspace: Workspace,
    actor: User | None,
    kind: str,
    rows: list[RowResult],
    mapped: set[str],
    match_mode: str,
    progress: Callable[[int], None] | None = None,
) -> dict:
    """Write every row (the caller holds the transaction); returns what was done."""
    writer = StakeholderWriter if kind == ImportKind.STAKEHOLDERS else OrganisationWriter
    return writer(workspace, actor, mapped, progress).write(rows, match_mode)


class _Writer:
    """What stakeholder and organisation writers share: matching and the batch loop."""

    kind = ""

    def __init__(self, workspace: Workspace, actor, mapped: set[str], progress):
        self.workspace, self.actor, self.mapped = workspace, actor, mapped
        self.progress = progress or (lambda done: None)
        self.overrides = country_overrides(workspace)
        self.summary = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0}
        self.done = 0
        self._regions: dict[str, tuple] = {}
        self.now = timezone.now()  # one instant for every record the import creates

    def write(self, rows: list[RowResult], match_mode: str) -> dict:
        self.matcher = matcher = Matcher(self.workspace, self.kind)
        to_create, to_update = [], {}
        for row in rows:
            match = matcher.find(row.values) if match_mode != MatchMode.CREATE else None
            if match is None:
                to_create.append(row)
            elif match_mode == MatchMode.UPDATE and match not in to_update:
                to_update[match] = row
            else:
                self.summary["skipped"] += 1
                self.done += 1
        self.prepare(to_create + list(to_update.values()))
        for batch in _batches(to_create):
            self.create(batch)
            self.summary["created"] += len(batch)
            self._advance(len(batch))
        for batch in _batches(list(to_update.items())):
            self.update(dict(batch))
            self._advance(len(batch))
        self.finish()
        return self.summary

    def _apply_country(self, obj) -> None:
        """services.apply_country, worked out once per country code (its only input)."""
        code = str(obj.__dict__.get("country") or "")
        if code not in self._regions:
            apply_country(obj, self.overrides)
            self._regions[code] = (obj.region, obj.is_global_majority)
        obj.region, obj.is_global_majority = self._regions[code]

    def _advance(self, count: int) -> None:
        self.done += count
        self.progress(self.done)

    def prepare(self, rows: list[RowResult]) -> None:
        """Find or create what the rows refer to."""

    def finish(self) -> None:
        """Work that needs every row written first."""


class StakeholderWriter(_Writer):
    """Creates and updates stakeholders with their languages, groups, topics and tags."""

    kind = ImportKind.STAKEHOLDERS

    def prepare(self, rows: list[RowResult]) -> None:
        names = lambda key: {n for r in rows for n in r.values.get(key) or []}  # noqa: E731
        self.topics = _vocabulary(Topic, self.workspace, self.actor, names("topics"))
        self.tags = _vocabulary(Tag, self.workspace, self.actor, names("tags"))
        self.organisations = _organisations(
            self.workspace,
            self.actor,
            {r.values.get("organisation") for r in rows} - {None, ""},
            self.overrides,
        )
        self.pseudonyms = set(
            Stakeholder.objects.for_workspace(self.workspace).values_list("pseudonym", flat=True)
        )
        self.summary["tag_ids"] = sorted(t.pk for t in self.tags.values())

    def _pseudonym(self) -> str:
        # As services.unique_pseudonym, against the set in memory instead of one query each.
        for attempt in range(200):
            length = 4 if attempt < 20 else 6
            code = "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(length))
            if code not in self.pseudonyms:
                self.pseudonyms.add(code)
                return code
        raise RuntimeError("Could not allocate a pseudonym")

    def _assign(self, stakeholder: Stakeholder, values: dict) -> None:
        for name in STAKEHOLDER_FIELDS:
            if name in values:
                setattr(stakeholder, name, values[name])
        if "organisation" in values:
            stakeholder.organisation = self.organisations[values["organisation"].casefold()]
        if "relationship_owner" in values:
            stakeholder.relationship_owner_id = values["relationship_owner"]
        self._apply_country(stakeholder)
        stakeholder.email_index = (
            self.matcher.email_index(stakeholder.email) if stakeholder.email else ""
        )

    def _relations(self, values: dict) -> dict:
        return {
            "languages": values.get("languages", []),
            "risk_groups": values.get("risk_groups", []),
            "topics": [self.topics[n.casefold()] for n in values.get("topics", [])],
            "tags": [self.tags[n.casefold()] for n in values.get("tags", [])],
        }

    @staticmethod
    def _relations_snapshot(relations: dict) -> dict:
        return {
            "languages": sorted(relations["languages"]),
            "risk_groups": sorted(relations["risk_groups"]),
            "topics": sorted({t.name for t in relations["topics"]}),
            "tags": sorted({t.name for t in relations["tags"]}),
        }

    def _link(self, pairs: list[tuple[Stakeholder, dict]], names: set[str], *, replace: bool):
        """Write the `names` relations of each stakeholder (replacing existing rows if asked)."""
        ids = [s.pk for s, _ in pairs]
        through = {"topics": Stakeholder.topics.through, "tags": Stakeholder.tags.through}
        if replace and "languages" in names:
            StakeholderLanguage.objects.filter(stakeholder_id__in=ids).delete()
        if replace and "risk_groups" in names:
            StakeholderRiskGroup.objects.filter(stakeholder_id__in=ids).delete()
        for name in ("topics", "tags"):
            if replace and name in names:
                through[name].objects.filter(stakeholder_id__in=ids).delete()
        rows = {name: [] for name in RELATIONS}
        for stakeholder, relations in pairs:
            pk = stakeholder.pk
            rows["languages"] += [(pk, code) for code in relations["languages"]]
            rows["risk_groups"] += [(pk, group) for group in relations["risk_groups"]]
            rows["topics"] += [(pk, topic.pk) for topic in relations["topics"]]
            rows["tags"] += [(pk, tag.pk) for tag in relations["tags"]]
        tables = {
            "languages": (StakeholderLanguage, ("stakeholder", "code")),
            "risk_groups": (StakeholderRiskGroup, ("stakeholder", "group")),
            "topics": (through["topics"], ("stakeholder", "topic")),
            "tags": (through["tags"], ("stakeholder", "tag")),
        }
        for name in names:
            model, columns = tables[name]
            insert_rows(model, columns, rows[name])

    def create(self, rows: list[RowResult]) -> None:
        pairs = []
        for row in rows:
            values = _given(row.values)
            stakeholder = Stakeholder(
                workspace=self.workspace, pseudonym=self._pseudonym(), created_at=self.now
            )
            self._assign(stakeholder, values)
            relations = self._relations(values)
            stakeholder.search_text = stakeholder_search_text(
                stakeholder, (t.name for t in relations["topics"])
            )
            pairs.append((stakeholder, relations))
        bulk_insert(Stakeholder, [s for s, _ in pairs])
        self._link(pairs, set(RELATIONS), replace=False)
        snapshot = Snapshot(Stakeholder)
        _audit(
            self.workspace,
            self.actor,
            (
                (s, created_changes({**snapshot(s), **self._relations_snapshot(r)}))
                for s, r in pairs
            ),
        )

    def update(self, matches: dict[int, RowResult]) -> None:
        existing = (
            Stakeholder.objects.filter(pk__in=matches)
            .select_related("organisation")
            .prefetch_related("language_links", "risk_group_links", "topics", "tags")
        )
        now, changed, pairs = timezone.now(), [], []
        replace = {name for name in RELATIONS if name in self.mapped}
        for stakeholder in existing:
            values = _given(matches[stakeholder.pk].values)
            old = {
                "languages": [link.code for link in stakeholder.language_links.all()],
                "risk_groups": [link.group for link in stakeholder.risk_group_links.all()],
                "topics": list(stakeholder.topics.all()),
                "tags": list(stakeholder.tags.all()),
            }
            before = {**audit.snapshot(stakeholder), **self._relations_snapshot(old)}
            self._assign(stakeholder, values)
            new = self._relations(values)
            relations = {k: new[k] if k in replace and k in values else old[k] for k in RELATIONS}
            stakeholder.search_text = stakeholder_search_text(
                stakeholder, (t.name for t in relations["topics"])
            )
            changes = audit.diff(
                before, {**audit.snapshot(stakeholder), **self._relations_snapshot(relations)}
            )
            if not changes:
                self.summary["unchanged"] += 1
                continue
            stakeholder.updated_at = now
            changed.append((stakeholder, changes))
            pairs.append((stakeholder, relations))
        fields = [f for f in STAKEHOLDER_FIELDS if f in self.mapped]
        fields += ["organisation", "relationship_owner", *DERIVED[self.kind], "updated_at"]
        Stakeholder.objects.bulk_update([s for s, _ in changed], fields, batch_size=BATCH)
        self._link(pairs, replace, replace=True)
        _audit(self.workspace, self.actor, changed)
        self.summary["updated"] += len(changed)


class OrganisationWriter(_Writer):
    """Creates and updates organisations; parents are set once every row exists."""

    kind = ImportKind.ORGANISATIONS

    def prepare(self, rows: list[RowResult]) -> None:
        self.parents: list[tuple[Organisation, str]] = []

    def _assign(self, organisation: Organisation, values: dict) -> None:
        for name in ORGANISATION_FIELDS:
            if name in values:
                setattr(organisation, name, values[name])
        self._apply_country(organisation)
        organisation.search_text = organisation_search_text(organisation)
        if values.get("parent"):
            self.parents.append((organisation, values["parent"]))

    def create(self, rows: list[RowResult]) -> None:
        created = []
        for row in rows:
            organisation = Organisation(workspace=self.workspace, created_at=self.now)
            self._assign(organisation, _given(row.values))
            created.append(organisation)
        bulk_insert(Organisation, created)
        snapshot = Snapshot(Organisation)
        _audit(
            self.workspace,
            self.actor,
            ((o, created_changes(snapshot(o))) for o in created),
        )

    def update(self, matches: dict[int, RowResult]) -> None:
        now, changed = timezone.now(), []
        for organisation in Organisation.objects.filter(pk__in=matches):
            before = audit.snapshot(organisation)
            self._assign(organisation, _given(matches[organisation.pk].values))
            changes = audit.diff(before, audit.snapshot(organisation))
            if not changes:
                self.summary["unchanged"] += 1
                continue
            organisation.updated_at = now
            changed.append((organisation, changes))
        fields = [f for f in ORGANISATION_FIELDS if f in self.mapped]
        Organisation.objects.bulk_update(
            [o for o, _ in changed], [*fields, *DERIVED[self.kind], "updated_at"], batch_size=BATCH
        )
        _audit(self.workspace, self.actor, changed)
        self.summary["updated"] += len(changed)

    def finish(self) -> None:
        """Point each organisation at its parent, creating parents the file only names."""
        if not self.parents:
            return
        by_name = _organisations(
            self.workspace, self.actor, {name for _, name in self.parents}, self.overrides
        )
        changed = []
        for organisation, parent_name in self.parents:
            parent = by_name[parent_name.casefold()]
            if parent.pk != organisation.pk and organisation.parent_id != parent.pk:
                organisation.parent = parent
                changed.append((organisation, {"parent": [None, parent.pk]}))
        Organisation.objects.bulk_update([o for o, _ in changed], ["parent"], batch_size=BATCH)
        _audit(self.workspace, self.actor, changed)
