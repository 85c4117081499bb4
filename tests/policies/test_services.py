"""Policy, version, forum and minutes services: rules, audit, and bad input writing nothing."""

from __future__ import annotations

import pytest

from heard.core.audit import verify_chain
from heard.core.errors import DomainError
from heard.core.models import AuditEntry, Workspace
from heard.engagements.models import Engagement, ParticipationRole
from heard.policies import queries, services
from heard.policies.models import (
    ForumMeeting,
    ForumMinutes,
    ForumStage,
    MinutesStatus,
    Policy,
    PolicyVersion,
    VersionStatus,
)
from tests.factories import EngagementFactory, WorkspaceFactory
from tests.policies.conftest import POLICY_TEXT, add_person, held_engagement

pytestmark = pytest.mark.django_db


def entries_for(obj) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(object_id=str(obj.pk), object_repr=str(obj)))


# --- policies and versions


def test_create_policy_makes_a_draft_version_and_audits_both(workspace, editor, policy):
    version = policy.versions.get()
    assert (version.number, version.status) == (1, VersionStatus.DRAFT)
    assert version.text == POLICY_TEXT
    assert (policy.status, policy.current_number) == (VersionStatus.DRAFT, 1)
    assert entries_for(policy) and entries_for(version)
    assert not verify_chain(Workspace.objects.filter(pk=workspace.pk))


def test_a_version_without_text_is_refused_and_nothing_written(workspace, editor):
    with pytest.raises(DomainError) as error:
        services.create_policy(workspace=workspace, actor=editor, title="Empty", text="  \n ")
    assert error.value.field == "text"
    assert not Policy.objects.exists()


def test_duplicate_title_names_the_field(workspace, editor, policy):
    with pytest.raises(DomainError) as error:
        services.create_policy(workspace=workspace, actor=editor, title="hateful CONDUCT", text="x")
    assert error.value.field == "title"
    assert Policy.objects.count() == 1


def test_owner_must_be_a_member(workspace, editor, policy):
    stranger = WorkspaceFactory()
    from tests.factories import MembershipFactory

    outsider = MembershipFactory(workspace=stranger).user
    with pytest.raises(DomainError) as error:
        services.update_policy(workspace=workspace, actor=editor, policy=policy, owner=outsider)
    assert error.value.field == "owner"


def test_lifecycle_draft_consultation_published_reopened(workspace, editor, policy):
    v1 = policy.versions.get()
    services.start_consultation(workspace=workspace, actor=editor, version=v1)
    services.publish_version(workspace=workspace, actor=editor, version=v1)
    v1.refresh_from_db()
    policy.refresh_from_db()
    assert v1.status == VersionStatus.PUBLISHED and v1.published_at
    assert policy.status == VersionStatus.PUBLISHED and policy.published_at == v1.published_at
    with pytest.raises(DomainError) as error:
        services.update_version(workspace=workspace, actor=editor, version=v1, text="New")
    assert error.value.field == "text"
    v2 = services.reopen_policy(
        workspace=workspace, actor=editor, policy=policy, reason="New input from the roundtable"
    )
    v1.refresh_from_db()
    policy.refresh_from_db()
    assert v1.status == VersionStatus.REOPENED
    assert v1.reopen_reason == "New input from the roundtable" and v1.reopened_by == editor
    assert (v2.number, v2.status, v2.text) == (2, VersionStatus.DRAFT, v1.text)
    assert (policy.status, policy.current_number) == (VersionStatus.DRAFT, 2)
    logged = AuditEntry.objects.filter(
        content_type__model="policy", object_id=str(policy.pk), changes__has_key="reopen_reason"
    )
    assert logged.get().changes["reopen_reason"][1] == "New input from the roundtable"
    version_log = AuditEntry.objects.filter(
        content_type__model="policyversion", object_id=str(v1.pk)
    )
    assert version_log.filter(changes__reopen_reason__1="New input from the roundtable").exists()
    assert not verify_chain(Workspace.objects.filter(pk=workspace.pk))


