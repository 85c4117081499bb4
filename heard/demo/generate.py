"""Build the demo workspaces: one small function per kind of object, bulk-inserted in batches.

Derived fields are computed exactly as heard.stakeholders.services does (region and Global
Majority flag, search text, email lookup hash, unique pseudonyms), so the demo rows are
indistinguishable from rows entered through the pages. Instead of one audit entry per row,
each workspace gets one entry saying the demo data was loaded.

Later issues add their own objects: write a `create_<things>(ctx)` function and call it from
`build_workspace`.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from django_countries import countries as country_names

from heard.core import audit
from heard.core.countries import region_of
from heard.core.crypto import blind_index
from heard.core.models import AuditAction, Membership, Role, User, Workspace
from heard.demo import vocab
from heard.demo.countries import DemoCountry
from heard.demo.people import (
    CountryPicker,
    ascii_slug,
    email_for,
    handle_for,
    person_name,
    phone_for,
)
from heard.stakeholders.models import (
    Category,
    Consent,
    ConsentMethod,
    ConsentPurpose,
    Organisation,
    SafetyLevel,
    Stakeholder,
    StakeholderKind,
    StakeholderLanguage,
    StakeholderRiskGroup,
    Tag,
    Topic,
)
from heard.stakeholders.models.choices import INTERNAL_CATEGORIES
from heard.stakeholders.services import (
    PSEUDONYM_ALPHABET,
    apply_country,
    country_overrides,
    organisation_search_text,
    stakeholder_search_text,
)

DEMO_PASSWORD = "heard-demo-2026"
BATCH_SIZE = 2000

# (slug, name, working languages, time zone)
WORKSPACES = (
    ("acme", "Acme Social", ["en", "es", "pt", "fr", "ar", "hi", "sw"], "Europe/London"),
    ("globex", "Globex AI", ["en", "es", "fr", "zh", "id"], "America/Los_Angeles"),
)
# Stakeholders per workspace; the large size puts its weight in acme.
SIZES = {
    "small": {"acme": 200, "globex": 180},
    "medium": {"acme": 10_000, "globex": 1_000},
    "large": {"acme": 100_000, "globex": 2_000},
}
ROLES = (Role.OWNER, Role.MANAGER, Role.EDITOR, Role.CONTRIBUTOR, Role.VIEWER, Role.AUDITOR)
# Roles that look after relationships with stakeholders.
RELATIONSHIP_ROLES = (Role.OWNER, Role.MANAGER, Role.EDITOR)


def demo_email(role: str, slug: str) -> str:
    """The login of a demo member, e.g. viewer@acme.example."""
    return f"{role}@{slug}.example"


def demo_logins() -> list[tuple[str, str, str]]:
    """(email, workspace name, role) for every demo login."""
    return [
        (demo_email(role, slug), name, str(role.label))
        for slug, name, _languages, _zone in WORKSPACES
        for role in ROLES
    ]


# --- context


@dataclass
class DemoContext:
    """Everything one workspace's builders share: the seeded RNG, users and created rows."""

    workspace: Workspace
    rng: random.Random
    now: datetime.datetime
    progress: ProgressHook
    overrides: dict[str, bool] = field(default_factory=dict)
    members: dict[str, User] = field(default_factory=dict)
    topics: list[Topic] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    organisations_by_type: dict[str, list[Organisation]] = field(default_factory=dict)
    organisations_by_type_country: dict[tuple[str, str], list[Organisation]] = field(
        default_factory=dict
    )
    organisations_by_type_region: dict[tuple[str, str], list[Organisation]] = field(
        default_factory=dict
    )
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def today(self) -> datetime.date:
        return self.now.date()

    def days_ago(self, days: float) -> datetime.datetime:
        return self.now - datetime.timedelta(days=days)


class ProgressHook:
    """Receives progress reports; the command plugs a rich progress bar in."""

    def start(self, label: str, total: int) -> object:
        return None

    def advance(self, task: object, amount: int) -> None:
        return None


