"""The data held page and JSON, the erasure page, the retention page: roles and tenancy."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from heard.core.models import AuditAction, AuditEntry, Role
from heard.privacy import services
from heard.privacy.models import Erasure
from tests.conftest import member_client
from tests.factories import DataRequestFactory
from tests.privacy.conftest import EMAIL, NAME

pytestmark = pytest.mark.django_db


def urls(workspace, person) -> dict[str, str]:
    pk = person.stakeholder.pk
    return {
        "data_held": reverse("privacy:data_held", args=[workspace.slug, pk]),
        "data_json": reverse("privacy:data_json", args=[workspace.slug, pk]),
        "erase": reverse("privacy:erase", args=[workspace.slug, pk]),
        "retention": reverse("privacy:retention", args=[workspace.slug]),
    }


EXPECTED = {  # role: pages it may open (the others answer 403)
    Role.OWNER: {"data_held", "data_json", "erase", "retention"},
    Role.MANAGER: {"data_held", "data_json", "erase"},
    Role.EDITOR: {"data_held", "data_json"},
    Role.AUDITOR: {"data_held", "data_json"},
    Role.CONTRIBUTOR: set(),
    Role.VIEWER: set(),
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_opens_exactly_its_pages(workspace, person, role):
    client = member_client(workspace, role)
    for name, url in urls(workspace, person).items():
        status = client.get(url).status_code
        assert status == (200 if name in EXPECTED[role] else 403), (role, name, status)


def test_another_workspace_gets_404_everywhere(workspace, person, outsider_client):
    for name, url in urls(workspace, person).items():
        if name != "retention":
            assert outsider_client.get(url).status_code == 404, name
            assert outsider_client.post(url).status_code == 404, name


def test_another_workspaces_stakeholder_is_404_for_a_member(workspace, other_workspace, person):
    client = member_client(other_workspace, Role.OWNER)
    url = reverse("privacy:data_held", args=[other_workspace.slug, person.stakeholder.pk])
    assert client.get(url).status_code == 404


def test_data_held_page_and_json(workspace, person, owner_client):
    page = owner_client.get(urls(workspace, person)["data_held"]).content.decode()
    assert NAME in page and EMAIL in page and "Budget review first." in page
    response = owner_client.get(urls(workspace, person)["data_json"])
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert NAME not in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["stakeholder"]["email"] == EMAIL and len(data["inputs"]) == 2
    reads = AuditEntry.objects.filter(workspace=workspace, action=AuditAction.EXPORT)
    assert sorted(e.changes["data_held"][1] for e in reads) == ["json", "page"]


def test_stakeholder_page_links_by_role(workspace, person, owner_client):
    detail = person.stakeholder.get_absolute_url()
    page = owner_client.get(detail).content.decode()
    assert urls(workspace, person)["data_held"] in page and urls(workspace, person)["erase"] in page
    viewer = member_client(workspace, Role.VIEWER).get(detail).content.decode()
    assert "/privacy/" not in viewer


def test_erasure_needs_the_typed_confirmation(workspace, person, owner_client):
    url = urls(workspace, person)["erase"]
    page = owner_client.get(url).content.decode()
    assert person.stakeholder.pseudonym in page and "2 inputs, now anonymous" in page
    response = owner_client.post(url, {"reason": "request", "confirmation": "yes"})
    assert response.status_code == 400 and not Erasure.objects.exists()
    response = owner_client.post(url, {"reason": "request", "confirmation": "erase"})
    assert response.status_code == 302 and Erasure.objects.get().erased_by == owner_client.user
    again = owner_client.post(url, {"reason": "request", "confirmation": "ERASE"})
    assert again.status_code == 400 and Erasure.objects.count() == 1


def test_erasure_by_pseudonym_from_a_data_request_marks_it_done(workspace, person, owner_client):
    data_request = person.data_request
    detail = reverse("requests:data_detail", args=[workspace.slug, data_request.pk])
    assert f"?request={data_request.pk}" in owner_client.get(detail).content.decode()
    url = urls(workspace, person)["erase"]
    response = owner_client.post(
        url,
        {
            "reason": "request",
            "confirmation": person.stakeholder.pseudonym,
            "request": data_request.pk,
        },
    )
    assert response.status_code == 302
    data_request.refresh_from_db()
    assert data_request.status == "done" and data_request.handled_by == owner_client.user


def test_another_persons_data_request_is_404(workspace, person, bystander, owner_client):
    theirs = DataRequestFactory(workspace=workspace, stakeholder=bystander, kind="erasure")
    url = urls(workspace, person)["erase"] + f"?request={theirs.pk}"
    assert owner_client.get(url).status_code == 404
    assert owner_client.get(urls(workspace, person)["erase"] + "?request=x").status_code == 404


def test_export_request_offers_the_export_and_a_done_button(workspace, person, owner_client):
    export = DataRequestFactory(workspace=workspace, stakeholder=person.stakeholder, kind="export")
    detail = reverse("requests:data_detail", args=[workspace.slug, export.pk])
    assert "Produce export" in owner_client.get(detail).content.decode()
    page = owner_client.get(urls(workspace, person)["data_held"] + f"?request={export.pk}")
    assert reverse("requests:data_done", args=[workspace.slug, export.pk]) in page.content.decode()
    viewer = member_client(workspace, Role.VIEWER).get(detail).content.decode()
    assert "Produce export" not in viewer and "/privacy/" not in viewer


def test_retention_settings(workspace, owner_client):
    url = reverse("privacy:retention", args=[workspace.slug])
    assert owner_client.post(url, {"pseudonymise_after_years": "0"}).status_code == 400
    assert owner_client.post(url, {"pseudonymise_after_years": "7"}).status_code == 302
    assert services.policy_for(workspace).pseudonymise_after_years == 7
    assert "0 people are past the rule" in owner_client.get(url).content.decode()
    assert owner_client.post(url, {"pseudonymise_after_years": ""}).status_code == 302
    assert services.policy_for(workspace).pseudonymise_after_years is None
