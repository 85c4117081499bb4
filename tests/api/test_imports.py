"""Imports in the API: upload → preview with every problem named → apply, all or nothing."""

from __future__ import annotations

import json

import pytest

from heard.core.models import Role
from heard.imports.models import ColumnMapping, ImportJob, ImportStatus
from heard.stakeholders.models import Organisation, Stakeholder
from tests.api.conftest import api_client
from tests.factories import ImportJobFactory
from tests.imports.conftest import csv_bytes, upload, xlsx_bytes

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _error(response) -> dict:
    body = response.json()
    assert set(body) >= {"code", "message", "fields"}, body
    return body


def _upload(client, data: bytes, kind="stakeholders", name="people.csv", **fields):
    return client.post("/api/v1/imports", {"kind": kind, "file": upload(data, name), **fields})


def test_upload_preview_apply(workspace, api):
    response = _upload(api, "Nom,Pays\nAda,France\nZoë,KE\n".encode())
    assert response.status_code == 201, response.content
    job = response.json()
    assert job["status"] == "previewed" and job["mapping"] == {"Nom": "name", "Pays": "country"}
    assert job["preview"]["new"] == 2 and job["problems"] == []
    assert job["preview"]["sample"][1]["name"] == "Zoë"
    assert not Stakeholder.objects.exists()  # a preview writes nothing
    applied = api.post(f"/api/v1/imports/{job['id']}/apply", {"match_mode": "skip"}, JSON)
    assert applied.status_code == 200, applied.content
    assert applied.json()["status"] == "applied" and applied.json()["result"]["created"] == 2
    assert Stakeholder.objects.filter(workspace=workspace).count() == 2
    again = api.post(f"/api/v1/imports/{job['id']}/apply", {"match_mode": "skip"}, JSON)
    assert again.status_code == 422
    assert Stakeholder.objects.count() == 2
    listing = api.get("/api/v1/imports").json()["results"]
    assert [(j["id"], j["status"]) for j in listing] == [(job["id"], "applied")]


def test_problems_name_rows_and_columns_and_nothing_is_applied(workspace, api):
    data = csv_bytes(
        [
            ["Name", "Email", "Country"],
            ["Ada", "ada@example.org", "FR"],
            ["Bob", "nope", "Atlantis"],
        ]
    )
    response = _upload(api, data)
    assert response.status_code == 201, response.content
    job = response.json()
    assert job["error_count"] == 2 and job["preview"]["problem_rows"] == 1
    assert {(p["row"], p["column"]) for p in job["problems"]} == {(3, "Email"), (3, "Country")}
    refused = api.post(f"/api/v1/imports/{job['id']}/apply", {"match_mode": "skip"}, JSON)
    assert refused.status_code == 422
    assert not Stakeholder.objects.exists()  # all or nothing: the good row is not written
    assert ImportJob.objects.get(pk=job["id"]).status == ImportStatus.PREVIEWED


def test_an_xlsx_file_and_a_given_mapping(workspace, api):
    data = xlsx_bytes([["Organisation name", "Web"], ["Acme", "https://acme.example"]])
    response = _upload(
        api,
        data,
        kind="organisations",
        name="orgs.xlsx",
        mapping=json.dumps({"Organisation name": "name", "Web": "website"}),
    )
    assert response.status_code == 201, response.content
    assert response.json()["mapping"] == {"Organisation name": "name", "Web": "website"}
    job_id = response.json()["id"]
    assert api.post(f"/api/v1/imports/{job_id}/apply", {}, JSON).status_code == 200
    assert Organisation.objects.get(workspace=workspace).website == "https://acme.example"


def test_remap_and_save_the_mapping(workspace, api):
    job = _upload(api, b"Who,Where\nAda,FR\n", mapping='{"Who": "name"}').json()
    assert job["mapping"] == {"Who": "name", "Where": ""}
    response = api.put(
        f"/api/v1/imports/{job['id']}/mapping",
        {"mapping": {"Where": "country"}, "save_as": "CRM"},
        JSON,
    )
    assert response.status_code == 200, response.content
    assert response.json()["mapping"] == {"Who": "name", "Where": "country"}
    assert response.json()["preview"]["sample"][0]["country"] == "FR"
    assert ColumnMapping.objects.filter(workspace=workspace, name="CRM").exists()
    bad = api.put(f"/api/v1/imports/{job['id']}/mapping", {"mapping": {"Who": "bogus"}}, JSON)
    assert bad.status_code == 422 and "mapping.Who" in _error(bad)["fields"]
    unknown = api.put(f"/api/v1/imports/{job['id']}/mapping", {"mapping": {"Nope": "name"}}, JSON)
    assert unknown.status_code == 422 and "mapping.Nope" in _error(unknown)["fields"]


def test_a_file_whose_required_column_is_missing_is_not_kept(api):
    response = _upload(api, b"Colour,Size\nred,2\n")
    assert response.status_code == 422
    assert "mapping" in _error(response)["fields"]
    assert not ImportJob.objects.exclude(status=ImportStatus.CANCELLED).exists()


@pytest.mark.parametrize(
    ("data", "name", "fields", "field"),
    [
        (b"", "empty.csv", {}, "file"),
        (b"\x00\x01\x02binary", "x.csv", {}, "file"),
        (b"Name\nAda\n", "x.csv", {"kind": "bogus"}, "kind"),
        (b"Name\nAda\n", "x.csv", {"mapping": "{not json"}, "mapping"),
        (b"Name\nAda\n", "x.csv", {"saved_mapping": "Nope"}, "saved_mapping"),
    ],
)
def test_bad_uploads_are_422_naming_the_field(api, data, name, fields, field):
    response = _upload(api, data, name=name, **fields)
    assert response.status_code == 422, response.content
    assert field in _error(response)["fields"]
    assert not ImportJob.objects.exclude(status=ImportStatus.CANCELLED).exists()


def test_cancel_an_import(api):
    job = _upload(api, b"Name\nAda\n").json()
    response = api.post(f"/api/v1/imports/{job['id']}/cancel")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert api.post(f"/api/v1/imports/{job['id']}/apply", {}, JSON).status_code == 422


@pytest.mark.parametrize("role", [Role.CONTRIBUTOR, Role.VIEWER, Role.AUDITOR])
def test_roles_without_import_get_403(workspace, role):
    client = api_client(workspace, role)
    job = ImportJobFactory(workspace=workspace)
    assert client.get("/api/v1/imports").status_code == 403
    assert client.get(f"/api/v1/imports/{job.pk}").status_code == 403
    if role == Role.CONTRIBUTOR:
        response = _upload(client, b"Name\nAda\n")
        assert response.status_code == 403
        assert _error(response)["code"] == "permission_denied"


def test_another_workspaces_import_is_404(other_workspace, api):
    job = ImportJobFactory(workspace=other_workspace)
    assert api.get(f"/api/v1/imports/{job.pk}").status_code == 404
    assert api.post(f"/api/v1/imports/{job.pk}/apply", {}, JSON).status_code == 404
    assert api.post(f"/api/v1/imports/{job.pk}/cancel").status_code == 404
    assert api.put(f"/api/v1/imports/{job.pk}/mapping", {"mapping": {}}, JSON).status_code == 404
