"""Demo initiatives and impacts: every stage, consistent derived fields, deterministic."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from django.utils import timezone

from heard.core.models import Role
from heard.core.search import full_text_filter
from heard.demo.generate import DemoContext, ProgressHook
from heard.demo.impacts import create_impacts, initiative_count
from heard.impacts import scoring
from heard.impacts.models import (
    EngagementPlan,
    Impact,
    ImpactAction,
    Initiative,
    LifecycleStage,
    StageChange,
)
from heard.impacts.rights import CATALOGUE
from heard.impacts.services import impact_search_text
from tests.factories import MembershipFactory, StakeholderFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db


def build(seed: str):
    workspace = WorkspaceFactory()
    members = {
        role: MembershipFactory(workspace=workspace, role=role).user
        for role in (Role.OWNER, Role.MANAGER, Role.EDITOR, Role.CONTRIBUTOR)
    }
    StakeholderFactory.create_batch(5, workspace=workspace)
    ctx = DemoContext(
        workspace=workspace,
        rng=random.Random(seed),
        now=timezone.now(),
        progress=ProgressHook(),
        members=members,
        counts={"stakeholders": 200},
    )
    create_impacts(ctx)
    return workspace, ctx


def snapshot(workspace):
    return [
        (i.title, i.kind, i.scale, i.scope, i.irremediability, i.likelihood, i.status)
        for i in Impact.objects.for_workspace(workspace).order_by("pk")
    ]


def test_demo_impacts_cover_every_stage_with_consistent_scores():
    workspace, ctx = build("seed-a")
    initiatives = Initiative.objects.for_workspace(workspace)
    assert initiatives.count() == initiative_count(200) == ctx.counts["initiatives"]
    assert set(initiatives.values_list("stage", flat=True)) == set(LifecycleStage.values)
    for initiative in initiatives:
        history = list(StageChange.objects.filter(initiative=initiative).order_by("changed_at"))
        assert history[0].from_stage == "" and history[-1].to_stage == initiative.stage
        assert EngagementPlan.objects.filter(initiative=initiative, stage=initiative.stage).exists()
    impacts = Impact.objects.for_workspace(workspace).prefetch_related("right_links")
    assert impacts.count() == ctx.counts["impacts"] > 0
    assert {"actual", "potential"} == set(impacts.values_list("kind", flat=True))
    for impact in impacts:
        found = scoring.compute(
            kind=impact.kind,
            scale=impact.scale,
            scope=impact.scope,
            irremediability=impact.irremediability,
            likelihood=impact.likelihood,
        )
        assert (impact.severity, impact.salience) == (found.severity, found.salience)
        assert impact.kind == "potential" or impact.likelihood is None
        codes = [r.code for r in impact.right_links.all()]
        assert codes and all(c in CATALOGUE for c in codes)
        assert impact.search_text == impact_search_text(impact, codes)
    assert ImpactAction.objects.for_workspace(workspace).exclude(owner=None).exists()
    statuses = Counter(impacts.values_list("status", flat=True))
    assert len(statuses) >= 5
    assert full_text_filter(impacts, "privacy").exists()  # FTS rows exist for bulk inserts


def test_demo_impacts_are_deterministic():
    first, _ = build("same-seed")
    second, _ = build("same-seed")
    assert snapshot(first) == snapshot(second)
