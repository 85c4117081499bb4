"""Registry pages through HTTP: lists, forms, duplicates, consent, bulk, merge, pseudonyms."""

from __future__ import annotations

import pytest
from django.urls import reverse

from heard.core.models import AuditAction, AuditEntry, Role
from heard.stakeholders import services
from heard.stakeholders.models import Consent, Organisation, Stakeholder
from tests.conftest import member_client
from tests.factories import TagFactory

pytestmark = pytest.mark.django_db


def url(name, workspace, *args):
    return reverse(f"stakeholders:{name}", args=[workspace.slug, *args])


FORM = {
    "name": "Nadia Rahman",
    "kind": "external",
    "category": "cso_representative",
    "relation": "legitimate_representative",
    "country": "BD",
    "languages": "bn, English",
    "time_zone": "Asia/Dhaka",
    "topics": "labour rights, content moderation",
    "tags": "advisory",
    "risk_groups": ["women_girls", "workers"],
    "safety_level": "standard",
    "email": "nadia@example.org",
    "phone": "+880 1",
    "notes": "Met at RightsCon",
}


# --- list


def test_list_shows_rows_filters_counts_and_consent_flag(workspace, owner_client, make_person):
    make_person("Amina Njoroge")
    response = owner_client.get(url("stakeholder_list", workspace))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Amina Njoroge" in html
    assert "1 stakeholder" in html
    assert "No valid consent to contact" in html
    assert 'aria-sort="none"' in html
    assert 'name="category"' in html


def test_list_row_shows_every_column(workspace, owner_client, make_person, organisation):
    """The rows are rendered in Python (heard/stakeholders/rows.py): each column is there."""
    person = make_person(
        "Amina <Njoroge>",
        organisation=organisation,
        role_at_organisation="Researcher & lead",
        safety_level="elevated",
        is_key_relationship=True,
        languages=["sw", "en"],
    )
    person.tags.add(TagFactory(workspace=workspace, name="tech"))
    html = owner_client.get(url("stakeholder_list", workspace)).content.decode()
    detail = url("stakeholder_detail", workspace, person.pk)
    assert f'<a href="{detail}">Amina &lt;Njoroge&gt;</a>' in html  # escaped
    assert 'class="badge badge-warning">Elevated<' in html and ">Key<" in html
    assert '<span class="tag">#tech</span>' in html
    org = url("organisation_detail", workspace, organisation.pk)
    assert (
        f'<a href="{org}">Digital Rights Watch</a><br><small>Researcher &amp; lead</small>' in html
    )
    assert "Kenya<br><small>Africa · Global Majority</small>" in html
    assert '<abbr title="English">en</abbr>, <abbr title="Swahili">sw</abbr>' in html
    assert f'name="ids" value="{person.pk}"' in html
    assert "<small>never</small>" in html


def test_list_htmx_request_returns_only_the_results(workspace, owner_client, make_person):
    make_person("Amina Njoroge")
    response = owner_client.get(
        url("stakeholder_list", workspace) + "?q=amina",
        headers={"HX-Request": "true", "HX-Target": "results"},
    )
    html = response.content.decode()
    assert "Amina Njoroge" in html
    assert "<html" not in html and 'name="category"' not in html


def test_list_sort_header_state(workspace, owner_client, make_person):
    make_person("A")
    html = owner_client.get(url("stakeholder_list", workspace) + "?sort=-name").content.decode()
    assert 'aria-sort="descending"' in html


def test_list_invalid_filter_is_a_note_not_an_error(workspace, owner_client, make_person):
    make_person("Amina")
    response = owner_client.get(url("stakeholder_list", workspace) + "?country=QQ&page=abc")
    assert response.status_code == 200
    assert "Ignored the filter" in response.content.decode()
    assert "Amina" in response.content.decode()


def test_empty_states_say_what_to_do(workspace, owner_client, make_person):
    html = owner_client.get(url("stakeholder_list", workspace)).content.decode()
    assert "Add the first stakeholder" in html
    make_person("Amina")
    html = owner_client.get(url("stakeholder_list", workspace) + "?q=zzz").content.decode()
    assert "Clear all filters" in html


def test_pagination_per_page(workspace, owner_client, make_person):
    for i in range(30):
        make_person(f"Person {i:02}")
    html = owner_client.get(url("stakeholder_list", workspace) + "?per_page=25").content.decode()
    assert "Page 1 of 2" in html
    html = owner_client.get(url("stakeholder_list", workspace) + "?per_page=50").content.decode()
    assert "Page 1 of 2" not in html


