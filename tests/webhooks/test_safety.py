"""Server-side request forgery: only public http(s) addresses, on save and at delivery."""

from __future__ import annotations

import pytest
from django.test import override_settings

from heard.core.errors import DomainError
from heard.feedback import services as feedback
from heard.webhooks import delivery as sending
from heard.webhooks import services
from heard.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from heard.webhooks.safety import RefusedAddress, check_url, is_public_address

pytestmark = pytest.mark.django_db

PRIVATE = [
    "http://127.0.0.1/hook",
    "http://localhost:8000/hook",
    "http://10.0.0.5/hook",
    "http://172.16.3.4/hook",
    "http://192.168.1.1/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/hook",
    "http://[fe80::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://100.64.0.1/hook",
    "http://0.0.0.0/hook",
]


@override_settings(HEARD_WEBHOOKS_ALLOW_PRIVATE=False)
@pytest.mark.parametrize("url", PRIVATE)
def test_private_addresses_are_refused(url):
    with pytest.raises(DomainError) as error:
        check_url(url)
    assert error.value.field == "url"


@override_settings(HEARD_WEBHOOKS_ALLOW_PRIVATE=False)
@pytest.mark.parametrize(
    "url, message",
    [
        ("ftp://93.184.215.14/x", "http"),
        ("file:///etc/passwd", "http"),
        ("https://user:pw@93.184.215.14/x", "password"),
        ("not a url", "http"),
        ("http://[::1/x", "not valid"),
    ],
)
def test_only_plain_http_urls(url, message):
    with pytest.raises(DomainError) as error:
        check_url(url)
    assert message in error.value.message and error.value.field == "url"


@override_settings(HEARD_WEBHOOKS_ALLOW_PRIVATE=False)
def test_a_public_address_is_accepted():
    check_url("https://93.184.215.14/hooks")
    assert is_public_address("93.184.215.14") and is_public_address("2606:4700::1111")
    assert not is_public_address("::ffff:10.0.0.1") and not is_public_address("224.0.0.1")


@override_settings(HEARD_WEBHOOKS_ALLOW_PRIVATE=False)
def test_saving_an_endpoint_to_a_private_address_is_refused_and_writes_nothing(workspace):
    with pytest.raises(DomainError) as error:
        services.create_endpoint(
            workspace=workspace, actor=None, url="http://169.254.169.254/", events=["loop.closed"]
        )
    assert "public" in error.value.message
    assert WebhookEndpoint.objects.count() == 0


def test_delivery_re_checks_the_address(
    workspace, receiver, make_endpoint, django_capture_on_commit_callbacks
):
    """Saved while allowed (or before DNS changed): the delivery still refuses, sends nothing
    and gives up at once."""
    make_endpoint(receiver.url)
    with (
        override_settings(HEARD_WEBHOOKS_ALLOW_PRIVATE=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        feedback.record_input(workspace=workspace, actor=None, text="A point")
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.GIVEN_UP
    assert delivery.last_error.startswith("Refused")
    assert receiver.requests == []


@override_settings(HEARD_WEBHOOKS_ALLOW_PRIVATE=False)
def test_the_connection_itself_refuses_a_private_peer(receiver):
    """Even past the URL check (a DNS answer that changed), the socket's peer is checked
    before a byte is sent."""
    with pytest.raises(RefusedAddress):
        sending.post(receiver.url, b"{}", {"Content-Type": "application/json"})
    assert receiver.requests == []
