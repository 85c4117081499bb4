"""Policies in Chromium: walk a policy forum through its checklist, record, redact, approve
(a second person) and publish its minutes, and read the diff between two versions; axe-core
on each page."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from heard.core.models import Role
from heard.engagements.models import Engagement, EngagementStatus, ParticipationRole
from heard.policies import services
from heard.policies.models import ForumMinutes, ForumStage, MinutesStatus
from heard.stakeholders import services as registry
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    ParticipationFactory,
    SessionFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

V1 = """# Scope
This policy covers hateful conduct.

# Rules
- No slurs against protected groups.
- No dehumanising comparisons.

# Appeals
Anyone may appeal once."""

V2 = """# Scope
This policy covers hateful conduct, including in live audio.

# Rules
- No slurs or coded slurs against protected groups.
- No dehumanising comparisons.

# Appeals
Anyone may appeal; a person who speaks the language reviews it within seven days."""


def hold(engagement: Engagement) -> None:
    """Give an engagement a past session and mark it held (the engagements app's pages do
    this in real life; they are tested there)."""
    start = timezone.now() - datetime.timedelta(days=2)
    SessionFactory(
        engagement=engagement, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    Engagement.objects.filter(pk=engagement.pk).update(status=EngagementStatus.HELD, held_at=start)


def go(page, locator) -> None:
    """Click something that loads a new page, and wait for it."""
    with page.expect_navigation():
        locator.click()


@pytest.fixture
def setting():
    editor = MembershipFactory(role=Role.EDITOR, workspace__name="Acme Social")
    workspace = editor.workspace
    manager = MembershipFactory(role=Role.MANAGER, workspace=workspace)
    policy = services.create_policy(
        workspace=workspace, actor=editor.user, title="Hateful conduct", text=V1, owner=editor.user
    )
    services.publish_version(workspace=workspace, actor=editor.user, version=policy.versions.get())
    v2 = services.reopen_policy(
        workspace=workspace,
        actor=editor.user,
        policy=policy,
        reason="Coded slurs pass our filters.",
    )
    services.update_version(
        workspace=workspace,
        actor=editor.user,
        version=v2,
        text=V2,
        summary_of_changes="Coded slurs, live audio, faster appeals.",
    )
    forum = services.create_forum(
        workspace=workspace,
        actor=editor.user,
        policy=policy,
        owner=editor.user,
        title="Forum on hateful conduct",
        glossary=[{"term": "Coded slur", "definition": "A stand-in for a slur."}],
    )
    org = registry.create_organisation(workspace=workspace, actor=None, name="Digital Rights Kenya")
    amina = registry.create_stakeholder(
        workspace=workspace, actor=None, name="Amina Yusuf", organisation=org
    )
    for stage in (ForumStage.PRE_CONSULTATION, ForumStage.BRIEFING, ForumStage.INTERNAL_MEETING):
        meeting = services.plan_meeting(
            workspace=workspace, actor=editor.user, forum=forum, stage=stage
        )
        ParticipationFactory(
            workspace=workspace,
            engagement=meeting.engagement,
            stakeholder=amina,
            role=ParticipationRole.OBSERVER,
        )
        hold(meeting.engagement)
    return {
        "editor": editor,
        "manager": manager,
        "workspace": workspace,
        "policy": policy,
        "forum": forum,
    }


def test_walk_a_forum_and_publish_its_minutes(page, browser, live_server, setting):
    workspace, forum = setting["workspace"], setting["forum"]
    log_in(page, setting["editor"].user.email, PASSWORD)
    # The home page belongs to other apps; start from the engagements list and use the menu.
    page.goto(f"/w/{workspace.slug}/engagements/")
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_text("Feedback loop").click()
    go(page, nav.get_by_role("link", name="Policies", exact=True))
    assert page.url.endswith(f"/w/{workspace.slug}/policies/")
    go(page, page.get_by_role("link", name="Policy forums").first)
    go(page, page.get_by_role("link", name="Forum on hateful conduct"))
    checklist = page.locator(".forum-checklist")
    assert "3 of 10 done" in checklist.inner_text() or "4 of 10 done" in checklist.inner_text()
    assert "Next: Observers debriefed after the internal meeting" in checklist.inner_text()
    assert_accessible(page)

    # Step 2: plan the debrief; once it is held, the minutes come next.
    go(page, page.locator("#item-debrief").get_by_role("button", name="Plan this meeting"))
    assert "Meeting planned" in page.content()
    hold(forum.meetings.get(stage=ForumStage.DEBRIEF).engagement)
    page.goto(f"/w/{workspace.slug}/policies/forums/{forum.pk}/")
    assert "Next: Minutes recorded" in page.locator(".forum-checklist").inner_text()
    go(page, page.locator("#item-minutes_recorded").get_by_role("link", name="Record the minutes"))
    page.get_by_label("Minutes as recorded").fill(
        "Amina Yusuf (Digital Rights Kenya) asked why appeals take weeks.\n\n"
        "Amina also asked for coded slurs in Swahili to be covered."
    )
    go(page, page.get_by_role("button", name="Save and redact"))

    # The redaction step flags the names and proposes a text without them.
    assert page.locator("mark", has_text="Amina Yusuf").count() >= 1
    proposed = page.get_by_label("Redacted minutes").input_value()
    assert "Amina" not in proposed and "Digital Rights Kenya" not in proposed
    assert "[participant] ([organisation]) asked why appeals take weeks." in proposed
    assert_accessible(page)
    screenshot(page, "policy-minutes-redact")
    # An edit that puts a name back is refused, naming it.
    page.get_by_label("Redacted minutes").fill(proposed + "\nThanks to Digital Rights Kenya.")
    go(page, page.get_by_role("button", name="Save the redacted minutes"))
    assert "still name" in page.content()
    page.get_by_label("Redacted minutes").fill(proposed)
    go(page, page.get_by_role("button", name="Save the redacted minutes"))
    assert "Redacted. Next: someone else approves them." in page.content()

    # The author cannot approve their own minutes.
    go(page, page.get_by_role("button", name="Approve"))
    assert "Someone other than who recorded or redacted the minutes" in page.content()

    # A manager approves and publishes.
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    other = context.new_page()
    log_in(other, setting["manager"].user.email, PASSWORD)
    minutes = ForumMinutes.objects.get()
    other.goto(f"/w/{workspace.slug}/policies/minutes/{minutes.pk}/")
    go(other, other.get_by_role("button", name="Approve"))
    other.once("dialog", lambda dialog: dialog.accept())
    go(other, other.get_by_role("button", name="Publish"))
    assert "Published to the transparency centre." in other.content()
    context.close()
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.PUBLISHED
    assert "Amina" not in minutes.redacted_text and "Kenya" not in minutes.redacted_text

    page.goto(f"/w/{workspace.slug}/policies/forums/{forum.pk}/")
    text = page.locator(".forum-checklist").inner_text()
    assert "Next: Post-engagement meeting held" in text
    assert re.search(r"✓\s*Done\s*Minutes published to the transparency centre", text)
    screenshot(page, "policy-forum-checklist")


def test_read_the_diff_between_versions(page, setting):
    workspace, policy = setting["workspace"], setting["policy"]
    log_in(page, setting["editor"].user.email, PASSWORD)
    page.goto(f"/w/{workspace.slug}/policies/{policy.pk}/")
    assert "Coded slurs pass our filters." in page.content()
    go(page, page.get_by_role("link", name="Compare versions"))
    assert page.get_by_role("heading", name="What changed from version 1 to version 2").count()
    assert page.locator("ins", has_text="coded").count() >= 1
    assert page.locator("del").count() >= 1
    assert_accessible(page)
    screenshot(page, "policy-diff")
    page.get_by_label("Layout").select_option("inline")
    go(page, page.get_by_role("button", name="Compare"))
    assert page.locator(".diff-inline ins").count() >= 1
    assert_accessible(page)


def test_policy_pages_are_accessible(page, setting):
    workspace, policy, forum = setting["workspace"], setting["policy"], setting["forum"]
    editor = setting["editor"].user
    minutes = services.record_minutes(
        workspace=workspace, actor=editor, forum=forum, text="Amina Yusuf asked about appeals."
    )
    log_in(page, editor.email, PASSWORD)
    base = f"/w/{workspace.slug}/policies"
    version = policy.versions.get(number=2)
    for path in (
        f"{base}/",
        f"{base}/{policy.pk}/",
        f"{base}/versions/{version.pk}/",
        f"{base}/{policy.pk}/inputs/",
        f"{base}/forums/",
        f"{base}/minutes/{minutes.pk}/",
        f"{base}/{policy.pk}/reopen/",
    ):
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
        if path == f"{base}/{policy.pk}/":
            screenshot(page, "policy-detail")
