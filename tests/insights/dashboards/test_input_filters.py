"""The input list's filters the dashboards link with (heard.feedback.filters): received
dates, accountable team, initiative of the engagement, right, Global Majority."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from heard.core.models import Role
from tests.conftest import member_client

pytestmark = pytest.mark.django_db


def shown(client, workspace, query: str) -> set[str]:
    response = client.get(reverse("feedback:input_list", args=[workspace.slug]) + "?" + query)
    assert response.status_code == 200
    return {i.text.removeprefix("Input ") for i in response.context["page_obj"].object_list}


def test_received_dates(workspace, owner_client, fixed):
    day = fixed.today - datetime.timedelta(days=9)
    assert shown(owner_client, workspace, f"received_from={day}") == {
        "i3", "i4", "i5", "i6", "i7",
    }  # fmt: skip
    assert shown(owner_client, workspace, f"received_until={day}&received_from={day}") == {"i3"}


def test_team_is_the_function_else_the_initiatives_team(workspace, owner_client, fixed):
    assert shown(owner_client, workspace, "team=Policy") == {"i1", "i2", "i5", "i6"}
    # E2 has no accountable function: its initiative's owning team answers for it.
    assert shown(owner_client, workspace, "team=Product") == {"i0", "i3", "i4"}


def test_initiative_of_the_engagement(workspace, owner_client, fixed):
    a = fixed.initiative_a
    assert shown(owner_client, workspace, f"from_initiative={a.pk}") == {
        "i0", "i1", "i2", "i3", "i4",
    }  # fmt: skip


def test_right_of_a_linked_impact(workspace, owner_client, fixed):
    assert shown(owner_client, workspace, "right=udhr-12") == {"i0", "i1", "i2"}
    assert shown(owner_client, workspace, "right=udhr-19") == {"i0", "i1", "i2", "i3"}


def test_global_majority(workspace, owner_client, fixed):
    assert shown(owner_client, workspace, "global_majority=yes") == {"i1", "i3", "i6"}
    assert shown(owner_client, workspace, "global_majority=no") == {"i0", "i2"}


def test_global_majority_cannot_reveal_chatham_house_sources(workspace, fixed):
    """Outside the core team, the filter only matches inputs whose source the page shows."""
    e1 = fixed.engagements["E1"]
    type(e1).objects.filter(pk=e1.pk).update(attribution_rule="chatham_house")
    viewer = member_client(workspace, Role.VIEWER)
    assert shown(viewer, workspace, "global_majority=yes") == {"i3", "i6"}
    editor = member_client(workspace, Role.EDITOR)
    assert shown(editor, workspace, "global_majority=yes") == {"i1", "i3", "i6"}


def test_invalid_values_are_ignored_with_a_note(workspace, owner_client, fixed):
    response = owner_client.get(
        reverse("feedback:input_list", args=[workspace.slug]) + "?received_from=soon&right=x"
    )
    assert response.status_code == 200
    assert len(response.context["found"].notes) == 2