def test_reopening_without_a_reason_is_refused(workspace, editor, policy):
    v1 = policy.versions.get()
    services.publish_version(workspace=workspace, actor=editor, version=v1)
    with pytest.raises(DomainError) as error:
        services.reopen_policy(workspace=workspace, actor=editor, policy=policy, reason="  ")
    assert error.value.field == "reason"
    assert PolicyVersion.objects.count() == 1
    v1.refresh_from_db()
    assert v1.status == VersionStatus.PUBLISHED


def test_reopening_an_open_policy_is_refused(workspace, editor, policy):
    with pytest.raises(DomainError) as error:
        services.reopen_policy(workspace=workspace, actor=editor, policy=policy, reason="Why not")
    assert error.value.field == "reason"
    assert PolicyVersion.objects.count() == 1


def test_version_two_needs_a_summary_of_changes_to_publish(workspace, editor, policy):
    services.publish_version(workspace=workspace, actor=editor, version=policy.versions.get())
    v2 = services.reopen_policy(workspace=workspace, actor=editor, policy=policy, reason="Input")
    services.update_version(workspace=workspace, actor=editor, version=v2, text="Changed text")
    with pytest.raises(DomainError) as error:
        services.publish_version(workspace=workspace, actor=editor, version=v2)
    assert error.value.field == "summary_of_changes"
    v2.refresh_from_db()
    assert v2.status == VersionStatus.DRAFT
    services.update_version(
        workspace=workspace,
        actor=editor,
        version=v2,
        text="Changed text",
        summary_of_changes="We heard the slur list was too narrow.",
    )
    services.publish_version(workspace=workspace, actor=editor, version=v2)
    policy.refresh_from_db()
    assert (policy.status, policy.current_number) == (VersionStatus.PUBLISHED, 2)


def test_emptying_a_draft_is_refused(workspace, editor, policy):
    v1 = policy.versions.get()
    with pytest.raises(DomainError) as error:
        services.update_version(workspace=workspace, actor=editor, version=v1, text="")
    assert error.value.field == "text"
    v1.refresh_from_db()
    assert v1.text == POLICY_TEXT


def test_services_refuse_other_workspace_objects(workspace, editor, policy):
    other = WorkspaceFactory()
    with pytest.raises(DomainError):
        services.update_policy(workspace=other, actor=editor, policy=policy, title="X")
    with pytest.raises(DomainError):
        services.create_forum(workspace=other, actor=editor, policy=policy)


# --- forum meetings and checklist


def test_forum_defaults_to_the_current_version(forum, policy):
    assert forum.version == policy.versions.get()


def test_plan_meeting_creates_and_links_an_engagement(workspace, editor, forum):
    services.update_forum(
        workspace=workspace,
        actor=editor,
        forum=forum,
        glossary=[{"term": "Proportionality", "definition": "No more than needed."}],
    )
    meeting = services.plan_meeting(
        workspace=workspace, actor=editor, forum=forum, stage=ForumStage.POST_ENGAGEMENT
    )
    engagement = meeting.engagement
    assert engagement.format == "policy_forum" and engagement.owner == editor
    assert engagement.glossary == [
        {"term": "Proportionality", "definition": "No more than needed."}
    ]
    assert Engagement.objects.count() == 1


def test_link_meeting_refuses_duplicates_and_bad_stage(workspace, editor, forum):
    engagement = EngagementFactory(workspace=workspace)
    services.link_meeting(
        workspace=workspace,
        actor=editor,
        forum=forum,
        engagement=engagement,
        stage=ForumStage.PRE_CONSULTATION,
    )
    with pytest.raises(DomainError) as error:
        services.link_meeting(
            workspace=workspace,
            actor=editor,
            forum=forum,
            engagement=engagement,
            stage=ForumStage.BRIEFING,
        )
    assert error.value.field == "engagement"
    with pytest.raises(DomainError) as error:
        services.link_meeting(
            workspace=workspace,
            actor=editor,
            forum=forum,
            engagement=EngagementFactory(workspace=workspace),
            stage="nonsense",
        )
    assert error.value.field == "stage"
    assert ForumMeeting.objects.count() == 1


