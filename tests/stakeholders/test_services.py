"""Registry services: create, update, archive/restore, consent, bulk, merge, overrides."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from heard.core.errors import DomainError
from heard.core.models import AuditAction, AuditEntry, Role
from heard.stakeholders import services
from heard.stakeholders.models import (
    Consent,
    Organisation,
    Stakeholder,
    StakeholderLanguage,
    Tag,
    Topic,
)
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def entries(workspace, obj, action=None):
    qs = AuditEntry.objects.filter(workspace=workspace, object_id=str(obj.pk))
    return qs.filter(action=action) if action else qs


def test_create_derives_region_flag_and_audits(workspace, make_person):
    person = make_person("Amina Njoroge", country="KE", languages=["sw", "en"])
    assert person.region == "Africa"
    assert person.is_global_majority is True
    assert sorted(person.language_links.values_list("code", flat=True)) == ["en", "sw"]
    assert entries(workspace, person, AuditAction.CREATE).count() == 1


def test_update_changes_fields_and_records_diff(workspace, make_person):
    person = make_person("Amina Njoroge", country="KE")
    services.update_stakeholder(
        workspace=workspace, actor=None, stakeholder=person, country="DE", languages=["de"]
    )
    person.refresh_from_db()
    assert person.is_global_majority is False
    entry = entries(workspace, person, AuditAction.UPDATE).get()
    assert entry.changes["country"] == ["KE", "DE"]
    assert entry.changes["languages"] == [[], ["de"]]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"country": "XX"}, "country"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"languages": ["xx-nope"]}, "languages"),
    ],
)
def test_bad_stakeholder_input_names_the_field_and_writes_nothing(workspace, fields, field):
    with pytest.raises(DomainError) as error:
        services.create_stakeholder(workspace=workspace, actor=None, name="Someone", **fields)
    assert error.value.field == field
    assert not Stakeholder.objects.filter(workspace=workspace).exists()
    assert not AuditEntry.objects.filter(workspace=workspace).exists()


def test_bad_update_writes_nothing(workspace, make_person):
    person = make_person("Ada", time_zone="Europe/Paris")
    with pytest.raises(DomainError) as error:
        services.update_stakeholder(
            workspace=workspace, actor=None, stakeholder=person, time_zone="Nowhere/Town"
        )
    assert error.value.field == "time_zone"
    person.refresh_from_db()
    assert person.time_zone == "Europe/Paris"


def test_organisation_cannot_be_its_own_parent_or_ancestor(workspace, organisation):
    child = services.create_organisation(
        workspace=workspace, actor=None, name="Child", parent=organisation
    )
    for parent in (organisation, child):
        with pytest.raises(DomainError) as error:
            services.update_organisation(
                workspace=workspace, actor=None, organisation=organisation, parent=parent
            )
        assert error.value.field == "parent"
    organisation.refresh_from_db()
    assert organisation.parent_id is None


def test_unknown_organisation_country_is_refused(workspace):
    with pytest.raises(DomainError) as error:
        services.create_organisation(workspace=workspace, actor=None, name="X", country="QQ")
    assert error.value.field == "country"
    assert not Organisation.objects.filter(workspace=workspace).exists()


def test_archive_and_restore(workspace, make_person):
    person = make_person()
    services.archive(workspace=workspace, actor=None, obj=person)
    assert person.archived_at is not None
    services.restore(workspace=workspace, actor=None, obj=person)
    assert person.archived_at is None
    assert entries(workspace, person, AuditAction.ARCHIVE).count() == 1
    assert entries(workspace, person, AuditAction.RESTORE).count() == 1


def test_high_risk_name_leaves_search_text_when_safety_level_rises(workspace, make_person):
    person = make_person("Zeynep Kaya", notes="secret note")
    assert "zeynep" in person.search_text
    services.update_stakeholder(
        workspace=workspace, actor=None, stakeholder=person, safety_level="high_risk"
    )
    person.refresh_from_db()
    assert "zeynep" not in person.search_text
    assert "secret" not in person.search_text
    assert person.pseudonym.lower() in person.search_text


def test_topics_and_tags_are_created_once_ignoring_case(workspace):
    first = services.topics_named(workspace, "Privacy, content moderation ,privacy")
    assert [t.name for t in first] == ["Privacy", "content moderation"]
    again = services.topics_named(workspace, ["PRIVACY"])
    assert again == [first[0]]
    assert Topic.objects.filter(workspace=workspace).count() == 2
    services.tags_named(workspace, "a,b")
    assert Tag.objects.filter(workspace=workspace).count() == 2


# --- consent


def test_consent_is_recorded_and_withdrawn_never_overwritten(workspace, make_person):
    person = make_person()
    first = services.record_consent(workspace=workspace, actor=None, stakeholder=person)
    assert first.is_valid()
    services.withdraw_consent(workspace=workspace, actor=None, consent=first)
    second = services.record_consent(workspace=workspace, actor=None, stakeholder=person)
    rows = Consent.objects.filter(stakeholder=person).order_by("pk")
    assert [c.pk for c in rows] == [first.pk, second.pk]
    assert rows[0].withdrawn_at is not None and rows[1].withdrawn_at is None
    with pytest.raises(DomainError):
        services.withdraw_consent(workspace=workspace, actor=None, consent=first)
    assert entries(workspace, person, AuditAction.UPDATE).count() == 3


def test_consent_must_expire_after_it_was_given(workspace, make_person):
    person = make_person()
    now = timezone.now()
    with pytest.raises(DomainError) as error:
        services.record_consent(
            workspace=workspace,
            actor=None,
            stakeholder=person,
            given_at=now,
            expires_at=now - timedelta(days=1),
        )
    assert error.value.field == "expires_at"
    assert not Consent.objects.exists()


# --- bulk


def test_bulk_tag_owner_archive_restore(workspace, make_person):
    people = [make_person(f"Person {i}") for i in range(3)]
    tag, count = services.bulk_add_tag(
        workspace=workspace, actor=None, stakeholders=people, tag_name="advisory council"
    )
    assert count == 3
    _tag, again = services.bulk_add_tag(
        workspace=workspace, actor=None, stakeholders=people, tag_name="Advisory Council"
    )
    assert again == 0 and _tag == tag
    owner = MembershipFactory(workspace=workspace, role=Role.EDITOR).user
    assert (
        services.bulk_assign_owner(
            workspace=workspace, actor=None, stakeholders=people, owner=owner
        )
        == 3
    )
    assert set(Stakeholder.objects.values_list("relationship_owner", flat=True)) == {owner.pk}
    done = services.bulk_archive(workspace=workspace, actor=None, stakeholders=people)
    assert len(done) == 3
    assert not Stakeholder.objects.active().exists()
    restored = services.bulk_restore(
        workspace=workspace, actor=None, stakeholders=Stakeholder.objects.filter(pk__in=done)
    )
    assert sorted(restored) == sorted(done)


def test_bulk_owner_must_be_a_member(workspace, make_person, user):
    with pytest.raises(DomainError):
        services.bulk_assign_owner(
            workspace=workspace, actor=None, stakeholders=[make_person()], owner=user
        )


def test_bulk_refuses_other_workspace_rows(workspace, other_workspace, make_person):
    foreign = services.create_stakeholder(workspace=other_workspace, actor=None, name="F")
    with pytest.raises(DomainError):
        services.bulk_archive(workspace=workspace, actor=None, stakeholders=[foreign])
    foreign.refresh_from_db()
    assert foreign.archived_at is None


# --- merge


def test_merge_moves_relations_fills_fields_and_archives(workspace, make_person, organisation):
    topic_a, topic_b = services.topics_named(workspace, "privacy, labour")
    keep = make_person("José Silva", languages=["pt"], topics=[topic_a])
    duplicate = make_person(
        "Jose Silva",
        email="jose@example.org",
        organisation=organisation,
        languages=["pt", "es"],
        topics=[topic_a, topic_b],
        safety_level="elevated",
        is_key_relationship=True,
    )
    consent = services.record_consent(workspace=workspace, actor=None, stakeholder=duplicate)
    services.merge_stakeholders(workspace=workspace, actor=None, keep=keep, duplicate=duplicate)
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep and duplicate.archived_at is not None
    assert keep.email == "jose@example.org" and keep.email_index
    assert keep.organisation == organisation
    assert keep.safety_level == "elevated" and keep.is_key_relationship
    assert sorted(keep.language_links.values_list("code", flat=True)) == ["es", "pt"]
    assert StakeholderLanguage.objects.filter(stakeholder=duplicate).count() == 0
    assert set(keep.topics.all()) == {topic_a, topic_b}
    consent.refresh_from_db()
    assert consent.stakeholder == keep
    assert entries(workspace, keep, AuditAction.MERGE).count() == 1
    assert entries(workspace, duplicate, AuditAction.MERGE).count() == 1


def test_merge_keeps_the_stricter_safety_level(workspace, make_person):
    keep = make_person("A")
    duplicate = make_person("B", safety_level="high_risk")
    services.merge_stakeholders(workspace=workspace, actor=None, keep=keep, duplicate=duplicate)
    keep.refresh_from_db()
    assert keep.is_high_risk
    assert "a" not in keep.search_text.split()


def test_merge_refuses_same_record_other_workspace_and_double_merge(
    workspace, other_workspace, make_person
):
    a, b, c = make_person("A"), make_person("B"), make_person("C")
    foreign = services.create_stakeholder(workspace=other_workspace, actor=None, name="F")
    for keep, duplicate in ((a, a), (a, foreign)):
        with pytest.raises(DomainError):
            services.merge_stakeholders(
                workspace=workspace, actor=None, keep=keep, duplicate=duplicate
            )
    services.merge_stakeholders(workspace=workspace, actor=None, keep=a, duplicate=b)
    with pytest.raises(DomainError):
        services.merge_stakeholders(workspace=workspace, actor=None, keep=c, duplicate=b)


# --- Global Majority overrides


def test_country_override_recomputes_people_and_orgs(workspace, make_person, organisation):
    person = make_person(country="KE")
    other = make_person("Other", country="BR")
    counts = services.set_country_override(
        workspace=workspace, actor=None, country="KE", is_global_majority=False
    )
    assert counts == (1, 1)
    person.refresh_from_db()
    organisation.refresh_from_db()
    other.refresh_from_db()
    assert person.is_global_majority is False and organisation.is_global_majority is False
    assert other.is_global_majority is True
    # New records in that country follow the override too.
    assert make_person("New", country="KE").is_global_majority is False
    services.remove_country_override(workspace=workspace, actor=None, country="KE")
    person.refresh_from_db()
    assert person.is_global_majority is True
    assert (
        AuditEntry.objects.filter(
            workspace=workspace, object_repr__contains="classification"
        ).count()
        == 2
    )


def test_country_override_rejects_unknown_country(workspace):
    with pytest.raises(DomainError):
        services.set_country_override(
            workspace=workspace, actor=None, country="ZZ", is_global_majority=True
        )
