"""Every filter and sort of the registry lists, search on both engines, duplicates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from heard.core.models import Role
from heard.stakeholders import queries, services
from heard.stakeholders.models import Stakeholder
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def names(found) -> list[str]:
    return [s.name for s in found.queryset]


@pytest.fixture
def people(workspace, make_person, organisation):
    """A small registry where each filter value picks out known people."""
    owner = MembershipFactory(workspace=workspace, role=Role.EDITOR).user
    privacy = services.topics_named(workspace, "privacy")
    council = services.tags_named(workspace, "council")
    amina = make_person(
        "Amina",
        kind="external",
        category="cso_representative",
        relation="legitimate_representative",
        organisation=organisation,
        country="KE",
        languages=["sw"],
        topics=privacy,
        tags=council,
        risk_groups=["women_girls"],
        safety_level="elevated",
        relationship_owner=owner,
        has_standing_agreement=True,
        is_compensation_eligible=True,
        is_key_relationship=True,
    )
    bernd = make_person("Bernd", kind="internal", category="employee", country="DE")
    carla = make_person("Carla", category="expert_academic", relation="potentially_affected")
    dmitri = make_person("Dmitri", country="", safety_level="high_risk")
    services.record_consent(workspace=workspace, actor=None, stakeholder=amina)
    withdrawn = services.record_consent(workspace=workspace, actor=None, stakeholder=bernd)
    services.withdraw_consent(workspace=workspace, actor=None, consent=withdrawn)
    services.record_consent(
        workspace=workspace,
        actor=None,
        stakeholder=carla,
        given_at=timezone.now() - timedelta(days=30),
        expires_at=timezone.now() - timedelta(days=1),
    )
    Stakeholder.objects.filter(pk=amina.pk).update(last_engaged_on=date(2026, 5, 1))
    Stakeholder.objects.filter(pk=bernd.pk).update(last_engaged_on=date(2025, 1, 1))
    return {"amina": amina, "bernd": bernd, "carla": carla, "dmitri": dmitri, "owner": owner}


def run(workspace, **params):
    return queries.stakeholder_list(workspace, None, params)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Amina", "Bernd", "Carla", "Dmitri"]),
        ({"kind": "internal"}, ["Bernd"]),
        ({"category": "expert_academic"}, ["Carla"]),
        ({"relation": "potentially_affected"}, ["Carla"]),
        ({"country": "DE"}, ["Bernd"]),
        ({"region": "Europe"}, ["Bernd"]),
        ({"global_majority": "yes"}, ["Amina", "Carla"]),
        ({"global_majority": "no"}, ["Bernd"]),
        ({"global_majority": "unknown"}, ["Dmitri"]),
        ({"language": "sw"}, ["Amina"]),
        ({"risk_group": "women_girls"}, ["Amina"]),
        ({"safety_level": "high_risk"}, ["Dmitri"]),
        ({"owner": "none"}, ["Bernd", "Carla", "Dmitri"]),
        ({"standing_agreement": "yes"}, ["Amina"]),
        ({"compensation": "no"}, ["Bernd", "Carla", "Dmitri"]),
        ({"key_relationship": "yes"}, ["Amina"]),
        ({"consent": "valid"}, ["Amina"]),
        ({"consent": "none"}, ["Carla", "Dmitri"]),
        ({"consent": "withdrawn"}, ["Bernd"]),
        ({"engaged_since": "2026-01-01"}, ["Amina"]),
        ({"never_engaged": "on"}, ["Carla", "Dmitri"]),
    ],
)
def test_each_filter(workspace, people, params, expected):
    found = run(workspace, **params)
    assert names(found) == expected
    assert found.notes == []


def test_filters_on_related_rows(workspace, people, organisation):
    topic = people["amina"].topics.get()
    tag = people["amina"].tags.get()
    assert names(run(workspace, topic=str(topic.pk))) == ["Amina"]
    assert names(run(workspace, tag=str(tag.pk))) == ["Amina"]
    assert names(run(workspace, organisation=str(organisation.pk))) == ["Amina"]
    assert names(run(workspace, owner=str(people["owner"].pk))) == ["Amina"]


def test_archived_filter(workspace, people):
    services.archive(workspace=workspace, actor=None, obj=people["bernd"])
    assert "Bernd" not in names(run(workspace))
    assert names(run(workspace, archived="archived")) == ["Bernd"]
    assert len(names(run(workspace, archived="all"))) == 4


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Amina", "Bernd", "Carla", "Dmitri"]),
        ("-name", ["Dmitri", "Carla", "Bernd", "Amina"]),
        ("category", ["Amina", "Bernd", "Carla", "Dmitri"]),
        ("country", ["Dmitri", "Bernd", "Amina", "Carla"]),
        ("-last_engaged", ["Amina", "Bernd", "Dmitri", "Carla"]),
        ("last_engaged", ["Bernd", "Amina", "Carla", "Dmitri"]),
        ("created", ["Amina", "Bernd", "Carla", "Dmitri"]),
        ("-created", ["Dmitri", "Carla", "Bernd", "Amina"]),
    ],
)
def test_each_sort(workspace, people, sort, expected):
    # category values: cso_representative < employee < expert_academic < other
    assert names(run(workspace, sort=sort)) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"country": "XX"},
        {"kind": "alien"},
        {"topic": "abc"},
        {"topic": "999999"},
        {"engaged_since": "yesterday"},
        {"sort": "password"},
        {"owner": "12345678"},
        {"organisation": "many"},
    ],
)
def test_invalid_values_are_ignored_with_a_note(workspace, people, params):
    found = run(workspace, **params)
    assert len(names(found)) == 4
    assert len(found.notes) == 1
    assert next(iter(params)) not in found.values


def test_valid_consent_is_annotated(workspace, people):
    flags = {s.name: s.has_valid_consent for s in run(workspace).queryset}
    assert flags == {"Amina": True, "Bernd": False, "Carla": False, "Dmitri": False}


# --- search (runs on whichever engine DATABASE_URL selects: SQLite FTS5 or PostgreSQL)


def test_search_ignores_case_and_diacritics(workspace, make_person):
    make_person("José Álvarez")
    make_person("Jean Dupont")
    assert names(run(workspace, q="jose")) == ["José Álvarez"]
    assert names(run(workspace, q="ALVA")) == ["José Álvarez"]
    assert names(run(workspace, q="josé álvarez")) == ["José Álvarez"]
    assert names(run(workspace, q="j")) == ["Jean Dupont", "José Álvarez"]


def test_search_finds_organisation_and_topic(workspace, make_person, organisation):
    make_person(
        "Amina", organisation=organisation, topics=services.topics_named(workspace, "surveillance")
    )
    make_person("Other")
    assert names(run(workspace, q="digital rights")) == ["Amina"]
    assert names(run(workspace, q="surveil")) == ["Amina"]


def test_high_risk_name_is_not_findable_but_pseudonym_is(workspace, make_person):
    person = make_person("Zeynep Kaya", safety_level="high_risk")
    assert names(run(workspace, q="zeynep")) == []
    assert names(run(workspace, q=person.pseudonym)) == ["Zeynep Kaya"]


def test_search_follows_organisation_rename(workspace, make_person, organisation):
    make_person("Amina", organisation=organisation)
    services.update_organisation(
        workspace=workspace, actor=None, organisation=organisation, name="Access Now"
    )
    assert names(run(workspace, q="access")) == ["Amina"]
    assert names(run(workspace, q="watch")) == []


def test_search_is_scoped_to_the_workspace(workspace, other_workspace, make_person):
    make_person("Samira")
    services.create_stakeholder(workspace=other_workspace, actor=None, name="Samira")
    assert len(names(run(workspace, q="samira"))) == 1


def test_search_engine_is_the_configured_one():
    assert connection.vendor in {"sqlite", "postgresql"}


# --- organisations


def test_organisation_filters_and_sorts(workspace):
    services.create_organisation(
        workspace=workspace, actor=None, name="Beta", type="academic", country="DE"
    )
    services.create_organisation(
        workspace=workspace, actor=None, name="Alpha", type="media", country="BR"
    )
    services.create_organisation(workspace=workspace, actor=None, name="Gamma Ümlaut")

    def org_names(**params):
        return [o.name for o in queries.organisation_list(workspace, params).queryset]

    assert org_names() == ["Alpha", "Beta", "Gamma Ümlaut"]
    assert org_names(type="academic") == ["Beta"]
    assert org_names(country="BR") == ["Alpha"]
    assert org_names(region="Europe") == ["Beta"]
    assert org_names(global_majority="yes") == ["Alpha"]
    assert org_names(global_majority="unknown") == ["Gamma Ümlaut"]
    assert org_names(q="umlaut") == ["Gamma Ümlaut"]
    assert org_names(sort="-name") == ["Gamma Ümlaut", "Beta", "Alpha"]
    assert org_names(sort="type") == ["Beta", "Gamma Ümlaut", "Alpha"]
    assert org_names(sort="country") == ["Gamma Ümlaut", "Alpha", "Beta"]
    found = queries.organisation_list(workspace, {"type": "spaceship"})
    assert len(found.notes) == 1 and found.queryset.count() == 3


# --- duplicates


def test_likely_duplicates_by_email_and_similar_name(
    workspace, make_person, organisation, other_org
):
    a = make_person("Maria Fernanda Costa", email="MFC@example.org", organisation=organisation)
    make_person("Maria Costa", organisation=other_org)
    by_email = queries.likely_duplicates(workspace, name="Someone", email="mfc@example.org ")
    assert [d.stakeholder for d in by_email] == [a]
    by_name = queries.likely_duplicates(
        workspace, name="Costa, Maria Fernanda", organisation=organisation
    )
    assert [d.stakeholder for d in by_name] == [a]
    assert (
        queries.likely_duplicates(workspace, name="Maria Fernanda Costa", organisation=other_org)
        == []
    )
    assert queries.likely_duplicates(workspace, name="John Smith", organisation=organisation) == []
