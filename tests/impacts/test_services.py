"""Services: every write validates, is atomic and audited; bad input writes nothing."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from heard.core.errors import DomainError
from heard.core.models import AuditAction, AuditEntry
from heard.impacts import services
from heard.impacts.models import (
    EngagementPlan,
    Impact,
    ImpactAction,
    ImpactRight,
    Initiative,
    StageChange,
    risk_groups_of,
)
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    StakeholderFactory,
    UserFactory,
    WorkspaceFactory,
)

pytestmark = pytest.mark.django_db


def entries(obj) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            object_id=str(obj.pk), content_type=ContentType.objects.get_for_model(obj)
        ).order_by("sequence")
    )


# --- initiatives and stages


def test_create_initiative_starts_the_stage_history_and_is_audited(workspace, make_initiative):
    initiative = make_initiative(stage="development")
    (change,) = initiative.stage_changes.all()
    assert (change.from_stage, change.to_stage) == ("", "development")
    (entry,) = entries(initiative)
    assert entry.action == AuditAction.CREATE
    assert entry.changes["name"] == [None, "Smart reply"]


def test_change_stage_records_who_when_from_to_and_note(workspace, make_initiative):
    initiative = make_initiative()
    actor = MembershipFactory(workspace=workspace).user
    change = services.change_stage(
        workspace=workspace,
        actor=actor,
        initiative=initiative,
        stage="testing",
        note="Beta approved",
    )
    initiative.refresh_from_db()
    assert initiative.stage == "testing"
    assert initiative.stage_changed_at == change.changed_at
    assert (change.from_stage, change.to_stage, change.changed_by, change.note) == (
        "research_design",
        "testing",
        actor,
        "Beta approved",
    )
    entry = entries(initiative)[-1]
    assert entry.changes["stage"] == ["research_design", "testing"]
    assert entry.changes["note"] == [None, "Beta approved"]
    assert entry.actor == actor


@pytest.mark.parametrize("stage", ["research_design", "orbit"])
def test_change_stage_refuses_same_or_unknown_stage(workspace, make_initiative, stage):
    initiative = make_initiative()
    with pytest.raises(DomainError) as error:
        services.change_stage(workspace=workspace, actor=None, initiative=initiative, stage=stage)
    assert error.value.field == "stage"
    assert StageChange.objects.filter(initiative=initiative).count() == 1


def test_update_initiative_does_not_move_the_stage(workspace, make_initiative):
    initiative = make_initiative()
    with pytest.raises(DomainError):
        services.update_initiative(
            workspace=workspace, actor=None, initiative=initiative, stage="launch"
        )
    services.update_initiative(
        workspace=workspace, actor=None, initiative=initiative, owning_team="Growth"
    )
    initiative.refresh_from_db()
    assert initiative.owning_team == "Growth" and initiative.stage == "research_design"
    assert entries(initiative)[-1].changes == {"owning_team": ["Messaging", "Growth"]}


def test_initiative_of_another_workspace_is_refused(workspace, make_initiative):
    initiative = make_initiative()
    with pytest.raises(DomainError):
        services.change_stage(
            workspace=WorkspaceFactory(), actor=None, initiative=initiative, stage="launch"
        )


# --- engagement plans


def test_save_plan_creates_then_updates_one_plan_per_stage(workspace, make_initiative):
    initiative = make_initiative()
    person = StakeholderFactory(workspace=workspace)
    org = OrganisationFactory(workspace=workspace)
    plan = services.save_plan(
        workspace=workspace,
        actor=None,
        initiative=initiative,
        stage="testing",
        categories=["lived_experience", "cso_representative"],
        relations=["potentially_affected"],
        risk_groups=["women_girls"],
        stakeholders=[person],
        organisations=[org],
        timing="before_launch",
        cleared_to_share="Screenshots of the beta",
    )
    again = services.save_plan(
        workspace=workspace,
        actor=None,
        initiative=initiative,
        stage="testing",
        categories=["expert_academic"],
        timing="on_date",
        target_on="2027-01-15",
    )
    assert again.pk == plan.pk
    assert EngagementPlan.objects.filter(initiative=initiative).count() == 1
    assert list(again.stakeholders.all()) == [] and again.categories == ["expert_academic"]
    actions = [e.action for e in entries(plan)]
    assert actions == [AuditAction.CREATE, AuditAction.UPDATE]
    assert entries(plan)[-1].changes["stakeholders"] == [[person.pk], []]


def test_save_plan_rejects_unknown_codes_and_foreign_stakeholders(workspace, make_initiative):
    initiative = make_initiative()
    with pytest.raises(DomainError) as error:
        services.save_plan(
            workspace=workspace, actor=None, initiative=initiative, stage="launch",
            risk_groups=["dragons"],
        )  # fmt: skip
    assert error.value.field == "risk_groups" and "dragons" in error.value.message
    with pytest.raises(DomainError):
        services.save_plan(
            workspace=workspace,
            actor=None,
            initiative=initiative,
            stage="launch",
            stakeholders=[StakeholderFactory()],
        )
    assert not EngagementPlan.objects.exists()


# --- impacts: scores and links


def test_create_impact_computes_severity_and_salience(workspace, make_impact, make_initiative):
    initiative = make_initiative()
    impact = make_impact(
        scale=4,
        scope=3,
        irremediability=5,
        likelihood=2,
        rights=["iccpr-17", "udhr-12"],
        risk_groups=["hrd", "journalists"],
        initiatives=[initiative],
    )
    assert (impact.severity, impact.salience) == (60, 120)
    assert set(impact.right_links.values_list("code", flat=True)) == {"iccpr-17", "udhr-12"}
    assert risk_groups_of(Impact.objects.filter(pk=impact.pk)) == {"hrd", "journalists"}
    assert risk_groups_of([impact]) == {"hrd", "journalists"}
    assert list(impact.initiatives.all()) == [initiative]
    (entry,) = entries(impact)
    assert entry.changes["rights"] == [None, ["iccpr-17", "udhr-12"]]
    assert entry.changes["severity"] == [None, 60]


def test_actual_impact_is_certain(workspace, make_impact):
    impact = make_impact(kind="actual", scale=2, scope=2, irremediability=2)
    assert (impact.severity, impact.salience, impact.likelihood) == (8, 40, None)


def test_update_impact_recomputes_and_audits_the_diff(workspace, make_impact):
    impact = make_impact()
    services.update_impact(
        workspace=workspace, actor=None, impact=impact, scale=5, rights=["udhr-19", "iccpr-19"]
    )
    impact.refresh_from_db()
    assert (impact.severity, impact.salience) == (30, 120)
    changes = entries(impact)[-1].changes
    assert changes["scale"] == [3, 5]
    assert changes["severity"] == [18, 30]
    assert changes["rights"] == [["iccpr-19"], ["iccpr-19", "udhr-19"]]


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"scale": 7}, "scale", "1 to 5"),
        ({"irremediability": 0}, "irremediability", "1 to 5"),
        ({"kind": "actual", "likelihood": 3}, "likelihood", "potential"),
        ({"rights": ["udhr-19", "udhr-99"]}, "rights", "udhr-99"),
        ({"rights": []}, "rights", "at least one right"),
        ({"risk_groups": ["wizards"]}, "risk_groups", "wizards"),
    ],
)
def test_bad_impact_input_names_the_field_and_writes_nothing(
    workspace, make_impact, fields, field, words
):
    with pytest.raises(DomainError) as error:
        make_impact(**fields)
    assert error.value.field == field
    assert words in error.value.message
    assert not Impact.objects.exists()
    assert not ImpactRight.objects.exists()
    assert not AuditEntry.objects.filter(workspace=workspace).exists()


def test_bad_update_leaves_the_impact_unchanged(workspace, make_impact):
    impact = make_impact()
    count = AuditEntry.objects.count()
    with pytest.raises(DomainError) as error:
        services.update_impact(workspace=workspace, actor=None, impact=impact, scope=7)
    assert error.value.field == "scope"
    with pytest.raises(DomainError):
        services.update_impact(workspace=workspace, actor=None, impact=impact, rights=["x-1"])
    impact = Impact.objects.get(pk=impact.pk)
    assert impact.scope == 3 and impact.severity == 18
    assert list(impact.right_links.values_list("code", flat=True)) == ["iccpr-19"]
    assert AuditEntry.objects.count() == count


def test_impact_cannot_link_another_workspaces_initiative(workspace, make_impact):
    foreign = Initiative.objects.create(workspace=WorkspaceFactory(), name="Theirs")
    with pytest.raises(DomainError):
        make_impact(initiatives=[foreign])
    assert not Impact.objects.exists()


# --- status


def test_status_moves_along_due_diligence_and_is_audited(workspace, make_impact):
    impact = make_impact()
    for status in ("assessed", "action_planned", "mitigating", "remediated"):
        services.change_status(
            workspace=workspace, actor=None, impact=impact, status=status, note=f"to {status}"
        )
    impact.refresh_from_db()
    assert impact.status == "remediated" and impact.status_changed_at is not None
    statuses = [e.changes["status"] for e in entries(impact)[1:]]
    assert statuses[0] == ["identified", "assessed"] and statuses[-1] == [
        "mitigating",
        "remediated",
    ]
    assert entries(impact)[-1].changes["note"] == [None, "to remediated"]


def test_status_cannot_skip_steps(workspace, make_impact):
    impact = make_impact()
    with pytest.raises(DomainError) as error:
        services.change_status(workspace=workspace, actor=None, impact=impact, status="remediated")
    assert "Assessed" in error.value.message and error.value.field == "status"
    impact.refresh_from_db()
    assert impact.status == "identified"
    services.change_status(workspace=workspace, actor=None, impact=impact, status="closed")
    impact.refresh_from_db()
    assert impact.status == "closed"


def test_status_cannot_be_changed_through_update(workspace, make_impact):
    impact = make_impact()
    with pytest.raises(DomainError):
        services.update_impact(workspace=workspace, actor=None, impact=impact, status="closed")


# --- actions


def test_actions_have_member_owners_and_done_dates(workspace, make_impact):
    impact = make_impact()
    owner = MembershipFactory(workspace=workspace).user
    action = services.create_action(
        workspace=workspace,
        actor=None,
        impact=impact,
        description="Add a report button",
        owner=owner,
        due_on="2027-03-01",
    )
    services.update_action(workspace=workspace, actor=None, action=action, is_done=True)
    action.refresh_from_db()
    assert action.is_done and action.done_at is not None
    services.update_action(workspace=workspace, actor=None, action=action, is_done=False)
    action.refresh_from_db()
    assert action.done_at is None
    assert [e.action for e in entries(action)] == [
        AuditAction.CREATE,
        AuditAction.UPDATE,
        AuditAction.UPDATE,
    ]
    with pytest.raises(DomainError) as error:
        services.create_action(
            workspace=workspace,
            actor=None,
            impact=impact,
            description="Outsider's job",
            owner=UserFactory(),
        )
    assert error.value.field == "owner"
    assert ImpactAction.objects.count() == 1


# --- archive


@pytest.mark.parametrize("kind", ["initiative", "impact"])
def test_archive_and_restore_are_audited(workspace, make_initiative, make_impact, kind):
    obj = make_initiative() if kind == "initiative" else make_impact()
    services.archive(workspace=workspace, actor=None, obj=obj)
    assert type(obj).objects.archived().filter(pk=obj.pk).exists()
    services.restore(workspace=workspace, actor=None, obj=obj)
    assert type(obj).objects.active().filter(pk=obj.pk).exists()
    assert [e.action for e in entries(obj)][-2:] == [AuditAction.ARCHIVE, AuditAction.RESTORE]
    with pytest.raises(DomainError):
        services.archive(workspace=WorkspaceFactory(), actor=None, obj=obj)


def test_next_statuses_offer_the_forward_step_first(workspace, make_impact):
    impact = make_impact()
    services.change_status(workspace=workspace, actor=None, impact=impact, status="assessed")
    assert [s for s, _label in services.next_statuses(impact)] == [
        "action_planned",
        "closed",
        "identified",
    ]
