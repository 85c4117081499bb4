"""Relationships: every contact on one timeline, the last contact, and key relationships
without contact for too long on their owner's to-do list."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from heard.councils import services as councils
from heard.stakeholders import services
from heard.stakeholders.timeline import (
    months_ago,
    organisation_relationship,
    overdue_key_relationships,
    stakeholder_relationship,
)
from tests.factories import EngagementFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def test_months_ago_clamps_to_the_month_end():
    assert months_ago(datetime.date(2026, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert months_ago(datetime.date(2026, 3, 15), 3) == datetime.date(2025, 12, 15)


def test_stakeholder_timeline_merges_sources_and_finds_the_last_contact(workspace, make_person):
    person = make_person("Amina Yusuf")
    services.record_consent(
        workspace=workspace,
        actor=None,
        stakeholder=person,
        given_at=timezone.now() - datetime.timedelta(days=200),
    )
    held = EngagementFactory(
        workspace=workspace, title="Roundtable on moderation", starts_on=days(-40)
    )
    ParticipationFactory(workspace=workspace, engagement=held, stakeholder=person, attended=True)
    planned = EngagementFactory(workspace=workspace, title="Future workshop", starts_on=days(20))
    ParticipationFactory(
        workspace=workspace, engagement=planned, stakeholder=person, invitation_state="accepted"
    )
    council = councils.create_council(workspace=workspace, actor=None, name="Youth council")
    councils.add_member(
        workspace=workspace,
        actor=None,
        council=council,
        stakeholder=person,
        term_start=days(-10),
        term_end=days(700),
    )
    found = stakeholder_relationship(person)
    titles = [c.title for c in found.contacts]
    assert titles[0] == "Future workshop"  # newest first, planned shown…
    assert not found.contacts[0].is_contact  # …but not a contact yet
    assert "Joined Youth council" in titles
    assert "Roundtable on moderation" in titles
    assert any(t.startswith("Consent given") for t in titles)
    assert found.last_contact_on == days(-10)


def test_organisation_timeline_names_who(workspace, make_person, organisation):
    person = make_person("Kofi Mensah", organisation=organisation)
    e = EngagementFactory(workspace=workspace, starts_on=days(-5))
    ParticipationFactory(workspace=workspace, engagement=e, stakeholder=person, attended=True)
    found = organisation_relationship(organisation)
    assert found.contacts[0].stakeholder == person
    assert found.last_contact_on == days(-5)


def test_overdue_key_relationships(workspace, make_person, user):
    workspace.key_relationship_months = 6
    workspace.save()
    stale = make_person("Stale", is_key_relationship=True, relationship_owner=user)
    fresh = make_person("Fresh", is_key_relationship=True, relationship_owner=user)
    never = make_person("Never", is_key_relationship=True, relationship_owner=user)
    make_person("Not key", relationship_owner=user)
    make_person("Someone else's", is_key_relationship=True)
    old = EngagementFactory(workspace=workspace, starts_on=days(-300))
    ParticipationFactory(workspace=workspace, engagement=old, stakeholder=stale, attended=True)
    recent = EngagementFactory(workspace=workspace, starts_on=days(-30))
    ParticipationFactory(workspace=workspace, engagement=recent, stakeholder=fresh, attended=True)
    # Invited recently but declined: still overdue.
    ParticipationFactory(
        workspace=workspace, engagement=recent, stakeholder=stale, invitation_state="declined"
    )
    overdue = list(overdue_key_relationships(workspace, user))
    assert [s.name for s in overdue] == ["Never", "Stale"]
    # A consent recorded recently is a contact too.
    services.record_consent(workspace=workspace, actor=None, stakeholder=never)
    assert [s.name for s in overdue_key_relationships(workspace, user)] == ["Stale"]
    assert stakeholder_relationship(stale).is_overdue
    assert not stakeholder_relationship(fresh).is_overdue


def test_home_page_lists_the_members_overdue_relationships(workspace, owner_client, make_person):
    me = owner_client.user
    make_person("Amina Yusuf", is_key_relationship=True, relationship_owner=me)
    make_person("Not mine", is_key_relationship=True)
    html = owner_client.get(reverse("workspace_home", args=[workspace.slug])).content.decode()
    assert "To do" in html and "Key relationships to renew" in html
    assert "Amina Yusuf" in html and "Not mine" not in html


def test_home_page_without_overdue_work_has_no_todo(workspace, owner_client):
    html = owner_client.get(reverse("workspace_home", args=[workspace.slug])).content.decode()
    assert "To do" not in html


def test_detail_pages_show_the_timeline(workspace, owner_client, make_person, organisation):
    person = make_person("Amina Yusuf", organisation=organisation)
    e = EngagementFactory(workspace=workspace, title="Roundtable", starts_on=days(-3))
    ParticipationFactory(workspace=workspace, engagement=e, stakeholder=person, attended=True)
    html = owner_client.get(
        reverse("stakeholders:stakeholder_detail", args=[workspace.slug, person.pk])
    ).content.decode()
    assert "Last contact" in html and "Roundtable" in html
    html = owner_client.get(
        reverse("stakeholders:organisation_detail", args=[workspace.slug, organisation.pk])
    ).content.decode()
    assert "Roundtable" in html and "Amina Yusuf" in html


def _count(client, path) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        client.get(path)
    return len(ctx.captured_queries)


def test_home_and_timeline_queries_do_not_grow(workspace, owner_client, make_person):
    me = owner_client.user
    person = make_person("Amina Yusuf", relationship_owner=me, is_key_relationship=True)
    home = reverse("workspace_home", args=[workspace.slug])
    detail = reverse("stakeholders:stakeholder_detail", args=[workspace.slug, person.pk])

    def grow(n, offset):
        for i in range(n):
            make_person(f"Key {offset + i}", relationship_owner=me, is_key_relationship=True)
            e = EngagementFactory(workspace=workspace, starts_on=days(-400 - i))
            ParticipationFactory(workspace=workspace, engagement=e, stakeholder=person)

    grow(2, 0)
    small_home, small_detail = _count(owner_client, home), _count(owner_client, detail)
    grow(14, 100)
    assert _count(owner_client, home) == small_home
    assert _count(owner_client, detail) == small_detail