# --- create / edit


def test_create_with_every_field(workspace, owner_client, organisation):
    response = owner_client.post(
        url("stakeholder_create", workspace), {**FORM, "organisation": organisation.pk}
    )
    assert response.status_code == 302
    person = Stakeholder.objects.get(workspace=workspace)
    assert person.email == "nadia@example.org"
    assert person.is_global_majority is True and person.region == "Asia"
    assert sorted(person.language_links.values_list("code", flat=True)) == ["bn", "en"]
    assert sorted(person.topics.values_list("name", flat=True)) == [
        "content moderation",
        "labour rights",
    ]
    assert sorted(person.risk_group_links.values_list("group", flat=True)) == [
        "women_girls",
        "workers",
    ]
    assert person.organisation == organisation


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("time_zone", "Mars/Base", "IANA"),
        ("languages", "en, klingonese", "Unknown language"),
        ("country", "XX", "valid choice"),
        ("email", "not-an-email", "valid email"),
    ],
)
def test_create_field_errors_are_named_and_nothing_is_written(
    workspace, owner_client, field, value, message
):
    response = owner_client.post(url("stakeholder_create", workspace), {**FORM, field: value})
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors and message in str(form.errors[field])
    assert not Stakeholder.objects.exists()


def test_create_warns_about_duplicates_and_requires_create_anyway(
    workspace, owner_client, make_person, organisation
):
    make_person("Nadia Rahman", organisation=organisation)
    data = {**FORM, "email": "", "name": "Rahman Nadia", "organisation": organisation.pk}
    response = owner_client.post(url("stakeholder_create", workspace), data)
    assert response.status_code == 409
    assert "similar name at the same organisation" in response.content.decode()
    assert Stakeholder.objects.count() == 1
    response = owner_client.post(
        url("stakeholder_create", workspace), {**data, "create_anyway": "1"}
    )
    assert response.status_code == 302
    assert Stakeholder.objects.count() == 2


def test_create_warns_about_same_email(workspace, owner_client, make_person):
    make_person("Somebody Else", email="NADIA@example.org")
    response = owner_client.post(url("stakeholder_create", workspace), FORM)
    assert response.status_code == 409
    assert "same email address" in response.content.decode()