def test_checklist_follows_the_forum_through_its_steps(workspace, editor, second_editor, forum):
    def checklist():
        return queries.forum_checklist(forum)

    def row():
        return queries.with_progress(queries.forums(workspace).filter(pk=forum.pk))[0].progress

    assert checklist().done_count == 0 and checklist().next_item.key == "pre_consultation"
    pre = held_engagement(workspace)
    services.link_meeting(
        workspace=workspace,
        actor=editor,
        forum=forum,
        engagement=pre,
        stage=ForumStage.PRE_CONSULTATION,
    )
    briefing = held_engagement(workspace)
    services.link_meeting(
        workspace=workspace,
        actor=editor,
        forum=forum,
        engagement=briefing,
        stage=ForumStage.BRIEFING,
    )
    internal = held_engagement(workspace)
    services.link_meeting(
        workspace=workspace,
        actor=editor,
        forum=forum,
        engagement=internal,
        stage=ForumStage.INTERNAL_MEETING,
    )
    # Held, but without an external observer the internal meeting is not done.
    assert checklist().next_item.key == "internal_meeting"
    assert "no external observer" in checklist().next_item.detail
    assert row().next_item.key == "internal_meeting"
    add_person(
        workspace, internal, "Amina Yusuf", "Digital Rights Kenya", role=ParticipationRole.OBSERVER
    )
    assert checklist().next_item.key == "debrief"
    debrief = held_engagement(workspace)
    services.link_meeting(
        workspace=workspace, actor=editor, forum=forum, engagement=debrief, stage=ForumStage.DEBRIEF
    )
    assert checklist().next_item.key == "minutes_recorded"
    minutes = services.record_minutes(
        workspace=workspace,
        actor=editor,
        forum=forum,
        text="Amina Yusuf of Digital Rights Kenya asked why.",
    )
    services.redact_minutes(workspace=workspace, actor=editor, minutes=minutes)
    services.approve_minutes(workspace=workspace, actor=second_editor, minutes=minutes)
    services.publish_minutes(workspace=workspace, actor=second_editor, minutes=minutes)
    assert checklist().next_item.key == "glossary"
    assert checklist().current_step == 3
    services.update_forum(
        workspace=workspace,
        actor=editor,
        forum=forum,
        glossary=[{"term": "Due process", "definition": "Fair procedure."}],
    )
    post = held_engagement(workspace)
    services.link_meeting(
        workspace=workspace,
        actor=editor,
        forum=forum,
        engagement=post,
        stage=ForumStage.POST_ENGAGEMENT,
    )
    forum.refresh_from_db()
    assert checklist().is_complete and row().is_complete
    assert [i.is_done for i in checklist().items] == [i.is_done for i in row().items]


def test_unlink_keeps_the_engagement(workspace, editor, forum):
    meeting = services.plan_meeting(
        workspace=workspace, actor=editor, forum=forum, stage=ForumStage.BRIEFING
    )
    services.unlink_meeting(workspace=workspace, actor=editor, meeting=meeting)
    assert not ForumMeeting.objects.exists()
    assert Engagement.objects.filter(pk=meeting.engagement_id).exists()


# --- minutes


MINUTES = (
    "Amina Yusuf (Digital Rights Kenya) said the slur list misses Swahili terms.\n"
    "José García agreed; amina yusuf added that appeals take too long.\n"
    "Amina also asked about appeals. The Digital Rights Kenya team will send examples."
)


@pytest.fixture
def named_forum(workspace, editor, forum):
    internal = held_engagement(workspace)
    services.link_meeting(
        workspace=workspace,
        actor=editor,
        forum=forum,
        engagement=internal,
        stage=ForumStage.INTERNAL_MEETING,
    )
    add_person(
        workspace, internal, "Amina Yusuf", "Digital Rights Kenya", role=ParticipationRole.OBSERVER
    )
    add_person(workspace, internal, "Jose Garcia")
    return forum


