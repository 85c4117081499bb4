"""The webhook pages: endpoints, the secret shown once, the delivery log, roles and tenancy."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.core.models import AuditEntry, Role
from heard.webhooks import signing
from heard.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from tests.conftest import member_client
from tests.factories import WebhookDeliveryFactory, WebhookEndpointFactory

pytestmark = pytest.mark.django_db


def url(workspace, name, *args):
    return reverse(f"webhooks:{name}", args=[workspace.slug, *args])


def test_settings_page_links_to_webhooks(workspace, owner_client):
    page = owner_client.get(reverse("workspace_settings", args=[workspace.slug]))
    assert url(workspace, "endpoint_list") in page.content.decode()


def test_create_shows_the_secret_once_and_stores_it_encrypted(
    workspace, owner_client, receiver, django_capture_on_commit_callbacks
):
    empty = owner_client.get(url(workspace, "endpoint_list"))
    assert "No endpoints yet" in empty.content.decode()
    response = owner_client.post(
        url(workspace, "endpoint_create"),
        {"url": receiver.url, "description": "Jira", "events": ["input.recorded", "loop.closed"]},
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret.startswith("whsec_")
    assert endpoint.secret in response.content.decode()
    assert endpoint.events == ["input.recorded", "loop.closed"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM webhooks_webhookendpoint")
        (stored,) = cursor.fetchone()
    assert stored != endpoint.secret and endpoint.secret not in stored
    # Never shown again, nor in the audit log.
    for name, args in (("endpoint_list", ()), ("endpoint_detail", (endpoint.pk,))):
        page = owner_client.get(url(workspace, name, *args)).content.decode()
        assert endpoint.secret not in page
    edit = owner_client.get(url(workspace, "endpoint_edit", endpoint.pk)).content.decode()
    assert endpoint.secret not in edit
    assert endpoint.secret not in str(list(AuditEntry.objects.values_list("changes", flat=True)))
    assert AuditEntry.objects.filter(object_id=str(endpoint.pk)).exists()


def test_bad_input_names_the_field_and_writes_nothing(workspace, owner_client):
    response = owner_client.post(
        url(workspace, "endpoint_create"), {"url": "ftp://example.org/x", "events": []}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Use an http:// or https:// URL." in body
    assert "Choose at least one event." in body
    assert WebhookEndpoint.objects.count() == 0
    unknown = owner_client.post(
        url(workspace, "endpoint_create"), {"url": "http://127.0.0.1/", "events": ["x.y"]}
    )
    assert unknown.status_code == 400 and WebhookEndpoint.objects.count() == 0


def test_edit_deactivate_activate(workspace, owner_client, receiver):
    endpoint = WebhookEndpointFactory(workspace=workspace, url=receiver.url)
    response = owner_client.post(
        url(workspace, "endpoint_edit", endpoint.pk),
        {"url": receiver.url, "description": "Slack", "events": ["decision.made"]},
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.description, endpoint.events) == ("Slack", ["decision.made"])
    owner_client.post(url(workspace, "endpoint_deactivate", endpoint.pk))
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    page = owner_client.get(url(workspace, "endpoint_detail", endpoint.pk)).content.decode()
    assert "Inactive" in page and "Send test event" not in page
    owner_client.post(url(workspace, "endpoint_activate", endpoint.pk))
    endpoint.refresh_from_db()
    assert endpoint.is_active


def test_rotating_the_secret(workspace, owner_client, receiver, django_capture_on_commit_callbacks):
    endpoint = WebhookEndpointFactory(workspace=workspace, url=receiver.url)
    old = endpoint.secret
    response = owner_client.post(url(workspace, "endpoint_rotate", endpoint.pk))
    endpoint.refresh_from_db()
    assert endpoint.secret != old and endpoint.secret in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(url(workspace, "endpoint_test", endpoint.pk))
    request = receiver.last
    assert signing.verify(endpoint.secret, request["body"], request["headers"]["Heard-Signature"])
    assert not signing.verify(old, request["body"], request["headers"]["Heard-Signature"])


def test_test_event_and_redeliver(
    workspace, owner_client, receiver, django_capture_on_commit_callbacks
):
    endpoint = WebhookEndpointFactory(workspace=workspace, url=receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(url(workspace, "endpoint_test", endpoint.pk))
    assert response.status_code == 302
    ping = WebhookDelivery.objects.get()
    assert ping.event == "ping" and ping.status == DeliveryStatus.SUCCEEDED
    assert receiver.last["headers"]["Heard-Event"] == "ping"
    page = owner_client.get(url(workspace, "endpoint_detail", endpoint.pk)).content.decode()
    assert "ping" in page and "Succeeded" in page
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(url(workspace, "delivery_redeliver", endpoint.pk, ping.pk))
    again = WebhookDelivery.objects.exclude(pk=ping.pk).get()
    assert again.event_id == ping.event_id and again.uuid != ping.uuid
    assert again.status == DeliveryStatus.SUCCEEDED
    assert len(receiver.requests) == 2


def test_the_log_filters_and_pages(workspace, owner_client):
    endpoint = WebhookEndpointFactory(workspace=workspace)
    WebhookDeliveryFactory.create_batch(
        30, workspace=workspace, endpoint=endpoint, status=DeliveryStatus.SUCCEEDED
    )
    WebhookDeliveryFactory(
        workspace=workspace, endpoint=endpoint, status=DeliveryStatus.GIVEN_UP, event="loop.closed"
    )
    detail = url(workspace, "endpoint_detail", endpoint.pk)
    first = owner_client.get(detail)
    assert first.context["page_obj"].paginator.count == 31
    assert len(first.context["page_obj"].object_list) == 25
    second = owner_client.get(detail, {"page": 2})
    assert len(second.context["page_obj"].object_list) == 6
    given_up = owner_client.get(detail, {"status": "given_up"})
    assert [d.event for d in given_up.context["page_obj"]] == ["loop.closed"]
    by_event = owner_client.get(detail, {"event": "loop.closed", "status": "succeeded"})
    assert list(by_event.context["page_obj"]) == []
    assert "No delivery matches" in by_event.content.decode()
    junk = owner_client.get(detail, {"status": "nonsense", "event": "<script>"})
    assert junk.status_code == 200 and junk.context["page_obj"].paginator.count == 31


def test_pages_do_not_grow_in_queries_with_data(workspace, owner_client):
    def count(path):
        with CaptureQueriesContext(connection) as queries:
            assert owner_client.get(path).status_code == 200
        return len(queries)

    endpoint = WebhookEndpointFactory(workspace=workspace)
    WebhookDeliveryFactory(workspace=workspace, endpoint=endpoint)
    count(url(workspace, "endpoint_list"))  # warm the session and caches
    small = (
        count(url(workspace, "endpoint_list")),
        count(url(workspace, "endpoint_detail", endpoint.pk)),
    )
    for _ in range(3):
        more = WebhookEndpointFactory(workspace=workspace)
        WebhookDeliveryFactory.create_batch(5, workspace=workspace, endpoint=more)
    WebhookDeliveryFactory.create_batch(20, workspace=workspace, endpoint=endpoint)
    large = (
        count(url(workspace, "endpoint_list")),
        count(url(workspace, "endpoint_detail", endpoint.pk)),
    )
    assert small == large


@pytest.mark.parametrize(
    "role", [Role.MANAGER, Role.EDITOR, Role.CONTRIBUTOR, Role.VIEWER, Role.AUDITOR]
)
def test_only_roles_that_manage_settings(workspace, role):
    client = member_client(workspace, role)
    endpoint = WebhookEndpointFactory(workspace=workspace)
    assert client.get(url(workspace, "endpoint_list")).status_code == 403
    assert client.post(url(workspace, "endpoint_rotate", endpoint.pk)).status_code == 403
    assert client.post(url(workspace, "endpoint_test", endpoint.pk)).status_code == 403
    assert WebhookDelivery.objects.count() == 0


def test_other_workspaces_endpoints_and_deliveries_are_404(
    workspace, other_workspace, outsider_client, owner_client
):
    endpoint = WebhookEndpointFactory(workspace=workspace)
    delivery = WebhookDeliveryFactory(workspace=workspace, endpoint=endpoint)
    # Another workspace's member, through either workspace's URLs.
    assert outsider_client.get(url(workspace, "endpoint_detail", endpoint.pk)).status_code == 404
    assert (
        outsider_client.get(url(other_workspace, "endpoint_detail", endpoint.pk)).status_code == 404
    )
    assert (
        outsider_client.post(url(other_workspace, "endpoint_rotate", endpoint.pk)).status_code
        == 404
    )
    assert (
        outsider_client.post(
            url(other_workspace, "delivery_redeliver", endpoint.pk, delivery.pk)
        ).status_code
        == 404
    )
    page = outsider_client.get(url(other_workspace, "endpoint_list")).content.decode()
    assert endpoint.url not in page
    # A delivery through another endpoint's URL, in the same workspace.
    sibling = WebhookEndpointFactory(workspace=workspace)
    mismatch = owner_client.post(url(workspace, "delivery_redeliver", sibling.pk, delivery.pk))
    assert mismatch.status_code == 404
    assert WebhookDelivery.objects.count() == 1