def batched(items: list, size: int = BATCH_SIZE) -> Iterator[list]:
    """Consecutive slices of `items`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def weighted(rng: random.Random, pairs) -> str:
    """One value from (value, weight) pairs."""
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


# --- entry point


def load_demo(*, size: str, seed: int, progress: ProgressHook | None = None) -> dict[str, dict]:
    """Create the demo workspaces; returns {slug: {object kind: count}}."""
    progress = progress or ProgressHook()
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
    summary = {}
    for slug, name, languages, zone in WORKSPACES:
        rng = random.Random(f"heard-demo:{seed}:{slug}")
        with transaction.atomic():
            workspace = Workspace.objects.create(
                slug=slug, name=name, languages=languages, time_zone=zone
            )
            ctx = DemoContext(workspace=workspace, rng=rng, now=timezone.now(), progress=progress)
            build_workspace(ctx, stakeholder_count=SIZES[size][slug], password=password)
            record_loaded(ctx, size=size, seed=seed)
        summary[slug] = ctx.counts
    refresh_planner_statistics()
    return summary


def refresh_planner_statistics() -> None:
    """After a bulk load the planner's statistics describe empty tables (PostgreSQL's stakeholder
    search took 167 ms instead of 7 ms at 10,000 rows; SQLite walked a workspace-wide index for
    one organisation's members): analyse now. On SQLite with a sampling limit, as the
    connection's own `PRAGMA optimize` does (settings.py)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")


