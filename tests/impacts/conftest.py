"""Helpers for the impacts tests: records made through the services, as the product makes them."""

from __future__ import annotations

import pytest

from heard.impacts import services


@pytest.fixture
def make_initiative(workspace):
    """Create an initiative through the service (stage history, search text, audit)."""

    def make(name="Smart reply", **fields):
        fields.setdefault("kind", "ai_system")
        fields.setdefault("owning_team", "Messaging")
        return services.create_initiative(workspace=workspace, actor=None, name=name, **fields)

    return make


@pytest.fixture
def make_impact(workspace):
    """Create an impact through the service (scores, links, audit)."""

    def make(title="Chilling effect on speech", **fields):
        fields.setdefault("kind", "potential")
        fields.setdefault("involvement", "contribute")
        fields.setdefault("rights", ["iccpr-19"])
        fields.setdefault("scale", 3)
        fields.setdefault("scope", 3)
        fields.setdefault("irremediability", 2)
        if fields["kind"] == "potential":
            fields.setdefault("likelihood", 4)
        return services.create_impact(workspace=workspace, actor=None, title=title, **fields)

    return make
