"""The import pages through the Django test client, without JavaScript."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.core.models import Role
from heard.imports.models import ColumnMapping, ImportJob, ImportStatus
from heard.stakeholders.models import Stakeholder
from tests.conftest import member_client
from tests.factories import ImportJobFactory, UserFactory
from tests.imports.conftest import upload


def url(name, workspace, *args):
    return reverse(f"imports:{name}", args=[workspace.slug, *args])


@pytest.fixture
def client(workspace):
    return member_client(workspace, Role.EDITOR)


def post_upload(client, workspace, data: bytes, kind="stakeholders", name="people.csv"):
    return client.post(url("upload", workspace), {"kind": kind, "file": upload(data, name)})


def test_whole_flow(client, workspace):
    response = post_upload(client, workspace, "Nom,Pays\nAda,France\nZoë,KE\n".encode())
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == url("mapping", workspace, job.pk)

    page = client.get(url("mapping", workspace, job.pk))
    html = page.content.decode()
    assert page.status_code == 200
    assert '<option value="name" selected>' in html  # guessed
    assert '<option value="country" selected>' in html

    response = client.post(
        url("mapping", workspace, job.pk),
        {"column_0": "name", "column_1": "country", "save_as": "French list"},
    )
    assert response["Location"] == url("preview", workspace, job.pk)
    assert ColumnMapping.objects.filter(name="French list").exists()

    page = client.get(url("preview", workspace, job.pk))
    html = page.content.decode()
    assert "Zoë" in html and '<button type="submit">Apply 2 rows</button>' in html

    response = client.post(url("apply", workspace, job.pk), {"match_mode": "skip"})
    assert response["Location"] == url("result", workspace, job.pk)
    assert Stakeholder.objects.filter(workspace=workspace).count() == 2
    page = client.get(response["Location"])
    assert "Created" in page.content.decode()

    listing = client.get(url("list", workspace)).content.decode()
    assert "people.csv" in listing and "Applied" in listing


def test_bad_file_shows_the_message(client, workspace):
    for data, message in ((b"", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image")):
        response = post_upload(client, workspace, data)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_preview_with_problems_disables_apply(client, workspace):
    post_upload(client, workspace, b"Name,Country\nAda,KE\nGrace,Atlantis\n")
    job = ImportJob.objects.get()
    client.post(url("mapping", workspace, job.pk), {"column_0": "name", "column_1": "country"})
    html = client.get(url("preview", workspace, job.pk)).content.decode()
    assert '<td class="numeric">3</td><td>Country</td>' in html
    assert 'disabled aria-describedby="apply-blocked"' in html
    response = client.post(url("apply", workspace, job.pk), {"match_mode": "skip"})
    assert response.status_code == 302
    assert not Stakeholder.objects.exists()


def test_mapping_without_name_is_refused(client, workspace):
    post_upload(client, workspace, b"Name,Country\nAda,KE\n")
    job = ImportJob.objects.get()
    response = client.post(
        url("mapping", workspace, job.pk), {"column_0": "", "column_1": "country"}
    )
    assert response.status_code == 400
    assert "Name" in response.content.decode()


def test_load_a_saved_mapping(client, workspace):
    saved = ColumnMapping.objects.create(
        workspace=workspace,
        kind="stakeholders",
        name="CRM",
        mapping={"Who": "name", "Land": "country"},
    )
    post_upload(client, workspace, b"Who,Land\nAda,KE\n")
    job = ImportJob.objects.get()
    html = client.get(url("mapping", workspace, job.pk) + f"?saved={saved.pk}").content.decode()
    assert "Loaded “CRM”" in html
    assert '<option value="country" selected>' in html


def test_progress_page_and_partial(client, workspace):
    job = ImportJobFactory(workspace=workspace, status=ImportStatus.QUEUED, total_rows=10)
    html = client.get(url("progress", workspace, job.pk)).content.decode()
    assert "<progress" in html and 'hx-trigger="every 1s"' in html
    assert f'href="{url("progress", workspace, job.pk)}"' in html  # works without JS
    partial = client.get(url("progress", workspace, job.pk), HTTP_HX_REQUEST="true")
    assert partial.content.decode().lstrip().startswith("<section")
    job.status = ImportStatus.APPLIED
    job.save()
    done = client.get(url("progress", workspace, job.pk), HTTP_HX_REQUEST="true")
    assert done["HX-Redirect"] == url("result", workspace, job.pk)
    assert client.get(url("progress", workspace, job.pk))["Location"] == url(
        "result", workspace, job.pk
    )


def test_cancel(client, workspace):
    post_upload(client, workspace, b"Name\nAda\n")
    job = ImportJob.objects.get()
    response = client.post(url("cancel", workspace, job.pk))
    assert response["Location"] == url("list", workspace)
    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED
    assert client.get(url("apply", workspace, job.pk)).status_code == 405


def test_roles_without_import_are_refused(workspace):
    viewer = member_client(workspace, Role.VIEWER)
    assert viewer.get(url("list", workspace)).status_code == 403
    assert viewer.get(url("upload", workspace)).status_code == 403


def test_other_workspace_import_is_404(client, workspace, other_workspace):
    job = ImportJobFactory(workspace=other_workspace)
    assert client.get(url("mapping", workspace, job.pk)).status_code == 404
    assert client.post(url("cancel", workspace, job.pk)).status_code == 404


def test_list_query_count_does_not_grow(client, workspace):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("list", workspace)).status_code == 200
        return len(queries)

    ImportJobFactory.create_batch(2, workspace=workspace, created_by=UserFactory())
    count_queries()  # the first request of a session loads more (session, OTP device)
    small = count_queries()
    ImportJobFactory.create_batch(20, workspace=workspace, created_by=UserFactory())
    assert count_queries() == small