def build_workspace(ctx: DemoContext, *, stakeholder_count: int, password: str) -> None:
    """Fill one workspace, object kind by object kind."""
    create_members(ctx, password=password)
    ctx.overrides = country_overrides(ctx.workspace)
    create_vocabulary(ctx)
    create_organisations(ctx, count=max(20, stakeholder_count // 20))
    create_stakeholders(ctx, count=stakeholder_count)
    from heard.demo.impacts import create_impacts  # noqa: PLC0415 - it imports this module

    create_impacts(ctx)
    from heard.demo.engagements import create_engagements  # noqa: PLC0415 - imports this module

    create_engagements(ctx)
    from heard.demo.councils import create_councils  # noqa: PLC0415 - it imports this module

    create_councils(ctx)
    from heard.demo.feedback import create_feedback  # noqa: PLC0415 - it imports this module

    create_feedback(ctx)
    from heard.demo.policies import create_policies  # noqa: PLC0415 - it imports this module

    create_policies(ctx)
    from heard.demo.portal import create_portal  # noqa: PLC0415 - it imports this module

    create_portal(ctx)
    from heard.demo.transparency import create_transparency  # noqa: PLC0415 - imports this module

    create_transparency(ctx)
    from heard.demo.concerns import create_concerns  # noqa: PLC0415 - it imports this module

    create_concerns(ctx)
    from heard.demo.themes import create_themes  # noqa: PLC0415 - it imports this module

    create_themes(ctx)
    from heard.demo.briefs import create_briefs  # noqa: PLC0415 - it imports this module

    create_briefs(ctx)


def record_loaded(ctx: DemoContext, *, size: str, seed: int) -> None:
    """One audit entry for the whole load, rather than one per row."""
    audit.record(
        workspace=ctx.workspace,
        actor=ctx.members[Role.OWNER],
        action=AuditAction.IMPORT,
        object_repr=f"Demo data ({size}, seed {seed})",
        changes={kind: [None, count] for kind, count in sorted(ctx.counts.items())},
    )


# --- members


def create_members(ctx: DemoContext, *, password: str) -> None:
    """An owner and one member of each other role, all with the demo password."""
    slug = ctx.workspace.slug
    picker = CountryPicker(ctx.rng)
    for role in ROLES:
        user = User(
            email=demo_email(role, slug),
            full_name=person_name(ctx.rng, picker.pick()),
            password=password,
        )
        user.save()
        Membership.objects.create(user=user, workspace=ctx.workspace, role=role)
        ctx.members[role] = user
    ctx.counts["members"] = len(ROLES)


# --- vocabulary


def create_vocabulary(ctx: DemoContext) -> None:
    """Expertise topics and free tags."""
    ctx.topics = Topic.objects.bulk_create(
        Topic(workspace=ctx.workspace, name=name) for name in vocab.TOPICS
    )
    ctx.tags = Tag.objects.bulk_create(
        Tag(workspace=ctx.workspace, name=name) for name in vocab.TAGS[ctx.workspace.slug]
    )
    ctx.counts["topics"] = len(ctx.topics)
    ctx.counts["tags"] = len(ctx.tags)


# --- organisations


def _is_latin(text: str) -> bool:
    return all(ord(c) < 0x250 for c in text)


def _organisation_name(ctx: DemoContext, kind: str, country: DemoCountry) -> str:
    rng = ctx.rng
    templates = vocab.ORGANISATION_NAMES.get(country.org_language, {}).get(kind)
    city = rng.choice(country.cities)
    if not templates or rng.random() < 0.25:
        templates = vocab.ORGANISATION_NAMES["en"][kind]
        if not _is_latin(city):
            city = str(country_names.name(country.code))
    return rng.choice(templates).format(city=city, focus=rng.choice(vocab.ENGLISH_FOCUS))


def _organisation(ctx: DemoContext, *, name: str, kind: str, country: str, number: int):
    rng = ctx.rng
    topic, topic2 = rng.sample(vocab.TOPICS, 2)
    slug = ascii_slug(name, "-") or f"org-{number}"
    engaged = ctx.today - datetime.timedelta(days=int(rng.triangular(0, 730, 90)))
    organisation = Organisation(
        workspace=ctx.workspace,
        name=name[:200],
        type=kind,
        country=country,
        website=f"https://{slug}.example.org" if rng.random() < 0.8 else "",
        description=vocab.DESCRIPTIONS[kind].format(topic=topic, topic2=topic2),
        last_engaged_on=engaged if rng.random() < 0.7 else None,
        created_at=ctx.days_ago(rng.uniform(30, 1100)),
    )
    apply_country(organisation, ctx.overrides)
    organisation.search_text = organisation_search_text(organisation)
    return organisation


def create_organisations(ctx: DemoContext, *, count: int) -> None:
    """Organisations of every type across countries, and a few networks with national chapters."""
    rng, picker, seen = ctx.rng, CountryPicker(ctx.rng), set()
    networks = [
        _organisation(ctx, name=name, kind=kind, country="", number=i)
        for i, (name, kind) in enumerate(vocab.NETWORKS)
    ]
    Organisation.objects.bulk_create(networks)
    chapters = []
    for network in networks:
        for country in rng.sample(picker.countries, rng.randint(3, 6)):
            chapter = _organisation(
                ctx,
                name=f"{network.name} – {country_names.name(country.code)}",
                kind=network.type,
                country=country.code,
                number=len(chapters),
            )
            chapter.parent = network
            chapters.append(chapter)
    organisations = []
    for number in range(count):
        country = picker.pick()
        if number < len(vocab.ORGANISATION_TYPE_WEIGHTS):  # every type, even in a tiny demo
            kind = vocab.ORGANISATION_TYPE_WEIGHTS[number][0]
        else:
            kind = weighted(rng, vocab.ORGANISATION_TYPE_WEIGHTS)
        name = _organisation_name(ctx, kind, country)
        if name in seen:
            name = f"{name} ({number})"
        seen.add(name)
        organisations.append(
            _organisation(ctx, name=name, kind=kind, country=country.code, number=number)
        )
    task = ctx.progress.start(f"{ctx.workspace.slug}: organisations", count + len(chapters))
    for batch in batched(chapters + organisations):
        Organisation.objects.bulk_create(batch)
        ctx.progress.advance(task, len(batch))
    ctx.organisations = networks + chapters + organisations
    for organisation in ctx.organisations:
        ctx.organisations_by_type.setdefault(organisation.type, []).append(organisation)
        key = (organisation.type, str(organisation.country))
        ctx.organisations_by_type_country.setdefault(key, []).append(organisation)
        key = (organisation.type, organisation.region)
        ctx.organisations_by_type_region.setdefault(key, []).append(organisation)
    ctx.counts["organisations"] = len(ctx.organisations)


# --- stakeholders


def pseudonyms(rng: random.Random, count: int) -> list[str]:
    """`count` distinct four-character codes (as services.unique_pseudonym makes them)."""
    base = len(PSEUDONYM_ALPHABET)
    codes = []
    for number in rng.sample(range(base**4), count):
        code = ""
        for _ in range(4):
            number, digit = divmod(number, base)
            code += PSEUDONYM_ALPHABET[digit]
        codes.append(code)
    return codes


@dataclass
class StakeholderDraft:
    """A stakeholder before insertion, with the rows that hang off it."""

    stakeholder: Stakeholder
    languages: list[str]
    risk_groups: list[str]
    topics: list[Topic]
    tags: list[Tag]
    consents: list[Consent]


def _pick_organisation(
    ctx: DemoContext, category: str, country: str, region: str
) -> Organisation | None:
    """An organisation of a fitting type, in the same country, else the same region."""
    rng = ctx.rng
    odds, kinds = vocab.ORGANISATION_FOR.get(category, (0.0, ()))
    if rng.random() >= odds:
        return None
    kind = rng.choice(kinds)
    local = ctx.organisations_by_type_country.get((kind, country))
    if local and rng.random() < 0.9:
        return rng.choice(local)
    nearby = ctx.organisations_by_type_region.get((kind, region))
    if nearby:
        return rng.choice(nearby)
    return None


def _safety_level(rng: random.Random, category: str) -> str:
    exposed = category in (Category.HRD_JOURNALIST, Category.LIVED_EXPERIENCE)
    roll = rng.random()
    if roll < (0.15 if exposed else 0.02):
        return SafetyLevel.HIGH_RISK
    if roll < (0.40 if exposed else 0.09):
        return SafetyLevel.ELEVATED
    return SafetyLevel.STANDARD


def _languages(rng: random.Random, country: DemoCountry) -> list[str]:
    languages = [country.languages[0] if rng.random() < 0.75 else rng.choice(country.languages)]
    if "en" not in languages and rng.random() < 0.5:
        languages.append("en")
    if len(country.languages) > 1 and rng.random() < 0.2:
        languages.append(rng.choice(country.languages))
    return list(dict.fromkeys(languages))


def _risk_groups(rng: random.Random, category: str) -> list[str]:
    factor = 3.0 if category == Category.LIVED_EXPERIENCE else 1.0
    groups = [group for group, odds in vocab.RISK_GROUP_ODDS if rng.random() < odds * factor]
    if category == Category.HRD_JOURNALIST:
        groups.append(vocab.RiskGroup.HRD if rng.random() < 0.6 else vocab.RiskGroup.JOURNALISTS)
    if category == Category.SUBCONTRACTOR_WORKER and rng.random() < 0.5:
        groups.append(vocab.RiskGroup.WORKERS)
    return list(dict.fromkeys(groups))


def _consents(ctx: DemoContext, stakeholder: Stakeholder) -> list[Consent]:
    """Most valid, some expired, some withdrawn, some none."""
    rng, roll = ctx.rng, ctx.rng.random()
    recorder = ctx.members[rng.choice(RELATIONSHIP_ROLES)]

    def consent(purpose, given, expires=None, withdrawn=None):
        return Consent(
            workspace=ctx.workspace,
            stakeholder=stakeholder,
            purpose=purpose,
            given_at=given,
            expires_at=expires,
            withdrawn_at=withdrawn,
            method=weighted(
                rng,
                (
                    (ConsentMethod.WRITTEN, 4),
                    (ConsentMethod.EMAIL, 3),
                    (ConsentMethod.VERBAL, 2),
                    (ConsentMethod.PORTAL, 1),
                ),
            ),
            recorded_by=recorder,
            created_at=given,
        )

    if roll < 0.70:
        given = ctx.days_ago(rng.uniform(10, 700))
        expires = ctx.now + datetime.timedelta(days=rng.uniform(30, 700))
        found = [consent(ConsentPurpose.CONTACT, given, expires if rng.random() < 0.5 else None)]
        if rng.random() < 0.5:
            found.append(consent(ConsentPurpose.PARTICIPATION, given, expires))
        if rng.random() < 0.15:
            found.append(consent(ConsentPurpose.ATTRIBUTION, given))
        return found
    if roll < 0.78:
        expires = ctx.days_ago(rng.uniform(1, 300))
        given = expires - datetime.timedelta(days=rng.uniform(180, 730))
        return [consent(ConsentPurpose.CONTACT, given, expires)]
    if roll < 0.85:
        given = ctx.days_ago(rng.uniform(200, 700))
        withdrawn = given + datetime.timedelta(days=rng.uniform(10, 150))
        return [consent(ConsentPurpose.CONTACT, given, withdrawn=withdrawn)]
    return []


def _stakeholder(ctx: DemoContext, picker: CountryPicker, number: int, code: str):
    rng = ctx.rng
    country = picker.pick()
    name = person_name(rng, country)
    # The first few cycle through every category, so even a tiny demo shows each of them.
    if number < len(vocab.CATEGORY_WEIGHTS):
        category = vocab.CATEGORY_WEIGHTS[number][0]
    else:
        category = weighted(rng, vocab.CATEGORY_WEIGHTS)
    region = region_of(country.code)
    organisation = _pick_organisation(ctx, category, country.code, region.region if region else "")
    engaged = None
    if rng.random() < 0.82:
        engaged = ctx.today - datetime.timedelta(days=int(rng.triangular(0, 730, 30)))
    email = email_for(rng, name, number) if rng.random() < 0.85 else ""
    stakeholder = Stakeholder(
        workspace=ctx.workspace,
        name=name,
        pseudonym=code,
        kind=StakeholderKind.INTERNAL
        if category in INTERNAL_CATEGORIES
        else StakeholderKind.EXTERNAL,
        category=category,
        relation=weighted(rng, vocab.RELATION_WEIGHTS[category]),
        organisation=organisation,
        role_at_organisation=rng.choice(vocab.ROLES_AT[organisation.type]) if organisation else "",
        country=country.code,
        time_zone=rng.choice(country.time_zones),
        lived_experience=rng.choice(vocab.LIVED_EXPERIENCE)
        if category == Category.LIVED_EXPERIENCE or rng.random() < 0.04
        else "",
        safety_level=_safety_level(rng, category),
        relationship_owner=ctx.members[rng.choice(RELATIONSHIP_ROLES)]
        if rng.random() < 0.7
        else None,
        has_standing_agreement=rng.random() < 0.08,
        is_compensation_eligible=rng.random()
        < (0.6 if category in (Category.LIVED_EXPERIENCE, Category.COMMUNITY_MEMBER) else 0.15),
        is_key_relationship=rng.random() < 0.05,
        notes=rng.choice(vocab.NOTES) if rng.random() < 0.2 else "",
        email=email,
        email_index=blind_index(email),
        phone=phone_for(rng, country) if rng.random() < 0.4 else "",
        messaging_handle=handle_for(rng, name, number) if rng.random() < 0.2 else "",
        last_engaged_on=engaged,
        created_at=ctx.days_ago(rng.uniform(0, 400) + (ctx.today - engaged).days)
        if engaged
        else ctx.days_ago(rng.uniform(0, 1100)),
        archived_at=ctx.days_ago(rng.uniform(1, 200)) if rng.random() < 0.01 else None,
    )
    apply_country(stakeholder, ctx.overrides)
    count = rng.choices((1, 2, 3, 4), weights=(3, 4, 2, 1))[0]
    topics = sorted(rng.sample(ctx.topics, count), key=lambda topic: topic.name)
    tags = rng.sample(ctx.tags, rng.choices((0, 1, 2), weights=(5, 3, 1))[0])
    stakeholder.search_text = stakeholder_search_text(stakeholder, (t.name for t in topics))
    return StakeholderDraft(
        stakeholder=stakeholder,
        languages=_languages(rng, country),
        risk_groups=_risk_groups(rng, category),
        topics=topics,
        tags=tags,
        consents=_consents(ctx, stakeholder),
    )


def create_stakeholders(ctx: DemoContext, *, count: int) -> None:
    """Stakeholders with languages, groups at heightened risk, topics, tags and consents."""
    picker = CountryPicker(ctx.rng)
    codes = pseudonyms(ctx.rng, count)
    task = ctx.progress.start(f"{ctx.workspace.slug}: stakeholders", count)
    totals: dict[str, int] = defaultdict(int)
    for start in range(0, count, BATCH_SIZE):
        numbers = range(start, min(start + BATCH_SIZE, count))
        drafts = [_stakeholder(ctx, picker, n, codes[n]) for n in numbers]
        Stakeholder.objects.bulk_create([d.stakeholder for d in drafts])
        for kind, inserted in _insert_stakeholder_rows(drafts).items():
            totals[kind] += inserted
        ctx.progress.advance(task, len(drafts))
    ctx.counts["stakeholders"] = count
    ctx.counts.update(totals)


def _insert_stakeholder_rows(drafts: list[StakeholderDraft]) -> dict[str, int]:
    """The rows that need the stakeholders' primary keys, inserted in bulk."""
    topic_link, tag_link = Stakeholder.topics.through, Stakeholder.tags.through
    languages, risk_groups, topics, tags, consents = [], [], [], [], []
    for draft in drafts:
        pk = draft.stakeholder.pk
        languages += [StakeholderLanguage(stakeholder_id=pk, code=c) for c in draft.languages]
        risk_groups += [StakeholderRiskGroup(stakeholder_id=pk, group=g) for g in draft.risk_groups]
        topics += [topic_link(stakeholder_id=pk, topic_id=t.pk) for t in draft.topics]
        tags += [tag_link(stakeholder_id=pk, tag_id=t.pk) for t in draft.tags]
        for consent in draft.consents:
            consent.stakeholder_id = pk
            consents.append(consent)
    StakeholderLanguage.objects.bulk_create(languages)
    StakeholderRiskGroup.objects.bulk_create(risk_groups)
    topic_link.objects.bulk_create(topics)
    tag_link.objects.bulk_create(tags)
    Consent.objects.bulk_create(consents)
    return {"consents": len(consents), "languages": len(languages)}
