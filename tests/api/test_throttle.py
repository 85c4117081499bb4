"""The API is throttled per token: past the rate, a 429 in the error format with Retry-After."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tests.api.conftest import api_client

pytestmark = pytest.mark.django_db


@override_settings(HEARD_API_RATE="3/m")
def test_a_token_past_its_rate_gets_429(workspace):
    client = api_client(workspace)
    statuses = [client.get("/api/v1/organisations").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/organisations")
    assert response.json()["code"] == "throttled"
    assert int(response["Retry-After"]) > 0
    other = api_client(workspace)  # another token has its own allowance
    assert other.get("/api/v1/organisations").status_code == 200
