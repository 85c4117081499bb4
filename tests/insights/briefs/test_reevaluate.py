"""The "re-evaluate" signal on completed policies and impacts, its badge on their pages, and
one query for a whole list page."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from heard.feedback import services as feedback_services
from heard.feedback.models import Input
from heard.impacts import services as impact_services
from heard.insights.briefs import reevaluate
from tests.factories import ImpactFactory, PolicyFactory
from tests.insights.briefs.conftest import client_for

pytestmark = pytest.mark.django_db

BADGE = "reevaluate-badge"


def record(workspace, **links) -> Input:
    return feedback_services.record_input(
        workspace=workspace, actor=None, text="New input after completion.", **links
    )


def published_policy(workspace, days_ago: int = 1, **fields):
    return PolicyFactory(
        workspace=workspace,
        status="published",
        published_at=timezone.now() - datetime.timedelta(days=days_ago),
        **fields,
    )


def closed_impact(workspace, status="closed"):
    impact = ImpactFactory(workspace=workspace)
    if status == "remediated":
        Impact = type(impact)
        Impact.objects.filter(pk=impact.pk).update(status="mitigating")
        impact.refresh_from_db()
    return impact_services.change_status(
        workspace=workspace, actor=None, impact=impact, status=status
    )


def test_policy_needs_reevaluation_only_for_new_input_after_publication(workspace):
    old_input = record(workspace)
    Input.objects.filter(pk=old_input.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=5)
    )
    policy = published_policy(workspace)
    policy.related_inputs.add(old_input)
    assert not reevaluate.needs_reevaluation(policy)
    new = record(workspace)
    policy.related_inputs.add(new)
    assert reevaluate.needs_reevaluation(policy)
    assert list(reevaluate.policies_to_reevaluate(workspace)) == [policy]
    # A draft (reopened) policy is being worked on already: no signal.
    draft = PolicyFactory(workspace=workspace, status="draft", published_at=policy.published_at)
    draft.related_inputs.add(new)
    assert not reevaluate.needs_reevaluation(draft)
    # Archived input does not count.
    feedback_services.archive_input(workspace=workspace, actor=None, input=new)
    assert not reevaluate.needs_reevaluation(policy)


@pytest.mark.parametrize("status", ["closed", "remediated"])
def test_impact_needs_reevaluation_after_new_input(workspace, status):
    before = ImpactFactory(workspace=workspace)
    record(workspace, impacts=[before])
    before = closed_impact(workspace, status)  # a different impact, closed with no input since
    assert not reevaluate.needs_reevaluation(before)
    impact = closed_impact(workspace, status)
    record(workspace, impacts=[impact])
    assert reevaluate.needs_reevaluation(impact)
    assert list(reevaluate.impacts_to_reevaluate(workspace)) == [impact]
    open_impact = ImpactFactory(workspace=workspace)
    record(workspace, impacts=[open_impact])
    assert not reevaluate.needs_reevaluation(open_impact)


def test_badge_on_detail_and_list_pages(workspace, editor):
    policy = published_policy(workspace)
    policy.related_inputs.add(record(workspace))
    quiet_policy = published_policy(workspace)
    impact = closed_impact(workspace)
    record(workspace, impacts=[impact])
    client = client_for(editor)
    slug = workspace.slug
    assert BADGE in client.get(reverse("policies:policy_detail", args=[slug, policy.pk])).text
    assert (
        BADGE
        not in client.get(reverse("policies:policy_detail", args=[slug, quiet_policy.pk])).text
    )
    assert BADGE in client.get(reverse("impacts:impact_detail", args=[slug, impact.pk])).text
    assert client.get(reverse("policies:policy_list", args=[slug])).text.count(BADGE) == 1
    assert client.get(reverse("impacts:impact_list", args=[slug])).text.count(BADGE) == 1
    page = client.get(reverse("briefs:reevaluate", args=[slug])).text
    assert policy.title in page and impact.title in page and quiet_policy.title not in page


def _count(client, path) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["policies:policy_list", "impacts:impact_list"])
def test_list_badges_cost_one_query_whatever_the_rows(workspace, editor, name):
    client = client_for(editor)
    path = reverse(name, args=[workspace.slug]) + "?per_page=100"

    def fill(n):
        for _ in range(n):
            policy = published_policy(workspace)
            policy.related_inputs.add(record(workspace))
            impact = closed_impact(workspace)
            record(workspace, impacts=[impact])

    fill(2)
    small = _count(client, path)
    fill(12)
    assert _count(client, path) == small
    assert client.get(path).text.count(BADGE) == 14
