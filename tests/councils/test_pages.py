"""Council pages through HTTP: list, detail, forms with bad input, archive, export, roles."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from heard.core.models import Role
from heard.councils import services
from heard.councils.models import Council, CouncilMeeting, CouncilMember
from heard.stakeholders.models import SafetyLevel
from tests.conftest import member_client
from tests.factories import EngagementFactory, ParticipationFactory, StakeholderFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def url(name, workspace, *args):
    return reverse(f"councils:{name}", args=[workspace.slug, *args])


def test_create_council_through_the_form(workspace, owner_client):
    response = owner_client.post(
        url("council_create", workspace),
        {"name": "Youth council", "terms_of_reference": "Advise.", "reminder_days": "45"},
    )
    council = Council.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("council_detail", workspace, council.pk)
    assert council.reminder_days == 45
    page = owner_client.get(response["Location"])
    assert "Youth council" in page.content.decode()


def test_duplicate_name_shows_the_message_and_writes_nothing(workspace, owner_client, council):
    response = owner_client.post(
        url("council_create", workspace), {"name": council.name, "reminder_days": "30"}
    )
    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    assert Council.objects.count() == 1


def test_edit_council(workspace, owner_client, council):
    response = owner_client.post(
        url("council_edit", workspace, council.pk),
        {"name": "Renamed", "terms_of_reference": "New", "reminder_days": "30"},
    )
    assert response.status_code == 302
    council.refresh_from_db()
    assert (council.name, council.terms_of_reference) == ("Renamed", "New")


def test_add_member_search_pick_and_bad_dates(workspace, owner_client, council, person):
    add = url("member_create", workspace, council.pk)
    found = owner_client.get(add, {"q": "Amina"}).content.decode()
    assert "Amina Yusuf" in found
    response = owner_client.post(
        add,
        {
            "stakeholder": person.pk,
            "role": "chair",
            "term_start": "2027-01-01",
            "term_end": "2026-01-01",
        },
    )
    assert response.status_code == 400
    assert "The term must end after it starts." in response.content.decode()
    assert not CouncilMember.objects.exists()
    response = owner_client.post(
        add,
        {
            "stakeholder": person.pk,
            "role": "chair",
            "term_start": "2026-01-01",
            "term_end": "2028-01-01",
        },
    )
    assert response.status_code == 302
    member = CouncilMember.objects.get()
    assert member.role == "chair"
    response = owner_client.post(
        add,
        {
            "stakeholder": person.pk,
            "role": "member",
            "term_start": "2027-01-01",
            "term_end": "2029-01-01",
        },
    )
    assert response.status_code == 400
    assert "already on the council" in response.content.decode()
    assert CouncilMember.objects.count() == 1


def test_add_member_without_a_pick_explains(workspace, owner_client, council):
    response = owner_client.post(
        url("member_create", workspace, council.pk),
        {"role": "member", "term_start": "2026-01-01", "term_end": "2027-01-01"},
    )
    assert response.status_code == 400
    assert "Choose a stakeholder" in response.content.decode()


def test_member_of_another_workspace_cannot_be_picked(workspace, owner_client, council):
    foreign = StakeholderFactory()
    response = owner_client.post(
        url("member_create", workspace, council.pk),
        {
            "stakeholder": foreign.pk,
            "role": "member",
            "term_start": "2026-01-01",
            "term_end": "2027-01-01",
        },
    )
    assert response.status_code == 400
    assert not CouncilMember.objects.exists()


def test_detail_shows_current_members_ending_soon_and_meetings(workspace, owner_client, council):
    today = timezone.localdate()
    person = StakeholderFactory(workspace=workspace, name="Kofi Mensah")
    services.add_member(
        workspace=workspace,
        actor=None,
        council=council,
        stakeholder=person,
        term_start=today - datetime.timedelta(days=300),
        term_end=today + datetime.timedelta(days=9),
    )
    meeting = EngagementFactory(workspace=workspace, format="advisory_council", title="Q3 meeting")
    EngagementFactory(workspace=workspace, format="advisory_council", title="Unlinked one")
    services.link_meeting(workspace=workspace, actor=None, council=council, engagement=meeting)
    html = owner_client.get(url("council_detail", workspace, council.pk)).content.decode()
    assert "Kofi Mensah" in html
    assert "ends in 9 days: plan rotation" in html
    assert "Q3 meeting" in html
    assert '<option value="' in html and "Unlinked one" in html  # offered in the link form


def test_high_risk_member_is_pseudonymised_for_viewers(workspace, council):
    person = StakeholderFactory(
        workspace=workspace, name="Secret Person", safety_level=SafetyLevel.HIGH_RISK
    )
    services.add_member(
        workspace=workspace,
        actor=None,
        council=council,
        stakeholder=person,
        term_start=D(2026, 1, 1),
        term_end=D(2030, 1, 1),
    )
    viewer = member_client(workspace, Role.VIEWER)
    html = viewer.get(url("council_detail", workspace, council.pk)).content.decode()
    assert "Secret Person" not in html
    assert person.pseudonym in html


def test_link_and_unlink_meeting_through_the_page(workspace, owner_client, council):
    meeting = EngagementFactory(workspace=workspace, format="advisory_council")
    response = owner_client.post(
        url("meeting_link", workspace, council.pk), {"engagement": meeting.pk}
    )
    assert response.status_code == 302
    assert CouncilMeeting.objects.filter(council=council, engagement=meeting).exists()
    wrong = EngagementFactory(workspace=workspace, format="workshop")
    owner_client.post(url("meeting_link", workspace, council.pk), {"engagement": wrong.pk})
    assert not CouncilMeeting.objects.filter(engagement=wrong).exists()
    owner_client.post(url("meeting_unlink", workspace, council.pk, meeting.pk))
    assert not CouncilMeeting.objects.exists()


def test_archive_and_restore_council_and_member(workspace, owner_client, council, person):
    member = services.add_member(
        workspace=workspace,
        actor=None,
        council=council,
        stakeholder=person,
        term_start=D(2026, 1, 1),
        term_end=D(2030, 1, 1),
    )
    owner_client.post(url("member_archive", workspace, member.pk))
    member.refresh_from_db()
    assert member.archived_at is not None
    owner_client.post(url("member_restore", workspace, member.pk))
    member.refresh_from_db()
    assert member.archived_at is None
    owner_client.post(url("council_archive", workspace, council.pk))
    assert not owner_client.get(url("council_list", workspace)).context["page_obj"].object_list
    owner_client.post(url("council_restore", workspace, council.pk))
    council.refresh_from_db()
    assert council.archived_at is None


def test_history_pages(workspace, owner_client, council, person):
    member = services.add_member(
        workspace=workspace,
        actor=None,
        council=council,
        stakeholder=person,
        term_start=D(2026, 1, 1),
        term_end=D(2030, 1, 1),
    )
    assert owner_client.get(url("council_history", workspace, council.pk)).status_code == 200
    assert owner_client.get(url("member_history", workspace, member.pk)).status_code == 200


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTRIBUTOR, Role.AUDITOR])
def test_roles_that_may_not_edit_get_403(workspace, council, role):
    client = member_client(workspace, role)
    assert client.get(url("council_list", workspace)).status_code == 200
    assert client.get(url("council_create", workspace)).status_code == 403
    assert client.post(url("council_create", workspace), {"name": "X"}).status_code == 403
    assert client.post(url("council_archive", workspace, council.pk)).status_code == 403
    assert Council.objects.count() == 1


def test_export_csv_of_list_and_members(workspace, owner_client, council, person):
    services.add_member(
        workspace=workspace,
        actor=None,
        council=council,
        stakeholder=person,
        term_start=D(2026, 1, 1),
        term_end=D(2030, 1, 1),
    )
    response = owner_client.get(url("council_export", workspace), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][1] == council.name
    response = owner_client.get(url("council_export", workspace), {"council": council.pk})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][1] == "Amina Yusuf"
    xlsx = owner_client.get(url("council_export", workspace), {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_list_filters_and_sorts(workspace, owner_client, council):
    services.create_council(workspace=workspace, actor=None, name="Zeta council")
    page = owner_client.get(url("council_list", workspace), {"q": "zeta"})
    assert [c.name for c in page.context["page_obj"]] == ["Zeta council"]
    page = owner_client.get(url("council_list", workspace), {"sort": "-name"})
    assert [c.name for c in page.context["page_obj"]][0] == "Zeta council"
    page = owner_client.get(url("council_list", workspace), {"initiative": "abc"})
    assert page.status_code == 200 and page.context["found"].notes


# --- query counts


def _count(client, path) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _fill(workspace, council, n: int, offset: int = 0) -> None:
    for i in range(offset, offset + n):
        person = StakeholderFactory(workspace=workspace, name=f"Person {i}")
        services.add_member(
            workspace=workspace,
            actor=None,
            council=council,
            stakeholder=person,
            term_start=D(2025, 1, 1),
            term_end=D(2030, 1, 1),
        )
        meeting = EngagementFactory(workspace=workspace, format="advisory_council")
        ParticipationFactory(workspace=workspace, engagement=meeting, stakeholder=person)
        services.link_meeting(workspace=workspace, actor=None, council=council, engagement=meeting)


def test_council_list_queries_do_not_grow(workspace, owner_client, council):
    path = url("council_list", workspace)
    _fill(workspace, council, 2)
    small = _count(owner_client, path)
    for i in range(12):
        extra = services.create_council(workspace=workspace, actor=None, name=f"Council {i}")
        _fill(workspace, extra, 1, offset=100 + i)
    assert _count(owner_client, path) == small


def test_council_detail_queries_do_not_grow(workspace, owner_client, council):
    path = url("council_detail", workspace, council.pk)
    _fill(workspace, council, 2)
    small = _count(owner_client, path)
    _fill(workspace, council, 15, offset=2)
    assert _count(owner_client, path) == small