def test_redaction_never_leaves_a_participant_name(workspace, editor, named_forum):
    minutes = services.record_minutes(
        workspace=workspace, actor=editor, forum=named_forum, text=MINUTES
    )
    minutes = services.redact_minutes(workspace=workspace, actor=editor, minutes=minutes)
    text = minutes.redacted_text.lower()
    for name in ("amina", "yusuf", "josé", "garcía", "digital rights kenya"):
        assert name not in text
    assert "[participant] ([organisation]) said" in minutes.redacted_text
    assert minutes.status == MinutesStatus.REDACTED
    assert "Amina Yusuf" in minutes.recorded_text  # the record itself is kept


def test_an_edited_redaction_that_still_names_someone_is_refused(workspace, editor, named_forum):
    minutes = services.record_minutes(
        workspace=workspace, actor=editor, forum=named_forum, text=MINUTES
    )
    with pytest.raises(DomainError) as error:
        services.redact_minutes(
            workspace=workspace,
            actor=editor,
            minutes=minutes,
            text="A participant said so. AMINA YUSUF agreed.",
        )
    assert error.value.field == "redacted_text"
    assert "Amina Yusuf" in error.value.message
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.RECORDED and minutes.redacted_text == ""


def test_editor_may_keep_a_name_part_that_is_a_common_word(workspace, editor, named_forum):
    minutes = services.record_minutes(
        workspace=workspace,
        actor=editor,
        forum=named_forum,
        text="Garcia Street was mentioned by José García.",
    )
    minutes = services.redact_minutes(
        workspace=workspace,
        actor=editor,
        minutes=minutes,
        kept_name_parts=["Garcia"],
        extra_terms=["Street"],
    )
    assert minutes.redacted_text == "Garcia [redacted] was mentioned by [participant]."


def test_approval_needs_a_second_person_or_a_manager(
    workspace, editor, second_editor, manager, named_forum
):
    minutes = services.record_minutes(
        workspace=workspace, actor=editor, forum=named_forum, text=MINUTES
    )
    with pytest.raises(DomainError) as error:
        services.approve_minutes(workspace=workspace, actor=second_editor, minutes=minutes)
    assert error.value.code == "not_redacted"
    services.redact_minutes(workspace=workspace, actor=editor, minutes=minutes)
    with pytest.raises(DomainError) as error:
        services.approve_minutes(workspace=workspace, actor=editor, minutes=minutes)
    assert error.value.field == "approved_by"
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.REDACTED and minutes.approved_by is None
    services.approve_minutes(workspace=workspace, actor=second_editor, minutes=minutes)
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED and minutes.approved_by == second_editor


def test_a_manager_may_approve_their_own_minutes(workspace, manager, named_forum):
    minutes = services.record_minutes(
        workspace=workspace, actor=manager, forum=named_forum, text=MINUTES
    )
    services.redact_minutes(workspace=workspace, actor=manager, minutes=minutes)
    services.approve_minutes(workspace=workspace, actor=manager, minutes=minutes)
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED


def test_publishing_unapproved_minutes_is_refused(workspace, editor, named_forum):
    minutes = services.record_minutes(
        workspace=workspace, actor=editor, forum=named_forum, text=MINUTES
    )
    services.redact_minutes(workspace=workspace, actor=editor, minutes=minutes)
    with pytest.raises(DomainError) as error:
        services.publish_minutes(workspace=workspace, actor=editor, minutes=minutes)
    assert error.value.code == "not_approved"
    minutes.refresh_from_db()
    assert minutes.published_at is None
    assert not queries.published_minutes(workspace).exists()


