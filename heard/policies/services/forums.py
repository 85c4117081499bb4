"""Writes to policy forums: the forum, the engagements it is held in, its glossary."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.concurrency import check_version
from heard.core.errors import DomainError
from heard.core.models import AuditAction, User, Workspace
from heard.engagements.models import Engagement, EngagementFormat
from heard.engagements.services.engagements import clean_glossary, create_engagement
from heard.policies.models import ForumMeeting, ForumStage, Policy, PolicyForum, PolicyVersion
from heard.policies.services.common import check_member, check_same_workspace, validate

FORUM_FIELDS = ("title", "owner", "purpose", "version", "glossary")

# The format an engagement planned from the forum gets, per stage.
STAGE_FORMAT = {
    ForumStage.PRE_CONSULTATION: EngagementFormat.ROUNDTABLE,
    ForumStage.BRIEFING: EngagementFormat.POLICY_FORUM,
    ForumStage.INTERNAL_MEETING: EngagementFormat.POLICY_FORUM,
    ForumStage.DEBRIEF: EngagementFormat.POLICY_FORUM,
    ForumStage.POST_ENGAGEMENT: EngagementFormat.POLICY_FORUM,
}


def _check_version(policy: Policy, version: PolicyVersion | None) -> None:
    if version is not None and version.policy_id != policy.pk:
        raise DomainError(_("That version belongs to another policy."), field="version")


@transaction.atomic
def create_forum(
    *,
    workspace: Workspace,
    actor: User | None,
    policy: Policy,
    title: str = "",
    version: PolicyVersion | None = None,
    owner: User | None = None,
    purpose: str = "",
    glossary: Iterable[dict] | None = None,
) -> PolicyForum:
    """Open a policy forum on a policy (by default on its current version)."""
    check_same_workspace(workspace, policy, version)
    if policy.archived_at is not None:
        raise DomainError(_("Restore the policy before holding a forum on it."), field="policy")
    if version is None:
        version = policy.versions.order_by("-number").first()
    _check_version(policy, version)
    check_member(workspace, owner, field="owner")
    forum = PolicyForum(
        workspace=workspace,
        policy=policy,
        version=version,
        title=(title or "").strip() or _("Policy forum on %(policy)s") % {"policy": policy.title},
        owner=owner,
        purpose=(purpose or "").strip(),
        glossary=clean_glossary(glossary or ()),
    )
    validate(forum, exclude=("workspace", "policy", "version"))
    forum.save()
    audit.record_create(workspace=workspace, actor=actor, obj=forum)
    return forum


@transaction.atomic
def update_forum(
    *,
    workspace: Workspace,
    actor: User | None,
    forum: PolicyForum,
    edit_version: str | None = None,
    **fields,
) -> PolicyForum:
    """Change a forum's title, owner, purpose, version discussed or glossary. `edit_version`:
    the forum's version token as the editor read it (a conflict if it moved on; None: no
    check); not `version`, which is the policy version the forum discusses."""
    check_same_workspace(workspace, forum, fields.get("version"))
    check_version(PolicyForum, forum.pk, edit_version)
    unknown = set(fields) - set(FORUM_FIELDS)
    if unknown:
        raise DomainError(_("Unknown forum field: %(f)s") % {"f": ", ".join(sorted(unknown))})
    before = audit.snapshot(forum)
    if "glossary" in fields:
        fields["glossary"] = clean_glossary(fields["glossary"] or ())
    for name, value in fields.items():
        setattr(forum, name, value.strip() if isinstance(value, str) else value)
    _check_version(forum.policy, forum.version)
    check_member(workspace, forum.owner, field="owner")
    validate(forum, exclude=("workspace", "policy", "version"))
    forum.save()
    audit.record_update(workspace=workspace, actor=actor, obj=forum, before=before)
    return forum


def _check_stage(stage: str) -> None:
    if stage not in ForumStage.values:
        raise DomainError(_("Choose the forum step this meeting is for."), field="stage")


@transaction.atomic
def link_meeting(
    *,
    workspace: Workspace,
    actor: User | None,
    forum: PolicyForum,
    engagement: Engagement,
    stage: str,
) -> ForumMeeting:
    """Record an existing engagement as one of the forum's meetings."""
    check_same_workspace(workspace, forum, engagement)
    _check_stage(stage)
    if forum.archived_at is not None:
        raise DomainError(_("Restore the forum before changing it."))
    if engagement.archived_at is not None:
        raise DomainError(_("That engagement is archived."), field="engagement")
    existing = ForumMeeting.objects.filter(forum=forum, engagement=engagement).first()
    if existing is not None:
        raise DomainError(
            _("This engagement is already the forum's “%(stage)s”.")
            % {"stage": existing.get_stage_display()},
            field="engagement",
        )
    meeting = ForumMeeting(workspace=workspace, forum=forum, engagement=engagement, stage=stage)
    meeting.save()
    audit.record_create(workspace=workspace, actor=actor, obj=meeting)
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.UPDATE,
        obj=forum,
        changes={"meetings": [None, f"{meeting.get_stage_display()}: {engagement.title}"[:160]]},
    )
    return meeting


@transaction.atomic
def plan_meeting(
    *,
    workspace: Workspace,
    actor: User | None,
    forum: PolicyForum,
    stage: str,
    title: str = "",
) -> ForumMeeting:
    """Plan a new engagement for one forum step and link it: the post-engagement meeting
    carries the forum's glossary, every meeting the forum's owner as lead."""
    check_same_workspace(workspace, forum)
    _check_stage(stage)
    title = (title or "").strip() or f"{forum.title}: {ForumStage(stage).label}"
    engagement = create_engagement(
        workspace=workspace,
        actor=actor,
        title=title[:200],
        format=STAGE_FORMAT[stage],
        purpose=forum.purpose,
        owner=forum.owner,
        glossary=forum.glossary if stage == ForumStage.POST_ENGAGEMENT else (),
        languages=list(workspace.languages or ["en"])[:1],
    )
    return link_meeting(
        workspace=workspace, actor=actor, forum=forum, engagement=engagement, stage=stage
    )


@transaction.atomic
def unlink_meeting(*, workspace: Workspace, actor: User | None, meeting: ForumMeeting) -> None:
    """Stop counting an engagement as a forum meeting (the engagement itself stays)."""
    check_same_workspace(workspace, meeting)
    forum, label = meeting.forum, f"{meeting.get_stage_display()}: {meeting.engagement.title}"
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.ARCHIVE,
        obj=meeting,
        changes={"engagement": [meeting.engagement_id, None]},
    )
    meeting.delete()
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.UPDATE,
        obj=forum,
        changes={"meetings": [label[:160], None]},
    )
