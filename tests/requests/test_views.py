"""Staff pages: list with filters, sort, pages and export; detail with the answer and refusal
forms; data requests; settings; History; the to-do list."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core import mail
from django.utils import timezone

from heard.core.models import AuditEntry, Role
from heard.requests.models import InformationRequest, RequestSettings
from tests.conftest import member_client
from tests.factories import (
    DataRequestFactory,
    InformationRequestFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db


def url(workspace, suffix="") -> str:
    return f"/w/{workspace.slug}/requests/{suffix}"


def overdue(workspace, **fields):
    return InformationRequestFactory(
        workspace=workspace, due_on=timezone.localdate() - datetime.timedelta(days=3), **fields
    )


def test_list_filters_sort_and_flags_overdue(workspace, owner_client):
    late = overdue(workspace, question="Late one")
    InformationRequestFactory(workspace=workspace, question="Fresh one")
    InformationRequestFactory(
        workspace=workspace, question="Done one", status="answered", answer="A"
    )
    page = owner_client.get(url(workspace)).content.decode()
    assert "Late one" in page and "Fresh one" in page and "Overdue" in page
    page = owner_client.get(url(workspace, "?overdue=on")).content.decode()
    assert "Late one" in page and "Fresh one" not in page
    page = owner_client.get(url(workspace, "?status=answered")).content.decode()
    assert "Done one" in page and "Late one" not in page
    page = owner_client.get(url(workspace, "?q=fresh")).content.decode()
    assert "Fresh one" in page and "Late one" not in page
    page = owner_client.get(url(workspace, f"?q=%23{late.pk}")).content.decode()
    assert "Late one" in page and "Fresh one" not in page
    page = owner_client.get(url(workspace, "?sort=due")).content.decode()
    assert page.index("Late one") < page.index("Fresh one")
    page = owner_client.get(url(workspace, "?status=bogus&sort=nonsense")).content.decode()
    assert "Ignored the filter" in page and "Late one" in page


def test_name_search_only_for_members_who_see_identities(workspace):
    hidden = StakeholderFactory(workspace=workspace, name="Hidden Person", safety_level="high_risk")
    InformationRequestFactory(workspace=workspace, stakeholder=hidden, question="About risk")
    viewer = member_client(workspace, Role.VIEWER)
    page = viewer.get(url(workspace, "?q=Hidden")).content.decode()
    assert "About risk" not in page
    page = viewer.get(url(workspace)).content.decode()
    assert "About risk" in page and "Hidden Person" not in page
    owner = member_client(workspace, Role.OWNER)
    assert "About risk" in owner.get(url(workspace, "?q=Hidden")).content.decode()


@pytest.mark.parametrize("path", ["", "data/"])
def test_list_queries_do_not_grow(workspace, owner_client, django_assert_max_num_queries, path):
    def load():
        owner_client.get(url(workspace, path))  # warm caches (sessions, content types)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert owner_client.get(url(workspace, path)).status_code == 200
        return len(captured)

    factory = InformationRequestFactory if path == "" else DataRequestFactory
    factory.create_batch(3, workspace=workspace)
    small = load()
    factory.create_batch(30, workspace=workspace)
    with django_assert_max_num_queries(small):
        owner_client.get(url(workspace, path))


def test_pagination(workspace, owner_client):
    InformationRequestFactory.create_batch(30, workspace=workspace)
    page = owner_client.get(url(workspace)).content.decode()
    assert "Page 1 of 2" in page
    assert "Page 2 of 2" in owner_client.get(url(workspace, "?page=2")).content.decode()


def test_csv_export_neutralises_formulas_and_is_audited(workspace, owner_client):
    InformationRequestFactory(workspace=workspace, question='=HYPERLINK("http://x")')
    response = owner_client.get(url(workspace, "export/"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0].lstrip("\ufeff") == "Number"
    assert rows[1][2] == '\'=HYPERLINK("http://x")'
    assert AuditEntry.objects.filter(workspace=workspace, action="export").exists()
    response = owner_client.get(url(workspace, "data/export/?format=xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_answer_from_the_detail_page(workspace, owner_client, django_capture_on_commit_callbacks):
    request = InformationRequestFactory(workspace=workspace, stakeholder__email="amina@example.org")
    page = owner_client.get(url(workspace, f"{request.pk}/")).content.decode()
    assert "Send the answer" in page and "Refuse in writing" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            url(workspace, f"{request.pk}/answer/"),
            {"answer": "Reviewers read 12 languages.", "answer_format": "written", "notify": "on"},
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "answered" and len(mail.outbox) == 1
    page = owner_client.get(url(workspace, f"{request.pk}/")).content.decode()
    assert "Reviewers read 12 languages." in page and "Send the answer" not in page


def test_refusal_without_reasons_gets_a_clear_message(workspace, owner_client):
    request = InformationRequestFactory(workspace=workspace)
    response = owner_client.post(
        url(workspace, f"{request.pk}/refuse/"), {"refusal_ground": "confidential"}
    )
    assert response.status_code == 400
    assert "A refusal needs its reasons in writing" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "open"
    response = owner_client.post(
        url(workspace, f"{request.pk}/refuse/"),
        {"refusal_ground": "personal_data", "refusal_reasons": "It names other people."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.refusal_ground) == ("refused", "personal_data")


def test_a_stakeholder_without_email_is_flagged(workspace, owner_client):
    request = InformationRequestFactory(workspace=workspace, stakeholder__email="")
    page = owner_client.get(url(workspace, f"{request.pk}/")).content.decode()
    assert "This stakeholder has no email address" in page


def test_viewers_see_no_forms_and_cannot_answer(workspace):
    request = InformationRequestFactory(workspace=workspace)
    viewer = member_client(workspace, Role.VIEWER)
    page = viewer.get(url(workspace, f"{request.pk}/")).content.decode()
    assert "Send the answer" not in page
    response = viewer.post(url(workspace, f"{request.pk}/answer/"), {"answer": "x"})
    assert response.status_code == 403


def test_history_shows_the_answer(workspace, owner_client):
    request = InformationRequestFactory(workspace=workspace)
    owner_client.post(
        url(workspace, f"{request.pk}/answer/"),
        {"answer": "Recorded.", "answer_format": "document"},
    )
    page = owner_client.get(url(workspace, f"{request.pk}/history/")).content.decode()
    assert "Recorded." in page


def test_data_request_pages(workspace, owner_client):
    late = DataRequestFactory(
        workspace=workspace,
        kind="erasure",
        due_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    DataRequestFactory(workspace=workspace, kind="export", details="Fresh export")
    page = owner_client.get(url(workspace, "data/?kind=erasure")).content.decode()
    assert "Erasure of my data" in page and "Fresh export" not in page and "Overdue" in page
    response = owner_client.post(url(workspace, f"data/{late.pk}/decline/"), {"note": ""})
    assert response.status_code == 400
    assert "Declining needs its reasons" in response.content.decode()
    response = owner_client.post(url(workspace, f"data/{late.pk}/done/"), {"note": "Erased."})
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.status == "done" and late.note == "Erased."


def test_settings_page(workspace, owner_client):
    response = owner_client.post(
        url(workspace, "settings/"),
        {"information_days": "0", "data_days": "30", "daily_limit": "5"},
    )
    assert response.status_code == 400
    response = owner_client.post(
        url(workspace, "settings/"),
        {"information_days": "14", "data_days": "30", "daily_limit": "5"},
    )
    assert response.status_code == 302
    assert RequestSettings.objects.get(workspace=workspace).information_days == 14


def test_overdue_requests_on_the_to_do_list(workspace):
    owner = member_client(workspace, Role.OWNER)
    editor = member_client(workspace, Role.EDITOR)
    other_editor = member_client(workspace, Role.EDITOR)
    late = overdue(workspace, stakeholder__relationship_owner=editor.user)
    home = f"/w/{workspace.slug}/"
    for client, expected in ((owner, True), (editor, True), (other_editor, False)):
        page = client.get(home).content.decode()
        assert (f"Information request #{late.pk}" in page) is expected
    InformationRequest.objects.filter(pk=late.pk).update(status="answered", answer="A")
    assert f"Information request #{late.pk}" not in owner.get(home).content.decode()
