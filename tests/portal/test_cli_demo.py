"""`heard portal_link` and the demo's portal data."""

from __future__ import annotations

from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from heard.portal.models import PortalAccess, SurveyAnswer

pytestmark = pytest.mark.django_db


def test_command_prints_a_working_link(workspace, person):
    out = StringIO()
    call_command("portal_link", workspace.slug, email="amina@example.org", stdout=out)
    link = urlsplit(out.getvalue().strip())
    assert link.path.startswith("/portal/open/")
    assert Client().post(link.path).status_code == 302


def test_command_revokes(workspace, person):
    out = StringIO()
    call_command("portal_link", workspace.slug, stakeholder=person.pk, stdout=out)
    path = "/portal/" + out.getvalue().strip().split("/portal/", 1)[1]
    call_command("portal_link", workspace.slug, stakeholder=person.pk, revoke=True, stdout=out)
    assert Client().post(path).status_code == 404


def test_command_refuses_unknown_people(workspace):
    with pytest.raises(CommandError):
        call_command("portal_link", workspace.slug, email="nobody@example.org")


def test_demo_has_portal_data():
    call_command("demo", size="small", stdout=StringIO())
    assert PortalAccess.objects.exists()
    assert SurveyAnswer.objects.exists()
    answer = SurveyAnswer.objects.select_related("engagement").first()
    assert answer.engagement.status in {"held", "debriefed", "loop_closed"}
    assert 1 <= answer.felt_heard <= 5
