"""Engagement, session and participation services: rules, audit, and bad input that writes
nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from heard.core.errors import DomainError
from heard.core.models import AuditEntry
from heard.engagements.models import (
    DEFAULT_HRDD_STEPS,
    Engagement,
    EngagementStatus,
    HrddStep,
    Participation,
    Session,
)
from heard.engagements.services import engagements as services
from heard.engagements.services import hrdd as hrdd_services
from heard.engagements.services import participation as participation_services
from heard.engagements.services import sessions as session_services
from heard.stakeholders import services as registry
from tests.factories import ImpactFactory, InitiativeFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db


def entries(obj) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        ).order_by("sequence")
    )


# --- HRDD steps


def test_every_new_workspace_gets_the_default_hrdd_steps(workspace):
    codes = list(HrddStep.objects.filter(workspace=workspace).values_list("code", flat=True))
    assert codes == [code for code, _name, _ref in DEFAULT_HRDD_STEPS]
    names = set(HrddStep.objects.filter(workspace=workspace).values_list("name", flat=True))
    assert "Decisions to suspend or end a business relationship" in names
    assert hrdd_services.ensure_default_hrdd_steps(workspace) == 0


def test_a_workspace_adjusts_its_hrdd_steps(workspace, user):
    step = hrdd_services.create_hrdd_step(
        workspace=workspace, actor=user, name="Grievance mechanism review", reference="UNGP 31"
    )
    assert step.position == len(DEFAULT_HRDD_STEPS)
    with pytest.raises(DomainError):
        hrdd_services.create_hrdd_step(workspace=workspace, actor=user, name="remedy")
    default = HrddStep.objects.get(workspace=workspace, code="remedy")
    hrdd_services.update_hrdd_step(
        workspace=workspace, actor=user, step=default, name="Remedy and grievance"
    )
    default.refresh_from_db()
    assert default.code == "" and str(default) == "Remedy and grievance"
    hrdd_services.set_hrdd_step_archived(workspace=workspace, actor=user, step=step, archived=True)
    assert HrddStep.objects.filter(workspace=workspace).active().count() == 7
    assert [e.action for e in entries(step)] == ["create", "archive"]


# --- engagements


def test_create_engagement_records_every_field_and_the_audit(workspace, user):
    initiative = InitiativeFactory(workspace=workspace)
    impact = ImpactFactory(workspace=workspace)
    steps = list(HrddStep.objects.filter(workspace=workspace, code__in=["identify_assess"]))
    engagement = services.create_engagement(
        workspace=workspace,
        actor=user,
        title="Age assurance consultation",
        format="workshop",
        mode="hybrid",
        purpose="Understand risks for children",
        learning_goals="Which verification methods exclude people",
        cannot_share="Vendor names: under NDA until launch",
        barriers="Legal review of all notes",
        accountable_function="Trust & Safety",
        senior_responsible_role="VP Trust & Safety",
        lifecycle_stage="development",
        initiative=initiative,
        impacts=[impact],
        hrdd_steps=steps,
        languages=["EN", "fr", "fr"],
        interpretation_languages=["sw"],
        glossary=[{"term": "Age assurance", "definition": "Estimating a user's age"}, {}],
        attribution_rule="anonymous",
        is_compensation_offered=True,
        compensation_details="EUR 150 per session",
    )
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.PLANNED
    assert engagement.languages == ["en", "fr"]
    assert engagement.glossary == [
        {"term": "Age assurance", "definition": "Estimating a user's age"}
    ]
    assert list(engagement.impacts.all()) == [impact]
    (entry,) = entries(engagement)
    assert entry.action == "create"
    assert entry.changes["hrdd_steps"] == [None, [steps[0].pk]]
    assert entry.changes["cannot_share"][1].startswith("Vendor names")


@pytest.mark.parametrize(
    "bad, field",
    [
        ({"languages": ["xx"]}, "languages"),
        ({"glossary": [{"term": "AI", "definition": ""}]}, "glossary"),
        ({"format": "party"}, "format"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_engagement_input_writes_nothing(workspace, bad, field):
    fields = {"title": "T", **bad}
    with pytest.raises(DomainError) as error:
        services.create_engagement(workspace=workspace, actor=None, **fields)
    assert error.value.field == field
    assert not Engagement.objects.exists()
    assert not AuditEntry.objects.filter(workspace=workspace).exists()


def test_links_to_another_workspace_are_refused(workspace, make_engagement):
    foreign = InitiativeFactory(workspace=WorkspaceFactory())
    with pytest.raises(DomainError):
        make_engagement(initiative=foreign)
    foreign_step = HrddStep.objects.exclude(workspace=workspace).first()
    with pytest.raises(DomainError):
        make_engagement(hrdd_steps=[foreign_step])
    assert not Engagement.objects.exists()


def test_update_records_only_changes(workspace, user, make_engagement):
    engagement = make_engagement()
    services.update_engagement(
        workspace=workspace, actor=user, engagement=engagement, title="Renamed", hrdd_steps=None
    )
    services.update_engagement(workspace=workspace, actor=user, engagement=engagement)
    actions = [(e.action, sorted(e.changes)) for e in entries(engagement)]
    assert actions[1:] == [("update", ["search_text", "title"])] or actions[1:] == [
        ("update", ["title"])
    ]


def test_status_moves_forward_only_and_stamps_times(
    workspace, user, make_engagement, add_session, make_person
):
    engagement = make_engagement()
    with pytest.raises(DomainError, match="Add the session"):
        services.change_status(
            workspace=workspace, actor=user, engagement=engagement, status="held"
        )
    add_session(engagement, start=datetime.datetime(2026, 1, 10, 10))
    person = make_person()
    participation_services.add_participants(
        workspace=workspace, actor=user, engagement=engagement, stakeholders=[person]
    )
    services.change_status(workspace=workspace, actor=user, engagement=engagement, status="held")
    engagement.refresh_from_db()
    assert engagement.status == "held" and engagement.held_at is not None
    person.refresh_from_db()
    assert person.last_engaged_on == datetime.date(2026, 1, 10)
    with pytest.raises(DomainError):
        services.change_status(
            workspace=workspace, actor=user, engagement=engagement, status="planned"
        )
    with pytest.raises(DomainError):
        services.change_status(
            workspace=workspace, actor=user, engagement=engagement, status="loop_closed"
        )
    for status in ("debriefed", "loop_closed"):
        services.change_status(
            workspace=workspace, actor=user, engagement=engagement, status=status
        )
    engagement.refresh_from_db()
    assert engagement.loop_closed_at and engagement.debriefed_at
    statuses = [e.changes.get("status") for e in entries(engagement) if e.action == "update"]
    assert statuses == [["planned", "held"], ["held", "debriefed"], ["debriefed", "loop_closed"]]


def test_an_engagement_cannot_be_held_before_any_session_starts(
    workspace, make_engagement, add_session
):
    engagement = make_engagement()
    add_session(engagement, start=datetime.datetime.now() + datetime.timedelta(days=30))
    with pytest.raises(DomainError, match="future"):
        services.change_status(
            workspace=workspace, actor=None, engagement=engagement, status="held"
        )


def test_archive_and_restore_are_audited(workspace, user, make_engagement):
    engagement = make_engagement()
    services.set_archived(workspace=workspace, actor=user, engagement=engagement, archived=True)
    assert Engagement.objects.active().count() == 0
    services.set_archived(workspace=workspace, actor=user, engagement=engagement, archived=False)
    assert [e.action for e in entries(engagement)] == ["create", "archive", "restore"]


# --- sessions


def test_sessions_keep_their_own_time_zone(make_engagement, add_session):
    engagement = make_engagement()
    berlin = add_session(engagement, start=datetime.datetime(2026, 3, 10, 10, 0))
    la = add_session(
        engagement,
        start=datetime.datetime(2026, 3, 10, 9, 0),
        time_zone="America/Los_Angeles",
        label="Americas",
    )
    assert berlin.starts_at == datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)
    # 10 March 2026: the US is already on summer time (PDT, UTC-7), Europe not yet.
    assert la.starts_at == datetime.datetime(2026, 3, 10, 16, 0, tzinfo=datetime.UTC)
    engagement.refresh_from_db()
    assert engagement.starts_on == datetime.date(2026, 3, 10)


@pytest.mark.parametrize(
    "start, end, zone, field",
    [
        ((2026, 3, 10, 12), (2026, 3, 10, 11), "Europe/Berlin", "ends_at"),
        ((2026, 3, 10, 12), (2026, 3, 10, 12), "Europe/Berlin", "ends_at"),
        ((2026, 3, 10, 12), (2026, 3, 10, 13), "Mars/Olympus_Mons", "time_zone"),
        ((2026, 3, 10, 12), (2026, 3, 10, 13), "", "time_zone"),
        # 29 March 2026, 02:30 does not exist in Berlin: clocks jump from 02:00 to 03:00.
        ((2026, 3, 29, 2, 30), (2026, 3, 29, 4), "Europe/Berlin", "starts_at"),
    ],
)
def test_bad_session_input_gives_a_clear_error_and_writes_nothing(
    workspace, make_engagement, start, end, zone, field
):
    engagement = make_engagement()
    before = AuditEntry.objects.count()
    with pytest.raises(DomainError) as error:
        session_services.add_session(
            workspace=workspace,
            actor=None,
            engagement=engagement,
            starts_at=datetime.datetime(*start),
            ends_at=datetime.datetime(*end),
            time_zone=zone,
        )
    assert error.value.field == field
    assert error.value.message
    assert not Session.objects.exists()
    assert AuditEntry.objects.count() == before


def test_update_session_raises_sequence_only_for_calendar_changes(
    workspace, make_engagement, add_session
):
    session = add_session(make_engagement())
    session_services.update_session(workspace=workspace, actor=None, session=session, location="")
    assert session.sequence == 0
    session_services.update_session(
        workspace=workspace,
        actor=None,
        session=session,
        starts_at=datetime.datetime(2026, 3, 27, 10),
        ends_at=datetime.datetime(2026, 3, 27, 12),
    )
    session.refresh_from_db()
    assert session.sequence == 1
    assert session.local_starts_at.hour == 10
    assert session.engagement.starts_on == datetime.date(2026, 3, 27)
    with pytest.raises(DomainError):
        session_services.update_session(
            workspace=workspace,
            actor=None,
            session=session,
            ends_at=datetime.datetime(2026, 3, 27, 9),
        )
    session.refresh_from_db()
    assert session.sequence == 1 and session.local_ends_at.hour == 12


def test_cancelling_the_first_session_moves_the_engagement_date(
    workspace, make_engagement, add_session, make_person
):
    engagement = make_engagement()
    first = add_session(engagement, start=datetime.datetime(2026, 3, 10, 10))
    add_session(engagement, start=datetime.datetime(2026, 3, 12, 10))
    participation_services.add_participants(
        workspace=workspace, actor=None, engagement=engagement, stakeholders=[make_person()]
    )
    assert Participation.objects.get().engaged_on == datetime.date(2026, 3, 10)
    session_services.cancel_session(workspace=workspace, actor=None, session=first)
    first.refresh_from_db()
    assert first.is_cancelled and first.sequence == 1
    engagement.refresh_from_db()
    assert engagement.starts_on == datetime.date(2026, 3, 12)
    assert Participation.objects.get().engaged_on == datetime.date(2026, 3, 12)
    with pytest.raises(DomainError):
        session_services.cancel_session(workspace=workspace, actor=None, session=first)


# --- participation


def test_add_participants_defaults_representation_from_the_relation(
    workspace, make_engagement, add_session, make_person
):
    engagement = make_engagement()
    add_session(engagement)
    rep = make_person("Union rep", relation="legitimate_representative")
    affected = make_person("Rider", relation="potentially_affected")
    result = participation_services.add_participants(
        workspace=workspace, actor=None, engagement=engagement, stakeholders=[rep, affected]
    )
    by_person = {p.stakeholder_id: p for p in result.added}
    assert by_person[rep.pk].representation == "legitimate_representative"
    assert by_person[affected.pk].representation == "direct"
    assert all(p.engaged_on == datetime.date(2026, 3, 26) for p in result.added)
    again = participation_services.add_participants(
        workspace=workspace, actor=None, engagement=engagement, stakeholders=[rep]
    )
    assert again.already == [rep] and not again.added
    assert Participation.objects.count() == 2


def test_inviting_an_archived_stakeholder_is_refused_and_writes_nothing(
    workspace, make_engagement, make_person
):
    engagement = make_engagement()
    active, gone = make_person("Active"), make_person("Gone")
    registry.archive(workspace=workspace, actor=None, obj=gone)
    before = AuditEntry.objects.count()
    with pytest.raises(DomainError, match="Archived stakeholders cannot be invited: Gone"):
        participation_services.add_participants(
            workspace=workspace, actor=None, engagement=engagement, stakeholders=[active, gone]
        )
    assert not Participation.objects.exists()
    assert AuditEntry.objects.count() == before


def test_removed_participant_can_be_added_back(workspace, make_engagement, make_person):
    engagement, person = make_engagement(), make_person()
    (participation,) = participation_services.add_participants(
        workspace=workspace, actor=None, engagement=engagement, stakeholders=[person]
    ).added
    participation_services.remove_participant(
        workspace=workspace, actor=None, participation=participation
    )
    result = participation_services.add_participants(
        workspace=workspace, actor=None, engagement=engagement, stakeholders=[person]
    )
    assert [p.pk for p in result.restored] == [participation.pk]
    assert [e.action for e in entries(participation)] == ["create", "archive", "restore"]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"representation": "legitimate_representative"}, "representation_basis"),
        ({"compensation_amount": Decimal("50")}, "compensation_currency"),
        (
            {"compensation_amount": Decimal("50"), "compensation_currency": "XYZ"},
            "compensation_currency",
        ),
        ({"compensation_status": "offered"}, "compensation_amount"),
        (
            {"compensation_amount": Decimal("-1"), "compensation_currency": "EUR"},
            "compensation_amount",
        ),
        ({"role": "boss"}, "role"),
    ],
)
def test_bad_participation_input_writes_nothing(
    workspace, make_engagement, make_person, fields, field
):
    engagement, person = make_engagement(), make_person()
    (participation,) = participation_services.add_participants(
        workspace=workspace, actor=None, engagement=engagement, stakeholders=[person]
    ).added
    with pytest.raises(DomainError) as error:
        participation_services.update_participation(
            workspace=workspace, actor=None, participation=participation, **fields
        )
    assert error.value.field == field
    stored = Participation.objects.get()
    assert stored.compensation_amount is None and stored.role == "participant"


def test_compensation_amount_marks_it_offered(workspace, make_engagement, make_person):
    engagement, person = make_engagement(), make_person()
    (participation,) = participation_services.add_participants(
        workspace=workspace, actor=None, engagement=engagement, stakeholders=[person]
    ).added
    participation_services.update_participation(
        workspace=workspace,
        actor=None,
        participation=participation,
        compensation_amount=Decimal("150.00"),
        compensation_currency="kes",
        representation="credible_proxy",
        representation_basis="Named by the riders' association assembly",
        attended=True,
    )
    participation.refresh_from_db()
    assert participation.compensation_status == "offered"
    assert participation.compensation_currency == "KES"
    assert participation.is_compensated
    (update,) = [e for e in entries(participation) if e.action == "update"]
    assert update.changes["compensation_amount"] == [None, "150.00"]


def test_timestamps_are_aware(make_engagement, add_session):
    session = add_session(make_engagement())
    assert timezone.is_aware(session.starts_at)


def test_merging_stakeholders_moves_their_participation(workspace, make_engagement, make_person):
    engagement, other = make_engagement(), make_engagement("Other")
    keep, duplicate = make_person("Amina N."), make_person("Amina Njoroge")
    participation_services.add_participants(
        workspace=workspace, actor=None, engagement=engagement, stakeholders=[keep, duplicate]
    )
    participation_services.add_participants(
        workspace=workspace, actor=None, engagement=other, stakeholders=[duplicate]
    )
    registry.merge_stakeholders(workspace=workspace, actor=None, keep=keep, duplicate=duplicate)
    rows = Participation.objects.filter(stakeholder=keep)
    assert sorted(rows.values_list("engagement__title", flat=True)) == [
        "Content moderation roundtable",
        "Other",
    ]
    assert not Participation.objects.filter(stakeholder=duplicate).exists()
