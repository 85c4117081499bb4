"""Helpers for the registry tests: people made through the services, as the product makes them."""

from __future__ import annotations

import pytest

from heard.stakeholders import services
from tests.factories import OrganisationFactory


@pytest.fixture
def make_person(workspace):
    """Create a stakeholder through the service (derived fields, search text, audit)."""

    def make(name="Ada Lovelace", **fields):
        fields.setdefault("country", "KE")
        return services.create_stakeholder(workspace=workspace, actor=None, name=name, **fields)

    return make


@pytest.fixture
def organisation(workspace):
    return services.create_organisation(
        workspace=workspace, actor=None, name="Digital Rights Watch", country="KE"
    )


@pytest.fixture
def other_org(workspace):
    return OrganisationFactory(workspace=workspace, name="Other Org")
