"""Policy pages through HTTP: forms with bad input, the lifecycle, diffs, forums, minutes,
exports and roles."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from heard.core.models import Role
from heard.engagements.models import Engagement, ParticipationRole
from heard.policies import services
from heard.policies.models import (
    ForumMinutes,
    ForumStage,
    MinutesStatus,
    Policy,
    PolicyForum,
    PolicyVersion,
    VersionStatus,
)
from tests.conftest import member_client
from tests.policies.conftest import POLICY_TEXT, add_person, held_engagement

pytestmark = pytest.mark.django_db


def url(name, workspace, *args):
    return reverse(f"policies:{name}", args=[workspace.slug, *args])


def text_of(response) -> str:
    return response.content.decode()


@pytest.fixture
def client_of(workspace):
    """A logged-in client for a given user of the workspace."""
    from django.test import Client

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


# --- policies


def test_write_a_policy_through_the_form(workspace, owner_client):
    response = owner_client.post(
        url("policy_create", workspace),
        {"title": "Appeals", "area": "content", "text": "# Appeals\nEveryone may appeal."},
    )
    policy = Policy.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("policy_detail", workspace, policy.pk)
    page = text_of(owner_client.get(response["Location"]))
    assert "<h3>Appeals</h3>" in page and "Everyone may appeal." in page


def test_a_policy_without_text_names_the_field_and_writes_nothing(workspace, owner_client):
    response = owner_client.post(
        url("policy_create", workspace), {"title": "Appeals", "area": "content", "text": "  "}
    )
    assert response.status_code == 400
    assert "Write the policy text: a version cannot be empty." in text_of(response)
    assert 'id="id_text"' in text_of(response)
    assert not Policy.objects.exists() and not PolicyVersion.objects.exists()


def test_policy_text_is_escaped(workspace, owner_client, editor):
    policy = services.create_policy(
        workspace=workspace, actor=editor, title="XSS", text="<script>alert(1)</script>"
    )
    page = text_of(owner_client.get(url("policy_detail", workspace, policy.pk)))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_list_search_filter_sort_and_partial(workspace, owner_client, editor):
    for title, area in (("Hate speech", "content"), ("Data retention", "privacy")):
        services.create_policy(workspace=workspace, actor=editor, title=title, area=area, text="x")
    page = text_of(owner_client.get(url("policy_list", workspace), {"q": "retention"}))
    assert "Data retention" in page and "Hate speech" not in page
    page = text_of(owner_client.get(url("policy_list", workspace), {"area": "content"}))
    assert "Hate speech" in page and "Data retention" not in page
    page = text_of(owner_client.get(url("policy_list", workspace), {"sort": "-title"}))
    assert page.index("Hate speech") < page.index("Data retention")
    partial = owner_client.get(url("policy_list", workspace), headers={"HX-Target": "results"})
    assert "<html" not in text_of(partial) and "Data retention" in text_of(partial)
    page = text_of(owner_client.get(url("policy_list", workspace), {"area": "bogus"}))
    assert "Ignored the filter" in page


def test_lifecycle_through_the_pages(workspace, owner_client, policy):
    v1 = policy.versions.get()
    status = url("version_status", workspace, v1.pk)
    owner_client.post(status, {"action": "consult"})
    owner_client.post(status, {"action": "publish"})
    v1.refresh_from_db()
    assert v1.status == VersionStatus.PUBLISHED
    edit = owner_client.post(url("version_edit", workspace, v1.pk), {"text": "Changed"})
    assert edit.status_code == 400
    assert "its text is final" in text_of(edit)
    reopen = url("policy_reopen", workspace, policy.pk)
    response = owner_client.post(reopen, {"reason": ""})
    assert response.status_code == 400
    assert "Give the reason for reopening the policy." in text_of(response)
    assert PolicyVersion.objects.count() == 1
    response = owner_client.post(reopen, {"reason": "Civil society asked for regional slurs."})
    v2 = PolicyVersion.objects.get(number=2)
    assert response["Location"] == url("version_detail", workspace, v2.pk)
    owner_client.post(url("version_edit", workspace, v2.pk), {"text": POLICY_TEXT + "\nMore."})
    response = owner_client.post(
        url("version_status", workspace, v2.pk), {"action": "publish"}, follow=True
    )
    assert "Write the summary of changes before publishing" in text_of(response)
    v2.refresh_from_db()
    assert v2.status == VersionStatus.DRAFT
    page = text_of(owner_client.get(url("policy_detail", workspace, policy.pk)))
    assert "Civil society asked for regional slurs." in page


def test_diff_between_versions_side_by_side_and_inline(workspace, owner_client, editor, policy):
    services.publish_version(workspace=workspace, actor=editor, version=policy.versions.get())
    v2 = services.reopen_policy(workspace=workspace, actor=editor, policy=policy, reason="Input")
    services.update_version(
        workspace=workspace,
        actor=editor,
        version=v2,
        text=POLICY_TEXT.replace("No slurs against", "No slurs or coded slurs against")
        + "\n- No praise of violent groups.",
        summary_of_changes="Coded slurs and violent groups added.",
    )
    page = text_of(owner_client.get(url("policy_diff", workspace, policy.pk)))
    assert "What changed from version 1 to version 2" in page
    assert 'or coded<span class="visually-hidden">]</span></ins>' in page
    assert "No praise of violent groups.<span" in page
    assert "[added:" in page  # read out by screen readers
    inline = text_of(owner_client.get(url("policy_diff", workspace, policy.pk), {"view": "inline"}))
    assert 'class="diff-inline"' in inline and "<ins>" in inline
    same = text_of(owner_client.get(url("policy_diff", workspace, policy.pk), {"from": 1, "to": 1}))
    assert "The two texts are identical." in same
    missing = owner_client.get(url("policy_diff", workspace, policy.pk), {"from": 9, "to": 1})
    assert missing.status_code == 404


def test_roles(workspace, policy):
    viewer = member_client(workspace, Role.VIEWER)
    assert viewer.get(url("policy_detail", workspace, policy.pk)).status_code == 200
    assert viewer.get(url("policy_create", workspace)).status_code == 403
    contributor = member_client(workspace, Role.CONTRIBUTOR)
    response = contributor.post(url("policy_reopen", workspace, policy.pk), {"reason": "x"})
    assert response.status_code == 403
    assert viewer.get(url("policy_export", workspace)).status_code == 403
    auditor = member_client(workspace, Role.AUDITOR)
    assert auditor.get(url("policy_export", workspace)).status_code == 200


def test_exports(workspace, owner_client, policy, forum):
    response = owner_client.get(url("policy_export", workspace), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["ID", "Title", "Area"] and rows[1][1] == "Hateful conduct"
    response = owner_client.get(url("forum_export", workspace), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[1][1] == "Hate speech forum" and values[1][4] == "Step 1 · Pre-consultation"


# --- forums


def test_open_a_forum_and_plan_its_first_meeting(workspace, owner_client, policy):
    page = text_of(owner_client.get(url("forum_create", workspace), {"policy": policy.pk}))
    assert "Hateful conduct" in page
    response = owner_client.post(
        url("forum_create", workspace),
        {"policy": policy.pk, "title": "Forum on hate", "glossary": "Slur: an insulting word"},
    )
    forum = PolicyForum.objects.get()
    assert response["Location"] == url("forum_detail", workspace, forum.pk)
    assert forum.glossary == [{"term": "Slur", "definition": "an insulting word"}]
    assert forum.version == policy.versions.get()
    page = text_of(owner_client.get(response["Location"]))
    assert "1 of 10 done" in page and "Plan this meeting" in page  # the glossary is done
    response = owner_client.post(
        url("meeting_plan", workspace, forum.pk), {"stage": ForumStage.PRE_CONSULTATION}
    )
    engagement = Engagement.objects.get()
    assert response["Location"] == engagement.get_absolute_url()
    page = text_of(owner_client.get(url("forum_detail", workspace, forum.pk)))
    assert engagement.title in page


def test_bad_glossary_line_names_the_field(workspace, owner_client, forum):
    response = owner_client.post(
        url("forum_edit", workspace, forum.pk), {"title": "X", "glossary": "no colon here"}
    )
    assert response.status_code == 400
    assert "Line 1 of the glossary needs a term" in text_of(response)


def test_link_an_engagement_of_another_workspace_is_refused(workspace, owner_client, forum):
    from tests.factories import EngagementFactory

    foreign = EngagementFactory()
    response = owner_client.post(
        url("meeting_link", workspace, forum.pk),
        {"engagement": foreign.pk, "stage": ForumStage.BRIEFING},
        follow=True,
    )
    assert "Choose an engagement of this workspace." in text_of(response)
    assert not forum.meetings.exists()


# --- minutes


@pytest.fixture
def observed_forum(workspace, editor, forum):
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
    return forum


def test_minutes_from_record_to_publication(
    workspace, editor, second_editor, client_of, observed_forum
):
    author, reviewer = client_of(editor), client_of(second_editor)
    record = url("minutes_record", workspace, observed_forum.pk)
    assert author.post(record, {"recorded_text": ""}).status_code == 400
    response = author.post(
        record, {"recorded_text": "Amina Yusuf from Digital Rights Kenya asked about appeals."}
    )
    minutes = ForumMinutes.objects.get()
    assert response["Location"] == url("minutes_redact", workspace, minutes.pk)
    page = text_of(author.get(response["Location"]))
    assert "<mark" in page and "2 names found" in page
    assert "[participant] from [organisation] asked about appeals." in page  # the proposal
    response = author.post(
        response["Location"], {"redacted_text": "Amina Yusuf asked about appeals."}
    )
    assert response.status_code == 400
    assert "still name" in text_of(response)
    author.post(
        url("minutes_redact", workspace, minutes.pk),
        {"redacted_text": "[participant] from [organisation] asked about appeals."},
    )
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.REDACTED
    response = author.post(url("minutes_publish", workspace, minutes.pk), follow=True)
    assert "Only approved minutes can be published" in text_of(response)
    response = author.post(url("minutes_approve", workspace, minutes.pk), follow=True)
    assert "Someone other than who recorded or redacted the minutes" in text_of(response)
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.REDACTED
    reviewer.post(url("minutes_approve", workspace, minutes.pk))
    reviewer.post(url("minutes_publish", workspace, minutes.pk))
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.PUBLISHED and minutes.published_at
    page = text_of(reviewer.get(url("forum_detail", workspace, observed_forum.pk)))
    assert "published" in page


def test_viewer_sees_minutes_but_cannot_approve(workspace, editor, observed_forum):
    minutes = services.record_minutes(
        workspace=workspace, actor=editor, forum=observed_forum, text="Notes."
    )
    viewer = member_client(workspace, Role.VIEWER)
    assert viewer.get(url("minutes_detail", workspace, minutes.pk)).status_code == 200
    assert viewer.post(url("minutes_approve", workspace, minutes.pk)).status_code == 403


def test_recorded_minutes_stay_with_the_core_team(workspace, editor, observed_forum):
    minutes = services.record_minutes(
        workspace=workspace, actor=editor, forum=observed_forum, text="Amina Yusuf spoke first."
    )
    services.redact_minutes(workspace=workspace, actor=editor, minutes=minutes)
    viewer = member_client(workspace, Role.VIEWER)
    page = text_of(viewer.get(url("minutes_detail", workspace, minutes.pk)))
    assert "[participant] spoke first." in page and "Amina" not in page
    owner = member_client(workspace, Role.OWNER)
    assert "Amina Yusuf spoke first." in text_of(
        owner.get(url("minutes_detail", workspace, minutes.pk))
    )
    history = text_of(owner.get(url("minutes_history", workspace, minutes.pk)))
    assert "Amina" not in history  # the audit log never keeps the record's text


def test_a_participant_added_after_publication_is_flagged_and_can_be_withdrawn(
    workspace, editor, second_editor, observed_forum
):
    minutes = services.record_minutes(
        workspace=workspace,
        actor=editor,
        forum=observed_forum,
        text="Kofi Mensah asked about appeals.",
    )
    services.redact_minutes(workspace=workspace, actor=editor, minutes=minutes)
    services.approve_minutes(workspace=workspace, actor=second_editor, minutes=minutes)
    services.publish_minutes(workspace=workspace, actor=second_editor, minutes=minutes)
    add_person(workspace, observed_forum.meetings.get().engagement, "Kofi Mensah")
    owner = member_client(workspace, Role.OWNER)
    page = text_of(owner.get(url("minutes_detail", workspace, minutes.pk)))
    assert "names someone now on the forum" in page and "Withdraw the minutes" in page
    response = owner.post(
        url("minutes_withdraw", workspace, minutes.pk), {"reason": ""}, follow=True
    )
    assert "Give the reason for withdrawing the minutes." in text_of(response)
    owner.post(url("minutes_withdraw", workspace, minutes.pk), {"reason": "Name slipped."})
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.RECORDED
