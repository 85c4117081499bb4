"""Council rules: terms that make sense, no overlapping seats, meetings that are councils'."""

from __future__ import annotations

import datetime

import pytest

from heard.core.errors import DomainError
from heard.core.models import AuditEntry
from heard.councils import services
from heard.councils.models import Council, CouncilMeeting, CouncilMember
from tests.factories import EngagementFactory, InitiativeFactory, UserFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def seat(workspace, council, person, start, end, **kw):
    return services.add_member(
        workspace=workspace,
        actor=None,
        council=council,
        stakeholder=person,
        term_start=start,
        term_end=end,
        **kw,
    )


def test_create_council_is_audited(workspace):
    initiative = InitiativeFactory(workspace=workspace)
    council = services.create_council(
        workspace=workspace, actor=None, name="  Youth council ", initiative=initiative
    )
    assert council.name == "Youth council"
    assert AuditEntry.objects.filter(object_id=str(council.pk), action="create").exists()


def test_duplicate_council_name_is_refused(workspace, council):
    with pytest.raises(DomainError) as error:
        services.create_council(workspace=workspace, actor=None, name=council.name.upper())
    assert error.value.field == "name"
    assert Council.objects.count() == 1


def test_initiative_of_another_workspace_is_refused(workspace):
    foreign = InitiativeFactory(workspace=WorkspaceFactory())
    with pytest.raises(DomainError):
        services.create_council(workspace=workspace, actor=None, name="X", initiative=foreign)
    assert not Council.objects.exists()


def test_convener_must_be_a_member(workspace):
    with pytest.raises(DomainError) as error:
        services.create_council(workspace=workspace, actor=None, name="X", convener=UserFactory())
    assert error.value.field == "convener"


def test_term_end_before_start_writes_nothing(workspace, council, person):
    with pytest.raises(DomainError) as error:
        seat(workspace, council, person, D(2027, 1, 1), D(2026, 1, 1))
    assert "end after it starts" in error.value.message
    assert error.value.field == "term_end"
    assert not CouncilMember.objects.exists()
    assert not AuditEntry.objects.filter(content_type__model="councilmember").exists()


def test_overlapping_term_is_refused_with_the_clashing_dates(workspace, council, person):
    seat(workspace, council, person, D(2026, 1, 1), D(2027, 12, 31))
    with pytest.raises(DomainError) as error:
        seat(workspace, council, person, D(2027, 6, 1), D(2029, 6, 1))
    assert "2026-01-01" in error.value.message and "2027-12-31" in error.value.message
    assert CouncilMember.objects.count() == 1
    # The next term, back to back, is fine; so is the same person on another council.
    seat(workspace, council, person, D(2028, 1, 1), D(2029, 12, 31))
    other = services.create_council(workspace=workspace, actor=None, name="Other")
    seat(workspace, other, person, D(2026, 1, 1), D(2027, 12, 31))
    assert CouncilMember.objects.count() == 3


def test_update_into_an_overlap_is_refused_and_unchanged(workspace, council, person):
    first = seat(workspace, council, person, D(2026, 1, 1), D(2026, 12, 31))
    second = seat(workspace, council, person, D(2027, 1, 1), D(2027, 12, 31))
    with pytest.raises(DomainError):
        services.update_member(
            workspace=workspace, actor=None, member=second, term_start=D(2026, 6, 1)
        )
    second.refresh_from_db()
    assert second.term_start == D(2027, 1, 1)
    assert first.term_end == D(2026, 12, 31)


def test_archived_term_frees_the_seat_and_restoring_an_overlap_is_refused(
    workspace, council, person
):
    first = seat(workspace, council, person, D(2026, 1, 1), D(2026, 12, 31))
    services.archive(workspace=workspace, actor=None, obj=first)
    seat(workspace, council, person, D(2026, 6, 1), D(2027, 6, 1))
    with pytest.raises(DomainError):
        services.restore(workspace=workspace, actor=None, obj=first)
    first.refresh_from_db()
    assert first.archived_at is not None


def test_moving_the_end_rearms_the_reminder(workspace, council, person):
    member = seat(workspace, council, person, D(2026, 1, 1), D(2026, 12, 31))
    CouncilMember.objects.filter(pk=member.pk).update(reminded_on=D(2026, 11, 1))
    member.refresh_from_db()
    services.update_member(workspace=workspace, actor=None, member=member, role="chair")
    assert member.reminded_on == D(2026, 11, 1)
    services.update_member(workspace=workspace, actor=None, member=member, term_end=D(2028, 1, 1))
    member.refresh_from_db()
    assert member.reminded_on is None


def test_archived_stakeholder_cannot_be_seated(workspace, council, person):
    from heard.stakeholders import services as registry

    registry.archive(workspace=workspace, actor=None, obj=person)
    with pytest.raises(DomainError):
        seat(workspace, council, person, D(2026, 1, 1), D(2027, 1, 1))


def test_only_council_meetings_can_be_linked(workspace, council):
    roundtable = EngagementFactory(workspace=workspace, format="roundtable")
    with pytest.raises(DomainError):
        services.link_meeting(
            workspace=workspace, actor=None, council=council, engagement=roundtable
        )
    meeting = EngagementFactory(workspace=workspace, format="advisory_council")
    services.link_meeting(workspace=workspace, actor=None, council=council, engagement=meeting)
    services.link_meeting(workspace=workspace, actor=None, council=council, engagement=meeting)
    assert CouncilMeeting.objects.count() == 1
    other = services.create_council(workspace=workspace, actor=None, name="Other")
    with pytest.raises(DomainError) as error:
        services.link_meeting(workspace=workspace, actor=None, council=other, engagement=meeting)
    assert council.name in error.value.message
    services.unlink_meeting(workspace=workspace, actor=None, council=council, engagement=meeting)
    assert not CouncilMeeting.objects.exists()


def test_engagement_of_another_workspace_cannot_be_linked(workspace, council):
    foreign = EngagementFactory(format="advisory_council")
    with pytest.raises(DomainError):
        services.link_meeting(workspace=workspace, actor=None, council=council, engagement=foreign)
