"""The retention rule: people without contact for N years are pseudonymised — by the daily
task and by `heard privacy retention` — and everyone else is left alone."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from heard.core.audit import verify_chain
from heard.core.errors import DomainError
from heard.core.models import AuditAction, AuditEntry
from heard.core.schedule import DAILY_TASKS
from heard.privacy import services
from heard.privacy.models import Erasure
from heard.privacy.tasks import apply_retention_rules
from heard.stakeholders.models import Stakeholder
from tests.factories import (
    ConsentFactory,
    InputFactory,
    ParticipationFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(days=6 * 366)
RECENTLY = timezone.now() - datetime.timedelta(days=100)


def old(workspace, name: str) -> Stakeholder:
    return StakeholderFactory(workspace=workspace, name=name, created_at=LONG_AGO)


@pytest.fixture
def people(workspace):
    """One person past a five-year rule, and one kept for each kind of recent contact."""
    services.set_retention_policy(workspace=workspace, actor=None, years=5)
    stale = old(workspace, "Stale Person")
    InputFactory(workspace=workspace, stakeholder=stale, created_at=LONG_AGO, text="Old words.")
    kept = {
        "new": StakeholderFactory(workspace=workspace, name="New Person"),
        "input": old(workspace, "Input Person"),
        "participation": old(workspace, "Participant Person"),
        "consent": old(workspace, "Consent Person"),
        "engaged": old(workspace, "Engaged Person"),
    }
    InputFactory(workspace=workspace, stakeholder=kept["input"], created_at=RECENTLY)
    ParticipationFactory(
        workspace=workspace, stakeholder=kept["participation"], engaged_on=RECENTLY.date()
    )
    ConsentFactory(workspace=workspace, stakeholder=kept["consent"], given_at=RECENTLY)
    Stakeholder.objects.filter(pk=kept["engaged"].pk).update(last_engaged_on=RECENTLY.date())
    return stale, kept


def test_only_people_past_the_rule_are_due(workspace, people):
    stale, _kept = people
    cutoff = services.cutoff_for(5)
    assert list(services.stale_stakeholders(workspace, cutoff)) == [stale]


def test_the_command_pseudonymises_them_with_the_reason_retention(workspace, people, capsys):
    stale, kept = people
    call_command("privacy", "retention", "--workspace", workspace.slug, "--dry-run")
    out = capsys.readouterr().out
    assert "1 stakeholder(s)" in out and stale.pseudonym in out and "Stale" not in out
    assert not Erasure.objects.exists()
    call_command("privacy", "retention", "--workspace", workspace.slug)
    erasure = Erasure.objects.get()
    assert (erasure.stakeholder, erasure.reason, erasure.erased_by) == (stale, "retention", None)
    stale.refresh_from_db()
    assert stale.name == services.erased_label(stale)
    assert stale.inputs.count() == 0  # the input stays, anonymous
    assert all(not services.is_erased(p) for p in kept.values())
    entry = AuditEntry.objects.get(workspace=workspace, action=AuditAction.ERASE)
    assert entry.changes["reason"] == "retention" and entry.actor_label == "system"
    assert verify_chain() == []
    call_command("privacy", "retention", "--workspace", workspace.slug)  # idempotent
    assert Erasure.objects.count() == 1


def test_the_daily_task_applies_every_workspaces_rule(workspace, other_workspace, people):
    stale, _kept = people
    elsewhere = old(other_workspace, "Elsewhere Person")  # no rule there: kept
    assert "heard.privacy.tasks.apply_retention_rules" in DAILY_TASKS
    assert apply_retention_rules.enqueue().return_value == 1
    assert services.is_erased(stale) and not services.is_erased(elsewhere)


def test_no_rule_means_nothing_happens(workspace, capsys):
    old(workspace, "Stale Person")
    call_command("privacy", "retention", "--workspace", workspace.slug)
    assert "no retention rule" in capsys.readouterr().out
    assert services.apply_all_retention() == 0


def test_unknown_workspace_and_bad_years_are_refused(workspace):
    with pytest.raises(CommandError):
        call_command("privacy", "retention", "--workspace", "nowhere")
    with pytest.raises(DomainError) as error:
        services.set_retention_policy(workspace=workspace, actor=None, years=0)
    assert error.value.field == "pseudonymise_after_years"
    services.set_retention_policy(workspace=workspace, actor=None, years=None)
    assert services.policy_for(workspace).pseudonymise_after_years is None


def test_the_cutoff_handles_29_february():
    leap = datetime.datetime(2028, 2, 29, 12, tzinfo=datetime.UTC)
    assert services.cutoff_for(1, leap) == datetime.datetime(2027, 2, 28, 12, tzinfo=datetime.UTC)
