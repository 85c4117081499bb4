"""Relationships, not transactions: every contact with a stakeholder (or an organisation's
people) on one timeline, the last contact, and key relationships left without contact too long.

Contacts come from sources: consent records here, and — read through the app registry, since
the registry sits below them — participations in engagements and advisory-council terms.
Later apps add theirs with `register(source)` (inputs, responses).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import DateField, F, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Greatest, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core.models import Workspace
from heard.stakeholders.models import Consent, Stakeholder

# How many contacts each source contributes at most: the page shows the latest.
PER_SOURCE = 30
SHOWN = 40
EPOCH = datetime.date(1900, 1, 1)


@dataclass(frozen=True)
class Contact:
    """One dated contact on a timeline."""

    on: datetime.date
    kind: str  # "engagement", "consent", "council"
    title: str
    detail: str = ""
    url: str = ""
    stakeholder: Stakeholder | None = None  # who, on an organisation's timeline
    is_contact: bool = True  # False for what did not (yet) happen: declined, planned


# A source: (workspace, stakeholder filter as Q over its own model's `stakeholder`, today)
# -> contacts.
Source = Callable[[Workspace, Q, datetime.date], list[Contact]]
SOURCES: list[Source] = []


def register(source: Source) -> Source:
    """Add a source of contacts (usable as a decorator)."""
    SOURCES.append(source)
    return source


def _date(value) -> datetime.date:
    return timezone.localdate(value) if isinstance(value, datetime.datetime) else value


@register
def consent_contacts(workspace: Workspace, who: Q, today: datetime.date) -> list[Contact]:
    """Consents given and withdrawn: each was a conversation with the person."""
    rows = (
        Consent.objects.for_workspace(workspace)
        .filter(who)
        .select_related("stakeholder")
        .order_by("-given_at", "-pk")[:PER_SOURCE]
    )
    contacts = []
    for consent in rows:
        contacts.append(
            Contact(
                _date(consent.given_at),
                "consent",
                _("Consent given: %(purpose)s") % {"purpose": consent.get_purpose_display()},
                consent.get_method_display(),
                stakeholder=consent.stakeholder,
            )
        )
        if consent.withdrawn_at:
            contacts.append(
                Contact(
                    _date(consent.withdrawn_at),
                    "consent",
                    _("Consent withdrawn: %(purpose)s")
                    % {"purpose": consent.get_purpose_display()},
                    stakeholder=consent.stakeholder,
                )
            )
    return contacts


@register
def engagement_contacts(workspace: Workspace, who: Q, today: datetime.date) -> list[Contact]:
    """Participations: attended or accepted engagements are contacts; planned, declined or
    missed ones are shown but do not count as contact."""
    if not apps.is_installed("heard.engagements"):
        return []
    participation = apps.get_model("engagements", "Participation")
    rows = (
        participation.objects.for_workspace(workspace)
        .filter(who, archived_at__isnull=True, engaged_on__isnull=False)
        .select_related("engagement", "stakeholder")
        .order_by("-engaged_on", "-pk")[:PER_SOURCE]
    )
    contacts = []
    for p in rows:
        took_part = p.attended is True or (p.attended is None and p.invitation_state == "accepted")
        state = p.get_invitation_state_display()
        if p.attended is True:
            state = _("attended")
        elif p.attended is False:
            state = _("did not attend")
        contacts.append(
            Contact(
                p.engaged_on,
                "engagement",
                p.engagement.title,
                f"{p.get_role_display()} · {state}",
                reverse("engagements:engagement_detail", args=[workspace.slug, p.engagement_id]),
                stakeholder=p.stakeholder,
                is_contact=took_part and p.engaged_on <= today,
            )
        )
    return contacts


@register
def council_contacts(workspace: Workspace, who: Q, today: datetime.date) -> list[Contact]:
    """Advisory-council terms: the start of each (and its end, once past)."""
    if not apps.is_installed("heard.councils"):
        return []
    member = apps.get_model("councils", "CouncilMember")
    rows = (
        member.objects.for_workspace(workspace)
        .filter(who, archived_at__isnull=True)
        .select_related("council", "stakeholder")
        .order_by("-term_start", "-pk")[:PER_SOURCE]
    )
    contacts = []
    for m in rows:
        url = reverse("councils:council_detail", args=[workspace.slug, m.council_id])
        contacts.append(
            Contact(
                m.term_start,
                "council",
                _("Joined %(council)s") % {"council": m.council.name},
                _("%(role)s until %(end)s")
                % {"role": m.get_role_display(), "end": m.term_end.isoformat()},
                url,
                stakeholder=m.stakeholder,
                is_contact=m.term_start <= today,
            )
        )
        if m.term_end < today:
            contacts.append(
                Contact(
                    m.term_end,
                    "council",
                    _("Term ended on %(council)s") % {"council": m.council.name},
                    url=url,
                    stakeholder=m.stakeholder,
                    is_contact=False,
                )
            )
    return contacts


# --- one stakeholder, one organisation


@dataclass
class Relationship:
    """What a detail page shows about the relationship."""

    contacts: list[Contact] = field(default_factory=list)
    last_contact_on: datetime.date | None = None
    is_overdue: bool = False
    overdue_months: int = 0

    @property
    def days_since_contact(self) -> int | None:
        if self.last_contact_on is None:
            return None
        return (timezone.localdate() - self.last_contact_on).days


def _collect(workspace: Workspace, who: Q, extra_last: datetime.date | None) -> Relationship:
    today = timezone.localdate()
    contacts: list[Contact] = []
    for source in SOURCES:
        contacts += source(workspace, who, today)
    contacts.sort(key=lambda c: (c.on, c.kind), reverse=True)
    dates = [c.on for c in contacts if c.is_contact and c.on <= today]
    if extra_last:
        dates.append(extra_last)
    return Relationship(contacts=contacts[:SHOWN], last_contact_on=max(dates, default=None))


def months_ago(today: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months before `today` (clamped to the month's end)."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    for day in (today.day, 30, 29, 28):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    return datetime.date(year, month, 28)


def stakeholder_relationship(stakeholder: Stakeholder) -> Relationship:
    """The stakeholder's contacts, last contact, and whether a key relationship is overdue."""
    workspace = stakeholder.workspace
    found = _collect(workspace, Q(stakeholder=stakeholder), stakeholder.last_engaged_on)
    if stakeholder.is_key_relationship:
        cutoff = months_ago(timezone.localdate(), workspace.key_relationship_months)
        found.is_overdue = found.last_contact_on is None or found.last_contact_on < cutoff
        found.overdue_months = workspace.key_relationship_months
    return found


