"""Engagement pages through HTTP: list, plan, detail, sessions, invitations, scheduling,
exports, HRDD steps, pseudonyms and roles."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar
from openpyxl import load_workbook

from heard.core.models import AuditEntry, Role
from heard.engagements.models import Engagement, HrddStep, Participation, Session
from heard.engagements.services import participation as participation_services
from tests.conftest import member_client
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def url(name, workspace, *args):
    return reverse(f"engagements:{name}", args=[workspace.slug, *args])


def form_data(workspace, **changes):
    steps = HrddStep.objects.filter(workspace=workspace, code__in=["identify_assess", "remedy"])
    data = {
        "title": "Gig workers and pay transparency",
        "format": "roundtable",
        "mode": "hybrid",
        "purpose": "Hear riders before the pay change",
        "learning_goals": "Which signals riders need",
        "cannot_share": "Exact pay formula (trade secret)",
        "barriers": "Legal sign-off before publishing notes",
        "hrdd_steps": [s.pk for s in steps],
        "accountable_function": "Human rights team",
        "senior_responsible_role": "Chief Legal Officer",
        "lifecycle_stage": "development",
        "languages": "en, Portuguese",
        "interpretation_languages": "sw",
        "accessibility_accommodations": "Captions; step-free venue",
        "briefing_materials": "https://example.org/brief",
        "glossary": "Algorithm: rules a computer follows\nSurge: higher pay when busy",
        "attribution_rule": "chatham_house",
        "is_compensation_offered": "on",
        "compensation_details": "EUR 100 per person",
    }
    data.update(changes)
    return data


def test_plan_an_engagement_through_the_form(workspace, owner_client):
    initiative = InitiativeFactory(workspace=workspace, name="Rider pay")
    response = owner_client.post(
        url("engagement_create", workspace), form_data(workspace, initiative=initiative.pk)
    )
    assert response.status_code == 302
    engagement = Engagement.objects.get()
    assert engagement.languages == ["en", "pt"]
    assert engagement.glossary[1] == {"term": "Surge", "definition": "higher pay when busy"}
    assert engagement.initiative == initiative
    assert engagement.hrdd_steps.count() == 2
    page = owner_client.get(response["Location"]).content.decode()
    for text in (
        "Exact pay formula (trade secret)",
        "Chief Legal Officer",
        "Rider pay",
        "Chatham House rule",
        "Surge",
        "Portuguese",
        "Remedy",
    ):
        assert text in page
    edit = owner_client.get(url("engagement_edit", workspace, engagement.pk)).content.decode()
    assert "Algorithm: rules a computer follows" in edit


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"title": ""}, "This field is required"),
        ({"languages": "klingon"}, "Unknown language"),
        ({"glossary": "just a word"}, "needs a term, a colon and a definition"),
        ({"format": "party"}, "Select a valid choice"),
    ],
)
def test_bad_plan_input_is_named_and_nothing_is_written(workspace, owner_client, changes, message):
    response = owner_client.post(
        url("engagement_create", workspace), form_data(workspace, **changes)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Engagement.objects.exists()


def test_sessions_in_two_time_zones_and_the_ics_download(workspace, owner_client, make_engagement):
    engagement = make_engagement()
    for date, start, end, zone, label in (
        ("2026-03-10", "10:00", "11:30", "Europe/Paris", "Europe & Africa"),
        ("2026-03-10", "09:00", "10:30", "America/Los_Angeles", "Americas"),
    ):
        response = owner_client.post(
            url("session_create", workspace, engagement.pk),
            {"date": date, "start_time": start, "end_time": end, "time_zone": zone, "label": label},
        )
        assert response.status_code == 302
    page = owner_client.get(url("engagement_detail", workspace, engagement.pk)).content.decode()
    assert "Europe/Paris" in page and "America/Los_Angeles" in page
    assert "10:00–11:30" in page and "09:00–10:30" in page
    session = Session.objects.get(time_zone="America/Los_Angeles")
    response = owner_client.get(url("session_calendar", workspace, session.pk))
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("DTSTART").astimezone(datetime.UTC).hour == 16


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"end_time": "09:00"}, "must end after it starts"),
        ({"time_zone": "Europe/Atlantis"}, "is not an IANA time zone"),
        ({"date": "2026-03-29", "start_time": "02:30", "end_time": "04:00"}, "does not exist"),
    ],
)
def test_bad_session_input_is_a_clear_error(
    workspace, owner_client, make_engagement, changes, message
):
    engagement = make_engagement()
    data = {
        "date": "2026-03-10",
        "start_time": "10:00",
        "end_time": "11:00",
        "time_zone": "Europe/Berlin",
    }
    data.update(changes)
    response = owner_client.post(url("session_create", workspace, engagement.pk), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Session.objects.exists()


def test_invite_from_a_filtered_registry_list(
    workspace, owner_client, make_engagement, make_person
):
    engagement = make_engagement()
    kenyan = [make_person(f"Kenyan {i}", country="KE") for i in range(3)]
    make_person("Brazilian", country="BR")
    add = url("participant_add", workspace, engagement.pk)
    page = owner_client.get(add + "?country=KE").content.decode()
    assert "3 stakeholders match" in page and "Brazilian" not in page
    response = owner_client.post(
        add + "?country=KE", {"country": "KE", "scope": "all", "role": "participant"}
    )
    assert response.status_code == 302
    assert set(Participation.objects.values_list("stakeholder_id", flat=True)) == {
        p.pk for p in kenyan
    }
    page = owner_client.get(add + "?country=KE").content.decode()
    assert page.count('badge-ok">on the list') == 3
    response = owner_client.post(
        add, {"ids": [kenyan[0].pk], "scope": "ticked", "role": "observer"}
    )
    assert response.status_code == 302
    assert Participation.objects.count() == 3  # already there: not duplicated


def test_inviting_an_archived_stakeholder_shows_a_message(
    workspace, owner_client, make_engagement, make_person
):
    from heard.stakeholders import services as registry

    engagement = make_engagement()
    gone = make_person("Gone Person")
    registry.archive(workspace=workspace, actor=None, obj=gone)
    add = url("participant_add", workspace, engagement.pk)
    response = owner_client.post(add, {"ids": [gone.pk], "scope": "ticked"}, follow=True)
    assert "Archived stakeholders cannot be invited" in response.content.decode()
    assert not Participation.objects.exists()


def test_invitations_page_explains_who_cannot_be_emailed_then_sends(
    workspace,
    owner_client,
    make_engagement,
    add_session,
    make_person,
    django_capture_on_commit_callbacks,
):
    engagement = make_engagement()
    add_session(engagement)
    ok = make_person("Has Consent", consent=True, email="ok@example.org")
    missing = make_person("No Consent", email="no@example.org")
    participation_services.add_participants(
        workspace=workspace, actor=None, engagement=engagement, stakeholders=[ok, missing]
    )
    page_url = url("invitations", workspace, engagement.pk)
    page = owner_client.get(page_url).content.decode()
    assert "1 invitee will be emailed" in page and "1 invitee cannot be emailed" in page
    assert "No valid consent to be contacted" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(page_url, follow=True)
    assert [m.to for m in mail.outbox] == [["ok@example.org"]]
    detail = response.content.decode()
    assert "1 invitation sent" in detail
    assert "Cannot be emailed" in detail
    engagement.refresh_from_db()
    assert engagement.status == "invitations_sent"


def test_participation_edit_and_remove(workspace, owner_client, make_engagement, make_person):
    engagement, person = make_engagement(), make_person()
    (participation,) = participation_services.add_participants(
        workspace=workspace, actor=None, engagement=engagement, stakeholders=[person]
    ).added
    edit = url("participation_edit", workspace, participation.pk)
    data = {
        "role": "participant",
        "representation": "legitimate_representative",
        "representation_basis": "",
        "invitation_state": "accepted",
        "attended": "true",
        "compensation_amount": "80",
        "compensation_currency": "EUR",
    }
    response = owner_client.post(edit, data)
    assert response.status_code == 400
    assert "on what basis" in response.content.decode()
    data["representation_basis"] = "Elected by the drivers' union"
    assert owner_client.post(edit, data).status_code == 302
    participation.refresh_from_db()
    assert participation.attended is True and participation.compensation_status == "offered"
    page = owner_client.get(url("engagement_detail", workspace, engagement.pk)).content.decode()
    assert "80.00 EUR" in page and "Accepted" in page
    owner_client.post(url("participation_remove", workspace, participation.pk))
    participation.refresh_from_db()
    assert participation.archived_at is not None
    history = owner_client.get(url("participation_history", workspace, participation.pk))
    assert history.status_code == 200


def test_status_buttons_move_the_engagement(workspace, owner_client, make_engagement, add_session):
    engagement = make_engagement()
    status = url("engagement_status", workspace, engagement.pk)
    response = owner_client.post(status, {"status": "held"}, follow=True)
    assert "Add the session" in response.content.decode()
    add_session(engagement, start=datetime.datetime(2026, 1, 5, 10))
    owner_client.post(status, {"status": "held"})
    engagement.refresh_from_db()
    assert engagement.status == "held"
    assert owner_client.get(status).status_code == 405


def test_high_risk_participants_are_pseudonymised_for_viewers(
    workspace, make_engagement, add_session, make_person
):
    engagement = make_engagement()
    add_session(engagement)
    secret = make_person("Secret Defender", safety_level="high_risk", time_zone="Asia/Manila")
    participation_services.add_participants(
        workspace=workspace, actor=None, engagement=engagement, stakeholders=[secret]
    )
    viewer = member_client(workspace, Role.VIEWER)
    auditor = member_client(workspace, Role.AUDITOR)
    for name in ("engagement_detail", "scheduling"):
        page = viewer.get(url(name, workspace, engagement.pk)).content.decode()
        assert "Secret Defender" not in page and secret.pseudonym in page
        assert (
            "Secret Defender" in auditor.get(url(name, workspace, engagement.pk)).content.decode()
        )
    editor = member_client(workspace, Role.EDITOR)
    invitations = editor.get(url("invitations", workspace, engagement.pk)).content.decode()
    assert "Secret Defender" in invitations


def test_roles(workspace, make_engagement):
    engagement = make_engagement()
    viewer = member_client(workspace, Role.VIEWER)
    assert viewer.get(url("engagement_list", workspace)).status_code == 200
    assert viewer.get(url("engagement_detail", workspace, engagement.pk)).status_code == 200
    for name, args in (
        ("engagement_create", ()),
        ("engagement_edit", (engagement.pk,)),
        ("session_create", (engagement.pk,)),
        ("participant_add", (engagement.pk,)),
        ("invitations", (engagement.pk,)),
        ("hrdd_steps", ()),
        ("engagement_export", ()),
    ):
        assert viewer.get(url(name, workspace, *args)).status_code == 403, name
    editor = member_client(workspace, Role.EDITOR)
    assert editor.get(url("hrdd_steps", workspace)).status_code == 403
    assert (
        member_client(workspace, Role.MANAGER).get(url("hrdd_steps", workspace)).status_code == 200
    )
    assert (
        member_client(workspace, Role.AUDITOR).get(url("engagement_export", workspace)).status_code
        == 200
    )


def test_list_filters_sort_and_notes(workspace, owner_client, make_engagement, add_session):
    initiative = InitiativeFactory(workspace=workspace)
    remedy = HrddStep.objects.get(workspace=workspace, code="remedy")
    a = make_engagement(
        "Alpha workshop",
        format="workshop",
        mode="in_person",
        initiative=initiative,
        lifecycle_stage="testing",
        hrdd_steps=[remedy],
        languages=["fr"],
    )
    b = make_engagement("Beta interview", format="interview")
    add_session(a, start=datetime.datetime(2026, 2, 1, 10))
    add_session(b, start=datetime.datetime(2026, 5, 1, 10))
    base = url("engagement_list", workspace)

    def titles(query):
        page = owner_client.get(base + query).content.decode()
        return [t for t in ("Alpha workshop", "Beta interview") if t in page]

    assert titles("") == ["Alpha workshop", "Beta interview"]
    assert titles("?format=workshop") == ["Alpha workshop"]
    assert titles("?mode=in_person") == ["Alpha workshop"]
    assert titles(f"?hrdd_step={remedy.pk}") == ["Alpha workshop"]
    assert titles("?lifecycle_stage=testing") == ["Alpha workshop"]
    assert titles(f"?initiative={initiative.pk}") == ["Alpha workshop"]
    assert titles("?status=planned") == ["Alpha workshop", "Beta interview"]
    assert titles("?language=fr") == ["Alpha workshop"]
    assert titles("?q=beta") == ["Beta interview"]
    assert titles("?starts_from=2026-03-01") == ["Beta interview"]
    page = owner_client.get(base + "?sort=starts_on").content.decode()
    assert page.index("Alpha workshop") < page.index("Beta interview")
    page = owner_client.get(base + "?sort=-starts_on").content.decode()
    assert page.index("Beta interview") < page.index("Alpha workshop")
    page = owner_client.get(base + "?status=bogus").content.decode()
    assert "Ignored the filter" in page
    htmx = owner_client.get(base, headers={"HX-Request": "true", "HX-Target": "results"})
    assert b"<html" not in htmx.content


def test_exports_stream_the_current_filter(workspace, owner_client, make_engagement):
    make_engagement("=cmd|' /C calc'!A0", format="workshop")
    make_engagement("Other", format="survey")
    export = url("engagement_export", workspace)
    response = owner_client.get(export + "?format=csv&format_=x&q=&mode=&status=&sort=")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["ID", "Title", "Status"] and len(rows) == 3
    filtered = owner_client.get(export + "?format=xlsx&q=cmd")
    sheet = load_workbook(io.BytesIO(b"".join(filtered.streaming_content))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(values) == 2 and values[1][1].startswith("'=")
    assert AuditEntry.objects.filter(action="export", workspace=workspace).count() == 2


def test_hrdd_steps_page_adds_renames_and_archives(workspace):
    owner = member_client(workspace, Role.OWNER)
    page = url("hrdd_steps", workspace)
    assert "Prevention and action plans" in owner.get(page).content.decode()
    assert owner.post(page, {"name": "Stakeholder mapping", "reference": ""}).status_code == 302
    assert owner.post(page, {"name": "Remedy"}).status_code == 400
    step = HrddStep.objects.get(workspace=workspace, name="Stakeholder mapping")
    edit = url("hrdd_step_edit", workspace, step.pk)
    owner.post(
        edit, {"name": "Stakeholder mapping and salience", "reference": "UNGP 18", "position": "1"}
    )
    owner.post(edit, {"archive": "archive"})
    step.refresh_from_db()
    assert step.name == "Stakeholder mapping and salience" and step.archived_at is not None
    assert owner.get(url("hrdd_step_history", workspace, step.pk)).status_code == 200


def test_scheduling_page_flags_and_proposes(workspace, owner_client, make_engagement, make_person):
    engagement = make_engagement()
    people = [
        make_person("Berliner", time_zone="Europe/Berlin"),
        make_person("Angeleno", time_zone="America/Los_Angeles"),
        make_person("Aucklander", time_zone="Pacific/Auckland"),
        make_person("Nowhere"),
    ]
    participation_services.add_participants(
        workspace=workspace, actor=None, engagement=engagement, stakeholders=people
    )
    page = owner_client.get(
        url("scheduling", workspace, engagement.pk)
        + "?date=2026-05-05&start_time=10:00&duration=90&time_zone=Europe/Berlin"
    ).content.decode()
    assert "2 invitees are outside 08:00–20:00" in page
    assert "Nowhere" in page and "no time zone on record" in page
    assert "Suggested session times" in page
    assert page.count("Add as a session") == 2


def test_stakeholder_page_lists_their_engagements(
    workspace, owner_client, make_engagement, add_session, make_person
):
    engagement = make_engagement("Riders' roundtable")
    add_session(engagement, start=datetime.datetime(2026, 3, 10, 10))
    person = make_person()
    participation_services.add_participants(
        workspace=workspace,
        actor=None,
        engagement=engagement,
        stakeholders=[person],
        role="observer",
    )
    page = owner_client.get(
        reverse("stakeholders:stakeholder_detail", args=[workspace.slug, person.pk])
    ).content.decode()
    assert "Riders&#x27; roundtable" in page and "Observer" in page


def test_history_pages(workspace, owner_client, make_engagement, add_session):
    engagement = make_engagement()
    session = add_session(engagement)
    assert owner_client.get(url("engagement_history", workspace, engagement.pk)).status_code == 200
    assert owner_client.get(url("session_history", workspace, session.pk)).status_code == 200
    owner_client.post(url("session_cancel", workspace, session.pk))
    session.refresh_from_db()
    assert session.is_cancelled
    owner_client.post(url("engagement_archive", workspace, engagement.pk))
    engagement.refresh_from_db()
    assert engagement.is_archived
    assert "Alpha" not in owner_client.get(url("engagement_list", workspace)).content.decode()


def test_editing_a_session_through_the_page_notifies_invitees(
    workspace,
    owner_client,
    make_engagement,
    add_session,
    make_person,
    django_capture_on_commit_callbacks,
):
    from heard.engagements.services import invitations

    engagement = make_engagement()
    session = add_session(engagement, start=datetime.datetime(2026, 3, 26, 10))
    person = make_person(consent=True, email="a@example.org")
    participation_services.add_participants(
        workspace=workspace, actor=None, engagement=engagement, stakeholders=[person]
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_invitations(workspace=workspace, actor=None, engagement=engagement)
    mail.outbox.clear()
    edit = url("session_edit", workspace, session.pk)
    page = owner_client.get(edit).content.decode()
    assert 'value="10:00"' in page and "Invitations are out" in page
    data = {"date": "2026-03-26", "start_time": "14:00", "end_time": "16:00"}
    data["time_zone"] = "Europe/Berlin"
    with django_capture_on_commit_callbacks(execute=True):
        assert owner_client.post(edit, data).status_code == 302
    session.refresh_from_db()
    assert session.sequence == 1 and session.local_starts_at.hour == 14
    (message,) = mail.outbox
    (event,) = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert event["SEQUENCE"] == 1


def test_an_archived_step_stays_on_engagements_that_served_it(
    workspace, owner_client, make_engagement
):
    from heard.engagements.services import hrdd as hrdd_services

    step = HrddStep.objects.get(workspace=workspace, code="communicate")
    engagement = make_engagement(hrdd_steps=[step])
    hrdd_services.set_hrdd_step_archived(workspace=workspace, actor=None, step=step, archived=True)
    assert (
        "Communicate" not in owner_client.get(url("engagement_create", workspace)).content.decode()
    )
    edit = url("engagement_edit", workspace, engagement.pk)
    assert "Communicate" in owner_client.get(edit).content.decode()
    data = form_data(workspace, hrdd_steps=[step.pk])
    assert owner_client.post(edit, data).status_code == 302
    assert list(engagement.hrdd_steps.all()) == [step]


@pytest.mark.parametrize(
    "role, can_edit, can_archive",
    [
        (Role.OWNER, True, True),
        (Role.MANAGER, True, True),
        (Role.EDITOR, True, True),
        (Role.CONTRIBUTOR, False, False),
        (Role.VIEWER, False, False),
        (Role.AUDITOR, False, False),
    ],
)
@pytest.mark.parametrize("archived", [False, True])
def test_role_by_state_matrix(
    workspace, make_engagement, add_session, role, can_edit, can_archive, archived
):
    from heard.engagements.services import engagements as engagement_services

    engagement = make_engagement()
    session = add_session(engagement, start=datetime.datetime(2026, 1, 5, 10))
    if archived:
        engagement_services.set_archived(
            workspace=workspace, actor=None, engagement=engagement, archived=True
        )
    client = member_client(workspace, role)
    status = client.post(url("engagement_status", workspace, engagement.pk), {"status": "held"})
    assert status.status_code == (302 if can_edit else 403)
    engagement.refresh_from_db()
    # An archived engagement is read-only until restored, whatever the role.
    assert engagement.status == ("held" if can_edit and not archived else "planned")
    cancel = client.post(url("session_cancel", workspace, session.pk))
    assert cancel.status_code == (302 if can_edit else 403)
    session.refresh_from_db()
    assert session.is_cancelled == (can_edit and not archived)
    restore = client.post(url("engagement_restore", workspace, engagement.pk))
    assert restore.status_code == (302 if can_archive else 403)
