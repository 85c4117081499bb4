"""Inputs about a policy: considered per version with their current decision, and the "new
input since publication" signal."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from heard.core.errors import DomainError
from heard.feedback.services.decisions import decide_input
from heard.policies import queries, services
from heard.policies.models import ForumStage
from tests.factories import EngagementFactory, InputFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db


def url(name, workspace, *args):
    return reverse(f"policies:{name}", args=[workspace.slug, *args])


def test_version_lists_inputs_considered_with_their_current_decision(
    workspace, editor, owner_client, policy
):
    version = policy.versions.get()
    adopted = InputFactory(workspace=workspace, text="Add regional slurs to the list.")
    refused = InputFactory(workspace=workspace, text="Ban all satire.")
    decide_input(workspace=workspace, actor=editor, input=adopted, outcome="adopted")
    decide_input(
        workspace=workspace,
        actor=editor,
        input=refused,
        outcome="not_adopted",
        rationale="Satire is protected expression.",
        risk_management="Context review.",
    )
    response = owner_client.post(
        url("version_inputs", workspace, version.pk), {"inputs": [adopted.pk, refused.pk]}
    )
    assert response.status_code == 302
    assert set(version.considered_inputs.all()) == {adopted, refused}
    assert set(policy.related_inputs.all()) == {adopted, refused}
    page = owner_client.get(url("version_detail", workspace, version.pk)).content.decode()
    assert "2 inputs considered" in page
    assert "Satire is protected expression." in page and "Not adopted" in page
    # a revised decision shows as the current one
    decide_input(
        workspace=workspace,
        actor=editor,
        input=refused,
        outcome="partly_adopted",
        rationale="Clearly marked satire stays.",
        risk_management="Labels.",
    )
    page = owner_client.get(url("version_detail", workspace, version.pk)).content.decode()
    assert "Clearly marked satire stays." in page and "Satire is protected" not in page


def test_a_published_version_no_longer_takes_inputs(workspace, editor, policy):
    version = policy.versions.get()
    services.publish_version(workspace=workspace, actor=editor, version=version)
    with pytest.raises(DomainError) as error:
        services.consider_inputs(
            workspace=workspace,
            actor=editor,
            version=version,
            inputs=[InputFactory(workspace=workspace)],
        )
    assert error.value.field == "inputs"
    assert not version.considered_inputs.exists()


def test_inputs_of_another_workspace_or_merged_are_refused(workspace, editor, policy):
    version = policy.versions.get()
    with pytest.raises(DomainError):
        services.consider_inputs(
            workspace=workspace,
            actor=editor,
            version=version,
            inputs=[InputFactory(workspace=WorkspaceFactory())],
        )
    keep = InputFactory(workspace=workspace)
    merged = InputFactory(workspace=workspace, merged_into=keep)
    with pytest.raises(DomainError) as error:
        services.link_inputs(workspace=workspace, actor=editor, policy=policy, inputs=[merged])
    assert error.value.field == "inputs"
    assert not policy.related_inputs.exists()


def test_new_input_since_publication_signal(workspace, editor, owner_client, policy, forum):
    services.publish_version(workspace=workspace, actor=editor, version=policy.versions.get())
    policy.refresh_from_db()
    assert queries.new_input_signal(policy) is None
    before = InputFactory(workspace=workspace, text="Old input.")
    before.created_at = policy.published_at - datetime.timedelta(days=1)
    before.save()
    services.link_inputs(workspace=workspace, actor=editor, policy=policy, inputs=[before])
    assert queries.new_input_signal(policy) is None
    # an input given in one of the policy's forum meetings counts without being linked
    meeting = EngagementFactory(workspace=workspace)
    services.link_meeting(
        workspace=workspace,
        actor=editor,
        forum=forum,
        engagement=meeting,
        stage=ForumStage.PRE_CONSULTATION,
    )
    InputFactory(
        workspace=workspace,
        engagement=meeting,
        text="Appeals are too slow.",
        created_at=timezone.now() + datetime.timedelta(seconds=1),
    )
    signal = queries.new_input_signal(policy)
    assert signal.count == 1 and signal.is_published
    page = owner_client.get(url("policy_detail", workspace, policy.pk)).content.decode()
    assert "1 new input since publication" in page and "Reopen the policy" in page
    listing = owner_client.get(url("policy_list", workspace)).content.decode()
    assert 'class="badge badge-warning">New input since publication' in listing
    other = services.create_policy(workspace=workspace, actor=editor, title="Quiet", text="x")
    services.publish_version(workspace=workspace, actor=editor, version=other.versions.get())
    found = owner_client.get(url("policy_list", workspace), {"new_input": "yes"}).content.decode()
    assert "Hateful conduct" in found and "Quiet" not in found
    found = owner_client.get(url("policy_list", workspace), {"new_input": "no"}).content.decode()
    assert "Hateful conduct" not in found and "Quiet" in found
    inputs_page = owner_client.get(url("policy_inputs", workspace, policy.pk)).content.decode()
    assert "Appeals are too slow." in inputs_page and "Old input." in inputs_page


def test_link_and_unlink_inputs_through_the_page(workspace, owner_client, policy):
    found = InputFactory(workspace=workspace, text="Moderators need Swahili training.")
    page = owner_client.get(url("policy_inputs", workspace, policy.pk), {"q": "swahili"})
    assert "Moderators need Swahili training." in page.content.decode()
    owner_client.post(url("policy_inputs", workspace, policy.pk), {"inputs": [found.pk]})
    assert list(policy.related_inputs.all()) == [found]
    owner_client.post(url("policy_inputs", workspace, policy.pk), {"remove": found.pk})
    assert not policy.related_inputs.exists()
