"""`heard demo`: two workspaces, every role, a realistic spread, deterministic, idempotent."""

from __future__ import annotations

import unicodedata
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from heard.core.audit import verify_chain
from heard.core.crypto import blind_index
from heard.core.models import AuditAction, AuditEntry, Membership, Role, User, Workspace
from heard.core.search import full_text_filter
from heard.demo.generate import DEMO_PASSWORD
from heard.stakeholders.models import (
    Category,
    Consent,
    Organisation,
    OrganisationType,
    SafetyLevel,
    Stakeholder,
)
from heard.stakeholders.services import (
    apply_country,
    organisation_search_text,
    stakeholder_search_text,
)

pytestmark = pytest.mark.django_db


def run_demo(**options) -> str:
    out = StringIO()
    call_command("demo", size="small", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def demo():
    run_demo()
    return {ws.slug: ws for ws in Workspace.objects.all()}


def first_names(count: int = 40) -> list[str]:
    return list(
        Stakeholder.objects.order_by(
            "workspace__slug", "created_at", "name", "pseudonym"
        ).values_list("name", flat=True)[:count]
    )


def script_of(name: str) -> str:
    return unicodedata.name(name[0]).split()[0]


def test_two_workspaces_with_separate_members_in_every_role(demo):
    assert set(demo) == {"acme", "globex"}
    for slug, workspace in demo.items():
        memberships = Membership.objects.filter(workspace=workspace).select_related("user")
        assert sorted(m.role for m in memberships) == sorted(Role.values)
        for membership in memberships:
            assert membership.user.email == f"{membership.role}@{slug}.example"
            assert membership.user.check_password(DEMO_PASSWORD)
    acme_users = set(
        Membership.objects.filter(workspace=demo["acme"]).values_list("user", flat=True)
    )
    globex_users = set(
        Membership.objects.filter(workspace=demo["globex"]).values_list("user", flat=True)
    )
    assert not acme_users & globex_users


def test_prints_the_logins(db):
    output = run_demo()
    assert "owner@acme.example" in output
    assert "owner@globex.example" in output
    assert DEMO_PASSWORD in output


@pytest.mark.parametrize("slug", ["acme", "globex"])
def test_stakeholders_have_a_realistic_spread(demo, slug):
    stakeholders = list(Stakeholder.objects.for_workspace(demo[slug]))
    assert 150 <= len(stakeholders) <= 250
    scripts = Counter(script_of(s.name) for s in stakeholders)
    assert {"LATIN", "ARABIC", "CJK"} <= set(scripts)
    assert len(scripts) >= 6, scripts
    global_majority = sum(1 for s in stakeholders if s.is_global_majority)
    assert global_majority / len(stakeholders) >= 0.55
    assert {s.category for s in stakeholders} == set(Category.values)
    high_risk = sum(1 for s in stakeholders if s.safety_level == SafetyLevel.HIGH_RISK)
    assert 0.01 <= high_risk / len(stakeholders) <= 0.10
    assert len({s.country.code for s in stakeholders}) >= 20
    assert any(s.last_engaged_on is None for s in stakeholders)
    assert len({s.time_zone for s in stakeholders}) >= 15
    assert len({s.relationship_owner_id for s in stakeholders}) >= 3


def test_organisations_of_every_type_with_parent_links(demo):
    organisations = Organisation.objects.for_workspace(demo["acme"])
    assert set(organisations.values_list("type", flat=True)) == set(OrganisationType.values)
    assert organisations.filter(parent__isnull=False).count() >= 3
    assert Stakeholder.objects.for_workspace(demo["acme"]).filter(organisation__isnull=False)


def test_consents_in_every_state(demo):
    now = timezone.now()
    for workspace in demo.values():
        consents = Consent.objects.for_workspace(workspace)
        stakeholders = Stakeholder.objects.for_workspace(workspace)
        assert consents.valid().exists()
        assert consents.filter(withdrawn_at__isnull=False).exists()
        assert consents.filter(withdrawn_at__isnull=True, expires_at__lte=now).exists()
        assert stakeholders.filter(consents__isnull=True).exists()
        with_valid = stakeholders.filter(pk__in=consents.valid().values("stakeholder")).count()
        assert with_valid / stakeholders.count() >= 0.5


def test_derived_fields_match_the_services(demo):
    workspace = demo["acme"]
    stakeholders = Stakeholder.objects.for_workspace(workspace).select_related("organisation")
    codes = list(stakeholders.values_list("pseudonym", flat=True))
    assert len(codes) == len(set(codes))
    for stakeholder in stakeholders.prefetch_related("topics")[:60]:
        region, flag = stakeholder.region, stakeholder.is_global_majority
        apply_country(stakeholder, {})
        assert (region, flag) == (stakeholder.region, stakeholder.is_global_majority)
        topics = [t.name for t in stakeholder.topics.all()]
        assert stakeholder.search_text == stakeholder_search_text(stakeholder, topics)
        assert stakeholder.email_index == blind_index(stakeholder.email)
        if stakeholder.email:
            assert stakeholder.email.endswith("example.org")
    for organisation in Organisation.objects.for_workspace(workspace)[:30]:
        assert organisation.search_text == organisation_search_text(organisation)


def test_contact_details_are_encrypted_at_rest(demo):
    from django.db import connection

    stakeholder = Stakeholder.objects.for_workspace(demo["acme"]).exclude(email="").first()
    with connection.cursor() as cursor:
        cursor.execute("SELECT email FROM stakeholders_stakeholder WHERE id = %s", [stakeholder.pk])
        stored = cursor.fetchone()[0]
    assert stored and stakeholder.email not in stored


def test_full_text_search_finds_demo_rows(demo):
    workspace = demo["acme"]
    standard = (
        Stakeholder.objects.for_workspace(workspace)
        .filter(safety_level=SafetyLevel.STANDARD)
        .order_by("pk")
        .first()
    )
    found = full_text_filter(Stakeholder.objects.for_workspace(workspace), standard.name)
    assert standard in found


def test_one_audit_entry_per_workspace_and_a_sound_chain(demo):
    for workspace in demo.values():
        entries = AuditEntry.objects.filter(workspace=workspace)
        assert entries.count() == 1
        assert entries.get().action == AuditAction.IMPORT
    assert verify_chain() == []


def test_same_seed_same_names_other_seed_other_names(db):
    run_demo(seed=7)
    first = first_names()
    Workspace.objects.all().delete()
    User.objects.all().delete()
    run_demo(seed=7)
    assert first_names() == first
    Workspace.objects.all().delete()
    User.objects.all().delete()
    run_demo(seed=8)
    assert first_names() != first


def test_if_empty_does_not_duplicate(demo):
    before = Stakeholder.objects.count(), User.objects.count()
    output = run_demo(if_empty=True)
    assert (Stakeholder.objects.count(), User.objects.count()) == before
    assert Workspace.objects.count() == 2
    assert "owner@acme.example" in output


def test_refuses_to_load_twice_without_if_empty(demo):
    with pytest.raises(CommandError):
        run_demo()


def test_the_demo_leaves_planner_statistics_for_its_bulk_load():
    from django.db import connection

    run_demo()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'stakeholders_stakeholder'"
            )
            assert cursor.fetchone()[0] > 0
        else:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE relname = 'stakeholders_stakeholder'"
            )
            assert cursor.fetchone()[0] > 0
