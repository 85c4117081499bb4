"""The demo's policies and forums: every stage present, published minutes name nobody."""

from __future__ import annotations

import random

import pytest
from django.utils import timezone

from heard.core.models import Role
from heard.demo.generate import DemoContext, ProgressHook
from heard.demo.policies import create_policies
from heard.policies import queries, redaction, services
from heard.policies.models import Policy, PolicyVersion, VersionStatus
from heard.stakeholders.models import Category
from tests.factories import InputFactory, MembershipFactory, OrganisationFactory, StakeholderFactory

pytestmark = pytest.mark.django_db


def test_demo_policies_and_forums(workspace):
    ctx = DemoContext(
        workspace=workspace, rng=random.Random(1), now=timezone.now(), progress=ProgressHook()
    )
    for role in (Role.OWNER, Role.MANAGER, Role.EDITOR):
        ctx.members[role] = MembershipFactory(workspace=workspace, role=role).user
    for i in range(12):
        StakeholderFactory(
            workspace=workspace,
            name=f"Demo Person{i}",
            category=Category.CSO_REPRESENTATIVE,
            organisation=OrganisationFactory(workspace=workspace, name=f"Rights Group {i}"),
        )
    InputFactory.create_batch(20, workspace=workspace)
    create_policies(ctx)
    assert Policy.objects.count() == 4
    statuses = set(PolicyVersion.objects.values_list("status", flat=True))
    assert statuses == set(VersionStatus.values)
    forums = queries.with_progress(queries.forums(workspace))
    steps = sorted(f.progress.current_step or 4 for f in forums)
    assert steps == [1, 2, 3, 4]
    published = list(queries.published_minutes(workspace))
    assert len(published) == 2
    for minutes in published:
        terms = services.participant_terms(minutes.forum)
        assert terms and not redaction.remaining(minutes.redacted_text, terms)
        assert "Demo Person" not in minutes.redacted_text
        assert "Rights Group" not in minutes.redacted_text
    hate = Policy.objects.get(title="Hateful conduct")
    assert hate.current_number == 2 and hate.versions.get(number=2).considered_inputs.exists()


def test_demo_pages_render(workspace, owner_client):
    from django.urls import reverse

    from heard.policies.models import ForumMinutes, PolicyForum

    ctx = DemoContext(
        workspace=workspace, rng=random.Random(2), now=timezone.now(), progress=ProgressHook()
    )
    for role in (Role.OWNER, Role.MANAGER, Role.EDITOR):
        ctx.members[role] = MembershipFactory(workspace=workspace, role=role).user
    StakeholderFactory.create_batch(8, workspace=workspace, category=Category.EXPERT_ACADEMIC)
    create_policies(ctx)
    slug = workspace.slug
    paths = [
        reverse("policies:policy_list", args=[slug]),
        reverse("policies:forum_list", args=[slug]),
    ]
    paths += [
        reverse("policies:forum_detail", args=[slug, f.pk]) for f in PolicyForum.objects.all()
    ]
    paths += [reverse("policies:policy_detail", args=[slug, p.pk]) for p in Policy.objects.all()]
    paths += [reverse("policies:policy_diff", args=[slug, p.pk]) for p in Policy.objects.all()]
    paths += [
        reverse("policies:minutes_detail", args=[slug, m.pk]) for m in ForumMinutes.objects.all()
    ]
    for path in paths:
        assert owner_client.get(path).status_code == 200, path