def test_edit_prefills_and_saves(workspace, owner_client, make_person):
    person = make_person("Amina", languages=["sw"], topics=services.topics_named(workspace, "x"))
    response = owner_client.get(url("stakeholder_edit", workspace, person.pk))
    assert response.context["form"].initial["languages"] == "sw"
    response = owner_client.post(
        url("stakeholder_edit", workspace, person.pk), {**FORM, "name": "Amina N."}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "Amina N." and person.time_zone == "Asia/Dhaka"


def test_contributor_may_create_but_not_edit(workspace, make_person):
    client = member_client(workspace, Role.CONTRIBUTOR)
    assert client.post(url("stakeholder_create", workspace), FORM).status_code == 302
    person = make_person("Amina")
    assert client.post(url("stakeholder_edit", workspace, person.pk), FORM).status_code == 403


# --- detail, consent


def test_detail_shows_fields_contacts_consent_and_timeline(workspace, owner_client, make_person):
    person = make_person("Amina", email="amina@example.org", languages=["sw"])
    html = owner_client.get(url("stakeholder_detail", workspace, person.pk)).content.decode()
    assert "amina@example.org" in html and "Swahili" in html
    assert "No valid consent to contact" in html
    assert "Timeline" in html and "Created" in html


def test_consent_recorded_and_withdrawn_through_pages(workspace, owner_client, make_person):
    person = make_person("Amina")
    response = owner_client.post(
        url("consent_create", workspace, person.pk),
        {"purpose": "contact", "given_at": "2026-01-10T10:00", "method": "email"},
    )
    assert response.status_code == 302
    consent = Consent.objects.get(stakeholder=person)
    html = owner_client.get(url("stakeholder_detail", workspace, person.pk)).content.decode()
    assert "No valid consent to contact" not in html
    response = owner_client.post(url("consent_withdraw", workspace, person.pk, consent.pk))
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    html = owner_client.get(url("stakeholder_detail", workspace, person.pk)).content.decode()
    assert "No valid consent to contact" in html and "withdrawn" in html


def test_consent_errors_are_named(workspace, owner_client, make_person):
    person = make_person("Amina")
    response = owner_client.post(
        url("consent_create", workspace, person.pk),
        {
            "purpose": "contact",
            "given_at": "2026-01-10T10:00",
            "expires_at": "2025-01-10T10:00",
            "method": "email",
        },
    )
    assert response.status_code == 400
    assert "expires_at" in response.context["form"].errors
    assert not Consent.objects.exists()


def test_consent_of_another_stakeholder_cannot_be_withdrawn_via_this_url(
    workspace, owner_client, make_person
):
    a, b = make_person("A"), make_person("B")
    consent = services.record_consent(workspace=workspace, actor=None, stakeholder=b)
    response = owner_client.post(url("consent_withdraw", workspace, a.pk, consent.pk))
    assert response.status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


# --- bulk


def test_bulk_needs_confirmation_then_applies_with_undo(workspace, owner_client, make_person):
    people = [make_person(f"P{i}") for i in range(3)]
    ids = [p.pk for p in people[:2]]
    bulk = url("stakeholder_bulk", workspace)
    response = owner_client.post(bulk, {"action": "archive", "ids": ids})
    assert response.status_code == 200 and "Confirm" in response.content.decode()
    assert Stakeholder.objects.active().count() == 3
    response = owner_client.post(bulk, {"action": "archive", "ids": ids, "confirmed": "on"})
    assert response.status_code == 302
    assert Stakeholder.objects.active().count() == 1
    html = owner_client.get(response["Location"]).content.decode()
    assert "Archived 2 stakeholder(s)." in html and "Undo" in html
    owner_client.post(bulk, {"action": "restore", "ids": ids, "confirmed": "on"})
    assert Stakeholder.objects.active().count() == 3


def test_bulk_tag_and_owner(workspace, owner_client, make_person):
    people = [make_person(f"P{i}") for i in range(2)]
    ids = [p.pk for p in people]
    bulk = url("stakeholder_bulk", workspace)
    owner_client.post(bulk, {"action": "tag", "tag": "roundtable", "ids": ids, "confirmed": "on"})
    assert all(p.tags.filter(name="roundtable").exists() for p in people)
    owner = owner_client.user
    owner_client.post(bulk, {"action": "owner", "owner": owner.pk, "ids": ids, "confirmed": "on"})
    assert set(Stakeholder.objects.values_list("relationship_owner", flat=True)) == {owner.pk}


def test_bulk_ignores_other_workspace_ids(workspace, other_workspace, owner_client):
    foreign = services.create_stakeholder(workspace=other_workspace, actor=None, name="F")
    owner_client.post(
        url("stakeholder_bulk", workspace),
        {"action": "archive", "ids": [foreign.pk], "confirmed": "on"},
    )
    foreign.refresh_from_db()
    assert foreign.archived_at is None


def test_bulk_get_is_405_and_bad_input_is_a_message(workspace, owner_client):
    assert owner_client.get(url("stakeholder_bulk", workspace)).status_code == 405
    response = owner_client.post(url("stakeholder_bulk", workspace), {"action": "tag", "ids": "x"})
    assert response.status_code == 302


# --- archive and merge pages


def test_archive_restore_buttons(workspace, owner_client, make_person):
    person = make_person("A")
    owner_client.post(url("stakeholder_archive", workspace, person.pk))
    person.refresh_from_db()
    assert person.archived_at
    owner_client.post(url("stakeholder_restore", workspace, person.pk))
    person.refresh_from_db()
    assert person.archived_at is None


def test_merge_page_preview_and_confirm(workspace, owner_client, make_person, organisation):
    keep = make_person("Maria Costa", organisation=organisation)
    dup = make_person("Costa Maria", organisation=organisation, email="m@example.org")
    response = owner_client.get(url("stakeholder_merge", workspace, keep.pk))
    assert "Costa Maria" in response.content.decode()  # proposed as a likely duplicate
    response = owner_client.get(url("stakeholder_merge", workspace, keep.pk) + f"?other={dup.pk}")
    html = response.content.decode()
    assert "m@example.org" in html and "Merge these two records" in html
    response = owner_client.post(
        url("stakeholder_merge", workspace, keep.pk), {"other": dup.pk, "keep": "this"}
    )
    assert response.status_code == 302
    dup.refresh_from_db()
    assert dup.merged_into_id == keep.pk


# --- pseudonyms for high-risk people


@pytest.fixture
def secret(make_person):
    return make_person(
        "Zeynep Kaya",
        safety_level="high_risk",
        email="zeynep@example.org",
        phone="+90 555",
        notes="lives near the border",
    )


HIDDEN_ROLES = [Role.VIEWER, Role.CONTRIBUTOR]
SEEING_ROLES = [Role.EDITOR, Role.OWNER, Role.AUDITOR]


@pytest.mark.parametrize("role", HIDDEN_ROLES + SEEING_ROLES)
def test_high_risk_identity_on_list_detail_history(workspace, secret, role):
    client = member_client(workspace, role)
    services.update_stakeholder(
        workspace=workspace, actor=None, stakeholder=secret, name="Zeynep A. Kaya"
    )
    pages = [
        url("stakeholder_list", workspace),
        url("stakeholder_detail", workspace, secret.pk),
        url("stakeholder_history", workspace, secret.pk),
    ]
    for page in pages:
        html = client.get(page).content.decode()
        shown = "Zeynep" in html or "zeynep@example.org" in html or "lives near" in html
        assert shown is (role in SEEING_ROLES), page
        if role in HIDDEN_ROLES:
            assert secret.pseudonym in html, page


@pytest.mark.parametrize("role", HIDDEN_ROLES)
def test_hidden_roles_cannot_find_high_risk_by_name(workspace, secret, role):
    client = member_client(workspace, role)
    html = client.get(url("stakeholder_list", workspace) + "?q=zeynep").content.decode()
    assert secret.pseudonym not in html


def test_merge_page_hides_identity_fields_when_needed(workspace, secret, make_person):
    from heard.stakeholders.views.stakeholders import merge_rows
    from tests.factories import MembershipFactory

    other = make_person("Other")
    viewer = MembershipFactory(workspace=workspace, role=Role.VIEWER)
    rows = merge_rows(_annotated(secret), _annotated(other), viewer)
    text = " ".join(r["a"] for r in rows)
    assert "Zeynep" not in text and "zeynep@" not in text and secret.pseudonym in text


def _annotated(stakeholder):
    from heard.stakeholders import queries

    return queries.stakeholder_detail(stakeholder.workspace).get(pk=stakeholder.pk)


# --- organisations


def test_organisation_pages(workspace, owner_client, make_person, organisation):
    make_person("Amina", organisation=organisation)
    html = owner_client.get(url("organisation_list", workspace)).content.decode()
    assert "Digital Rights Watch" in html
    html = owner_client.get(url("organisation_detail", workspace, organisation.pk)).content.decode()
    assert "Amina" in html and "1 stakeholder" in html
    response = owner_client.post(
        url("organisation_create", workspace),
        {"name": "Tech Union", "type": "trade_union", "country": "ZA", "parent": organisation.pk},
    )
    assert response.status_code == 302
    union = Organisation.objects.get(name="Tech Union")
    assert union.is_global_majority and union.parent == organisation
    response = owner_client.post(
        url("organisation_edit", workspace, organisation.pk),
        {"name": "DRW", "type": "civil_society", "country": "KE", "parent": organisation.pk},
    )
    assert response.status_code == 400
    assert "parent" in response.context["form"].errors


def test_organisation_parent_cycle_is_a_named_error(workspace, owner_client, organisation):
    child = services.create_organisation(
        workspace=workspace, actor=None, name="Child", parent=organisation
    )
    response = owner_client.post(
        url("organisation_edit", workspace, organisation.pk),
        {"name": "DRW", "type": "civil_society", "country": "KE", "parent": child.pk},
    )
    assert response.status_code == 400
    assert "own parent" in str(response.context["form"].errors["parent"])
    organisation.refresh_from_db()
    assert organisation.name == "Digital Rights Watch"


# --- classification


def test_classification_page_adds_and_removes_overrides(workspace, owner_client, make_person):
    person = make_person(country="KE")
    page = url("classification", workspace)
    html = owner_client.get(page).content.decode()
    assert "M49" in html
    owner_client.post(page, {"country": "KE", "is_global_majority": "no"})
    person.refresh_from_db()
    assert person.is_global_majority is False
    assert "Kenya" in owner_client.get(page).content.decode()
    owner_client.post(page, {"remove": "KE"})
    person.refresh_from_db()
    assert person.is_global_majority is True
    assert AuditEntry.objects.filter(workspace=workspace, action=AuditAction.UPDATE).exists()


def test_classification_needs_manage_settings(workspace):
    client = member_client(workspace, Role.EDITOR)
    assert client.get(url("classification", workspace)).status_code == 403
