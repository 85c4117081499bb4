"""The demo: acme's centre is published with policies, minutes, summaries and commitments,
and none of the demo's stakeholder names, emails or organisations appear on it; globex has
not opted in."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from heard.core.models import Workspace
from heard.stakeholders.models import Organisation, Stakeholder
from heard.transparency import queries
from tests.transparency.conftest import public_routes

pytestmark = pytest.mark.django_db


def test_demo_centre_is_published_for_acme_only_and_names_nobody():
    call_command("demo", size="small", stdout=StringIO())
    acme = Workspace.objects.get(slug="acme")
    client = Client()
    assert client.get(reverse("transparency:home", args=["globex"])).status_code == 404
    counts = queries.section_counts(acme, queries.centre_of(acme))
    assert all(counts.values()), counts
    paths = []
    for route in public_routes():
        if "pk" not in route.kwargs:
            paths.append(route.path(public_slug="acme"))
    paths += [
        reverse("transparency:policy_detail", args=["acme", p.pk]) for p in queries.policies(acme)
    ]
    paths += [
        reverse("transparency:minutes_detail", args=["acme", m.pk]) for m in queries.minutes(acme)
    ]
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content.decode()
    people = Stakeholder.objects.for_workspace(acme)
    secrets = set(people.values_list("name", flat=True))
    secrets |= set(people.values_list("pseudonym", flat=True))
    secrets |= {p.email for p in people.exclude(email="")}
    secrets |= set(Organisation.objects.for_workspace(acme).values_list("name", flat=True))
    for path, body in pages.items():
        found = [s for s in secrets if s and s in body]
        assert not found, (path, found[:5])
