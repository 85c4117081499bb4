"""What the transparency centre can rely on: published policies, their change log as counts,
and published minutes only, redacted."""

from __future__ import annotations

import pytest

from heard.feedback.services.decisions import decide_input
from heard.policies import queries, services
from tests.factories import InputFactory

pytestmark = pytest.mark.django_db


def test_published_policies_and_change_log(workspace, editor, policy):
    draft_only = services.create_policy(workspace=workspace, actor=editor, title="Draft", text="x")
    assert not queries.published_policies(workspace).exists()
    v1 = policy.versions.get()
    inputs = [InputFactory(workspace=workspace) for _ in range(3)]
    decide_input(workspace=workspace, actor=editor, input=inputs[0], outcome="adopted")
    decide_input(
        workspace=workspace,
        actor=editor,
        input=inputs[1],
        outcome="not_adopted",
        rationale="Out of our hands.",
        risk_management="We monitor.",
    )
    services.consider_inputs(workspace=workspace, actor=editor, version=v1, inputs=inputs)
    services.publish_version(workspace=workspace, actor=editor, version=v1)
    services.reopen_policy(workspace=workspace, actor=editor, policy=policy, reason="More input")
    assert list(queries.published_policies(workspace)) == [policy]
    assert draft_only not in queries.published_policies(workspace)
    log = list(queries.public_change_log(policy))
    assert [v.number for v in log] == [1]  # the reopened draft is not public yet
    assert (log[0].considered_count, log[0].adopted_count, log[0].not_adopted_count) == (3, 1, 1)
    services.set_archived(workspace=workspace, actor=editor, obj=policy, archived=True)
    assert not queries.published_policies(workspace).exists()