def test_a_participant_added_after_approval_blocks_publication(
    workspace, editor, second_editor, named_forum
):
    minutes = services.record_minutes(
        workspace=workspace,
        actor=editor,
        forum=named_forum,
        text=MINUTES + "\nKofi Mensah took notes.",
    )
    services.redact_minutes(workspace=workspace, actor=editor, minutes=minutes)
    services.approve_minutes(workspace=workspace, actor=second_editor, minutes=minutes)
    meeting = named_forum.meetings.get()
    add_person(workspace, meeting.engagement, "Kofi Mensah")
    with pytest.raises(DomainError) as error:
        services.publish_minutes(workspace=workspace, actor=second_editor, minutes=minutes)
    assert "Kofi Mensah" in error.value.message
    assert not queries.published_minutes(workspace).exists()


def test_correcting_minutes_sends_them_back_to_redaction(
    workspace, editor, second_editor, named_forum
):
    minutes = services.record_minutes(
        workspace=workspace, actor=editor, forum=named_forum, text=MINUTES
    )
    services.redact_minutes(workspace=workspace, actor=editor, minutes=minutes)
    services.approve_minutes(workspace=workspace, actor=second_editor, minutes=minutes)
    minutes = services.record_minutes(
        workspace=workspace, actor=editor, forum=named_forum, text=MINUTES + "\nOne more point."
    )
    assert minutes.status == MinutesStatus.RECORDED
    assert minutes.approved_by is None and minutes.redacted_text == ""


def test_published_minutes_are_final_and_listed_without_names(
    workspace, editor, second_editor, named_forum
):
    minutes = services.record_minutes(
        workspace=workspace, actor=editor, forum=named_forum, text=MINUTES
    )
    services.redact_minutes(workspace=workspace, actor=editor, minutes=minutes)
    services.approve_minutes(workspace=workspace, actor=second_editor, minutes=minutes)
    services.publish_minutes(workspace=workspace, actor=second_editor, minutes=minutes)
    with pytest.raises(DomainError):
        services.record_minutes(workspace=workspace, actor=editor, forum=named_forum, text="X")
    published = list(queries.published_minutes(workspace))
    assert [m.pk for m in published] == [minutes.pk]
    assert published[0].published_at is not None
    assert "Amina" not in published[0].redacted_text
    assert not queries.published_minutes(WorkspaceFactory()).exists()
    services.set_archived(workspace=workspace, actor=editor, obj=named_forum, archived=True)
    assert not queries.published_minutes(workspace).exists()
    assert ForumMinutes.objects.count() == 1
    assert not verify_chain(Workspace.objects.filter(pk=workspace.pk))


def test_name_parts_in_the_editors_text_are_replaced_too(workspace, editor, named_forum):
    minutes = services.record_minutes(
        workspace=workspace, actor=editor, forum=named_forum, text=MINUTES
    )
    minutes = services.redact_minutes(
        workspace=workspace,
        actor=editor,
        minutes=minutes,
        text="Yusuf spoke. Garcia agreed.",
    )
    assert minutes.redacted_text == "[participant] spoke. [participant] agreed."


def test_withdrawing_published_minutes_needs_a_reason_and_hides_them(
    workspace, editor, second_editor, named_forum
):
    minutes = services.record_minutes(
        workspace=workspace, actor=editor, forum=named_forum, text=MINUTES
    )
    services.redact_minutes(workspace=workspace, actor=editor, minutes=minutes)
    services.approve_minutes(workspace=workspace, actor=second_editor, minutes=minutes)
    with pytest.raises(DomainError) as error:
        services.withdraw_minutes(workspace=workspace, actor=editor, minutes=minutes, reason="x")
    assert error.value.field == "status"
    services.publish_minutes(workspace=workspace, actor=second_editor, minutes=minutes)
    with pytest.raises(DomainError) as error:
        services.withdraw_minutes(workspace=workspace, actor=editor, minutes=minutes, reason=" ")
    assert error.value.field == "reason"
    assert queries.published_minutes(workspace).count() == 1
    services.withdraw_minutes(
        workspace=workspace, actor=editor, minutes=minutes, reason="A participant withdrew consent."
    )
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.RECORDED and minutes.published_at is None
    assert not queries.published_minutes(workspace).exists()
    assert AuditEntry.objects.filter(
        changes__withdrawal_reason__1="A participant withdrew consent."
    ).exists()
