"""List and detail pages run a constant number of queries, whatever the data size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.engagements.models import ParticipationRole
from heard.policies import services
from heard.policies.models import ForumStage
from tests.factories import InputFactory
from tests.policies.conftest import add_person, held_engagement

pytestmark = pytest.mark.django_db


def count_queries(client, path: str) -> int:
    client.get(path)  # the first request of a session does its own bookkeeping
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def fill(workspace, editor, start: int, n: int) -> None:
    """Policies with a published version, a reopened draft, inputs and a forum each, the forum
    with held meetings, observers and minutes."""
    for i in range(start, start + n):
        policy = services.create_policy(
            workspace=workspace, actor=editor, title=f"Policy {i}", text=f"Text {i}"
        )
        services.publish_version(workspace=workspace, actor=editor, version=policy.versions.get())
        forum = services.create_forum(
            workspace=workspace, actor=editor, policy=policy, owner=editor
        )
        for stage in (ForumStage.PRE_CONSULTATION, ForumStage.INTERNAL_MEETING):
            engagement = held_engagement(workspace)
            services.link_meeting(
                workspace=workspace, actor=editor, forum=forum, engagement=engagement, stage=stage
            )
            add_person(
                workspace, engagement, f"Person {i} {stage}", role=ParticipationRole.OBSERVER
            )
        services.record_minutes(workspace=workspace, actor=editor, forum=forum, text=f"Notes {i}")
        services.link_inputs(
            workspace=workspace,
            actor=editor,
            policy=policy,
            inputs=[InputFactory(workspace=workspace) for _ in range(2)],
        )


@pytest.mark.parametrize("name", ["policy_list", "forum_list"])
def test_list_queries_do_not_grow(workspace, owner_client, editor, name):
    path = reverse(f"policies:{name}", args=[workspace.slug])
    fill(workspace, editor, 0, 2)
    small = count_queries(owner_client, path)
    fill(workspace, editor, 2, 8)
    large = count_queries(owner_client, path)
    assert large == small, (small, large)


def test_policy_forum_and_version_pages_do_not_grow(workspace, owner_client, editor):
    from heard.policies.models import Policy, PolicyForum

    fill(workspace, editor, 0, 1)
    policy, forum = Policy.objects.get(), PolicyForum.objects.get()
    v2 = services.reopen_policy(workspace=workspace, actor=editor, policy=policy, reason="Input")
    services.consider_inputs(
        workspace=workspace, actor=editor, version=v2, inputs=[InputFactory(workspace=workspace)]
    )
    pages = [
        reverse("policies:policy_detail", args=[workspace.slug, policy.pk]),
        reverse("policies:forum_detail", args=[workspace.slug, forum.pk]),
        reverse("policies:policy_inputs", args=[workspace.slug, policy.pk]),
        reverse("policies:version_detail", args=[workspace.slug, v2.pk]),
    ]
    small = [count_queries(owner_client, p) for p in pages]
    inputs = [InputFactory(workspace=workspace) for _ in range(6)]
    services.consider_inputs(workspace=workspace, actor=editor, version=v2, inputs=inputs[:3])
    services.link_inputs(workspace=workspace, actor=editor, policy=policy, inputs=inputs[3:])
    for stage in (ForumStage.BRIEFING, ForumStage.DEBRIEF, ForumStage.POST_ENGAGEMENT):
        engagement = held_engagement(workspace)
        services.link_meeting(
            workspace=workspace, actor=editor, forum=forum, engagement=engagement, stage=stage
        )
        add_person(workspace, engagement, f"Someone {stage}")
    large = [count_queries(owner_client, p) for p in pages]
    assert large == small, (small, large)
