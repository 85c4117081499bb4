"""The registry's pages run the same number of queries whatever the amount of data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.stakeholders import services

pytestmark = pytest.mark.django_db

LANGS = ["en", "fr", "es", "sw", "ar", "pt", "hi", "bn"]


def fill(workspace, organisation, n: int, offset: int = 0):
    """n stakeholders with languages, topics, tags, risk groups and consents."""
    topics = services.topics_named(workspace, [f"topic {i}" for i in range(3)])
    tags = services.tags_named(workspace, [f"tag {i}" for i in range(3)])
    people = []
    for i in range(offset, offset + n):
        person = services.create_stakeholder(
            workspace=workspace,
            actor=None,
            name=f"Person {i:03}",
            organisation=organisation,
            country="KE",
            languages=LANGS[i % 3 : i % 3 + 3],
            topics=topics,
            tags=tags,
            risk_groups=["women_girls", "workers"],
            safety_level="high_risk" if i % 5 == 0 else "standard",
        )
        services.record_consent(workspace=workspace, actor=None, stakeholder=person)
        people.append(person)
    return people


def count(client, url) -> int:
    client.get(url)  # warm up per-process caches (content types, session) outside the count
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_stakeholder_list_queries_do_not_grow(workspace, owner_client, organisation):
    url = reverse("stakeholders:stakeholder_list", args=[workspace.slug]) + "?per_page=100"
    fill(workspace, organisation, 3)
    small = count(owner_client, url)
    fill(workspace, organisation, 27, offset=3)
    assert count(owner_client, url) == small
    filtered = url + "&q=person&consent=valid&language=en&sort=-last_engaged"
    assert count(owner_client, filtered) == small


def test_stakeholder_detail_queries_do_not_grow(workspace, owner_client, organisation):
    (person,) = fill(workspace, organisation, 1)
    url = reverse("stakeholders:stakeholder_detail", args=[workspace.slug, person.pk])
    small = count(owner_client, url)
    topics = services.topics_named(workspace, [f"more {i}" for i in range(30)])
    tags = services.tags_named(workspace, [f"label {i}" for i in range(30)])
    services.update_stakeholder(
        workspace=workspace,
        actor=None,
        stakeholder=person,
        languages=LANGS,
        topics=topics,
        tags=tags,
    )
    for _ in range(30):
        services.record_consent(workspace=workspace, actor=None, stakeholder=person)
    assert count(owner_client, url) == small


def test_organisation_list_queries_do_not_grow(workspace, owner_client):
    url = reverse("stakeholders:organisation_list", args=[workspace.slug]) + "?per_page=100"
    parent = services.create_organisation(workspace=workspace, actor=None, name="Parent")
    for i in range(3):
        services.create_organisation(
            workspace=workspace, actor=None, name=f"Org {i}", parent=parent
        )
    small = count(owner_client, url)
    for i in range(3, 30):
        org = services.create_organisation(
            workspace=workspace, actor=None, name=f"Org {i}", parent=parent, country="BR"
        )
        fill(workspace, org, 1, offset=i)
    assert count(owner_client, url) == small


def test_organisation_detail_queries_do_not_grow(workspace, owner_client, organisation):
    url = reverse("stakeholders:organisation_detail", args=[workspace.slug, organisation.pk])
    fill(workspace, organisation, 3)
    small = count(owner_client, url)
    fill(workspace, organisation, 27, offset=3)
    for i in range(5):
        services.create_organisation(
            workspace=workspace, actor=None, name=f"Child {i}", parent=organisation
        )
    assert count(owner_client, url) == small