def organisation_relationship(organisation) -> Relationship:
    """Contacts with any of the organisation's people, and the last of them."""
    return _collect(
        organisation.workspace,
        Q(stakeholder__organisation=organisation),
        organisation.last_engaged_on,
    )


# --- the owner's to-do list


def last_contact_annotation(today: datetime.date):
    """The latest contact date of each stakeholder row, in SQL: last engaged, the latest
    engagement attended or accepted, the latest consent given. Missing dates count as 1900."""
    epoch = Value(EPOCH, output_field=DateField())
    parts = [Coalesce(F("last_engaged_on"), epoch)]
    if apps.is_installed("heard.engagements"):
        participation = apps.get_model("engagements", "Participation")
        took_part = Q(attended=True) | Q(attended__isnull=True, invitation_state="accepted")
        latest = (
            participation.objects.filter(
                took_part,
                stakeholder=OuterRef("pk"),
                archived_at__isnull=True,
                engaged_on__lte=today,
            )
            .order_by()
            .values("stakeholder")
            .annotate(last=Max("engaged_on"))
            .values("last")
        )
        parts.append(Coalesce(Subquery(latest, output_field=DateField()), epoch))
    consent = (
        Consent.objects.filter(stakeholder=OuterRef("pk"))
        .order_by()
        .values("stakeholder")
        .annotate(last=Max("given_at"))
        .values("last")
    )
    parts.append(Coalesce(Cast(Subquery(consent), DateField()), epoch))
    return Greatest(*parts)


def overdue_key_relationship_ids(
    workspace: Workspace, owner, today: datetime.date | None = None
) -> list[tuple[int, datetime.date]]:
    """(id, last contact) of the key relationships `owner` looks after with no contact for the
    workspace's number of months, longest without contact first. The last contact is computed
    once per row in SQL; filtering and sorting on it happen here, as the database would
    otherwise evaluate its subqueries again for the WHERE and the ORDER BY."""
    today = today or timezone.localdate()
    cutoff = months_ago(today, workspace.key_relationship_months)
    rows = (
        Stakeholder.objects.for_workspace(workspace)
        .active()
        .filter(is_key_relationship=True, relationship_owner=owner)
        # Engaged since the cutoff means not overdue, whatever the other dates say: only the
        # rest pay for the correlated subqueries.
        .exclude(last_engaged_on__gte=cutoff)
        .annotate(last_contact=last_contact_annotation(today), lower_name=Lower("name"))
        .values_list("pk", "last_contact", "lower_name")
        .order_by()  # sorted below: an ORDER BY here would make SQLite walk the name index
    )
    overdue = sorted((last, name, pk) for pk, last, name in rows if last < cutoff)
    return [(pk, last) for last, _name, pk in overdue]


def overdue_key_relationships(
    workspace: Workspace, owner, today: datetime.date | None = None, limit: int | None = None
) -> list[Stakeholder]:
    """The overdue key relationships themselves (the first `limit`), in that order, each with
    `last_contact` and `last_contact_on` (None when never contacted)."""
    return _stakeholders_with_last_contact(
        overdue_key_relationship_ids(workspace, owner, today)[:limit]
    )


def _stakeholders_with_last_contact(ids: list[tuple[int, datetime.date]]) -> list[Stakeholder]:
    last_contact = dict(ids)
    found = {
        s.pk: s
        for s in Stakeholder.objects.filter(pk__in=last_contact).select_related("organisation")
    }
    shown = [found[pk] for pk, _last in ids]
    for s in shown:
        s.last_contact = last_contact[s.pk]
        s.last_contact_on = None if s.last_contact == EPOCH else s.last_contact
    return shown


def key_relationship_todo(workspace: Workspace, user) -> dict | None:
    """The home page's to-do group for relationships (None when nothing is overdue)."""
    ids = overdue_key_relationship_ids(workspace, user)
    if not ids:
        return None
    total = len(ids)
    shown = _stakeholders_with_last_contact(ids[:10])
    return {
        "key": "key_relationships",
        "title": _("Key relationships to renew"),
        "help": _("Key relationships you own with no contact in %(n)d months.")
        % {"n": workspace.key_relationship_months},
        "template": "stakeholders/partials/todo_relationships.html",
        "items": shown,
        "total": total,
        "more_url": reverse("stakeholders:stakeholder_list", args=[workspace.slug])
        + f"?owner={user.pk}&key_relationship=yes&sort=last_engaged",
    }
