"""Helpers for the council tests."""

from __future__ import annotations

import pytest

from heard.councils import services
from heard.stakeholders import services as registry


@pytest.fixture
def council(workspace):
    return services.create_council(
        workspace=workspace,
        actor=None,
        name="Trust & Safety Advisory Council",
        terms_of_reference="Advise on content policy.",
    )


@pytest.fixture
def person(workspace):
    return registry.create_stakeholder(
        workspace=workspace, actor=None, name="Amina Yusuf", country="NG"
    )
