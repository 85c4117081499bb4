"""schemathesis against the OpenAPI document: for generated requests to every operation —
valid and invalid — no 5xx, and every response conforms to the document (status, content type,
body schema). Rejection of bad input is walked in test_walk.py (bodies) and per app; list
filters are read as their pages read them, so a few loosely typed filter values (a yes/no
filter given any text) are accepted, which schemathesis's negative-data check would flag."""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from heard.core.models import Role
from tests.api.conftest import api_client
from tests.api.test_walk import objects_everywhere
from tests.factories import WorkspaceFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def token(db):
    # The WSGI app is called directly, not through Django's test client: keep it from closing
    # the test's database connection at each request's start and end, as the client does.
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield _token()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _token() -> str:
    workspace = WorkspaceFactory()
    objects_everywhere(workspace)
    return api_client(workspace, Role.OWNER).secret


@pytest.mark.django_db
@schema.parametrize()
@settings(
    # Per operation; HEARD_API_FUZZ_EXAMPLES=200 for a long exploratory run.
    max_examples=int(os.environ.get("HEARD_API_FUZZ_EXAMPLES", "10")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_conforms_to_its_schema(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
