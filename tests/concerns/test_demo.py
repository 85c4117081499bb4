"""`heard demo` concerns: acme's channel open with concerns at every step, globex's closed."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from heard.concerns import queries, services
from heard.concerns.models import Concern, ConcernStatus
from heard.core.models import Workspace

pytestmark = pytest.mark.django_db


def test_demo_concerns():
    call_command("demo", size="small", stdout=StringIO())
    acme, globex = (Workspace.objects.get(slug=s) for s in ("acme", "globex"))
    assert services.channel_settings(acme).is_enabled
    assert not services.channel_settings(globex).is_enabled
    statuses = set(Concern.objects.filter(workspace=acme).values_list("status", flat=True))
    assert statuses == set(ConcernStatus.values)
    assert queries.overdue_concerns(acme).exists()
    client = Client()
    assert client.get(reverse("concerns_public:new", args=["acme"])).status_code == 200
    assert client.get(reverse("concerns_public:new", args=["globex"])).status_code == 404
    closed = Concern.objects.filter(workspace=acme, status="closed").first()
    page = client.post(
        reverse("concerns_public:status", args=["acme"]), {"reference": closed.reference}
    ).content.decode()
    assert "Closed" in page
