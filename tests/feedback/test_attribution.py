"""Who said what stays with the core team under the Chatham House rule, on every page and
export; anonymous inputs name nobody to anyone."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from heard.core.models import Role
from heard.engagements.models import AttributionRule
from heard.feedback.attribution import attribution_visible
from tests.conftest import member_client

pytestmark = pytest.mark.django_db

NAME = "Zephyrine Quillfeather"
CORE = [Role.OWNER, Role.MANAGER, Role.EDITOR, Role.AUDITOR]
OUTSIDE = [Role.CONTRIBUTOR, Role.VIEWER]


@pytest.fixture
def said(workspace, make_engagement, make_person, record):
    """One input per attribution rule, all by the same distinctive person."""
    person = make_person(NAME)
    rows = {}
    for rule in AttributionRule.values:
        engagement = make_engagement(f"Engagement {rule}", rule=rule)
        stakeholder = None if rule == AttributionRule.ANONYMOUS else person
        rows[rule] = record(f"Said under {rule}", engagement=engagement, stakeholder=stakeholder)
    return person, rows


@pytest.mark.parametrize("role", CORE + OUTSIDE)
def test_rule_by_role_matrix(workspace, said, role):
    _person, rows = said
    membership = member_client(workspace, role).membership
    expected = {
        AttributionRule.CHATHAM_HOUSE: role in CORE,
        AttributionRule.ATTRIBUTED_WITH_CONSENT: True,
        AttributionRule.ANONYMOUS: False,
    }
    for rule, row in rows.items():
        assert attribution_visible(row, membership) is expected[rule], rule
    assert attribution_visible(rows[AttributionRule.ATTRIBUTED_WITH_CONSENT], None) is False


@pytest.mark.parametrize("role", OUTSIDE)
def test_pages_and_exports_hide_chatham_house_sources_outside_the_core_team(workspace, said, role):
    person, rows = said
    client = member_client(workspace, role)
    chatham = rows[AttributionRule.CHATHAM_HOUSE]
    detail = client.get(reverse("feedback:input_detail", args=[workspace.slug, chatham.pk]))
    assert NAME not in detail.content.decode()
    assert "Chatham House" in detail.content.decode()
    listing = client.get(
        reverse("feedback:input_list", args=[workspace.slug])
        + f"?engagement={chatham.engagement_id}"
    )
    assert NAME not in listing.content.decode()
    # Filtering by the person must not reveal which Chatham House inputs are theirs.
    filtered = client.get(
        reverse("feedback:input_list", args=[workspace.slug]) + f"?stakeholder={person.pk}"
    )
    body = filtered.content.decode()
    assert "Said under chatham_house" not in body
    assert "Said under attributed_with_consent" in body


@pytest.mark.parametrize("role", CORE)
def test_core_team_sees_chatham_house_sources(workspace, said, role):
    _person, rows = said
    client = member_client(workspace, role)
    chatham = rows[AttributionRule.CHATHAM_HOUSE]
    detail = client.get(reverse("feedback:input_detail", args=[workspace.slug, chatham.pk]))
    assert NAME in detail.content.decode()


def test_export_follows_the_same_rule(workspace, said):
    # Export needs the `export` action: the auditor is core team, so add a check on what an
    # exporting role outside the core team would get through the column helper itself.
    from heard.feedback.exports import input_columns
    from heard.feedback.queries import inputs

    _person, rows = said
    viewer = member_client(workspace, Role.VIEWER).membership
    columns = input_columns(viewer)
    values = [[getter(row) for _h, getter in columns] for row in inputs(workspace)]
    assert not any(NAME in str(v) for row in values for v in row if "consent" not in str(row[1]))
    auditor = member_client(workspace, Role.AUDITOR)
    response = auditor.get(reverse("feedback:input_export", args=[workspace.slug]) + "?format=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    by_text = {r[1]: r for r in table[1:]}
    assert NAME in by_text["Said under chatham_house"][3]
    assert by_text["Said under anonymous"][3] == "Anonymous"


def test_viewer_export_is_refused(workspace, said):
    client = member_client(workspace, Role.VIEWER)
    assert client.get(reverse("feedback:input_export", args=[workspace.slug])).status_code == 403


def test_history_of_an_input_is_core_team_only(workspace, said):
    _person, rows = said
    url = reverse("feedback:input_history", args=[workspace.slug, rows["chatham_house"].pk])
    assert member_client(workspace, Role.VIEWER).get(url).status_code == 403
    assert member_client(workspace, Role.EDITOR).get(url).status_code == 200


def test_stakeholder_timeline_shows_only_attributed_inputs(workspace, said):
    person, _rows = said
    client = member_client(workspace, Role.OWNER)
    page = client.get(reverse("stakeholders:stakeholder_detail", args=[workspace.slug, person.pk]))
    body = page.content.decode()
    assert "Said under attributed_with_consent" in body
    assert "Said under chatham_house" not in body
