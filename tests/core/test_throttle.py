"""Rate-limit counters: the client address behind proxies, and a cache shared by processes."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import RequestFactory, override_settings

from heard.core import throttle

REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
        "KEY_PREFIX": "heard-test-throttle",
    }
}


def request(remote="10.0.0.9", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_connecting_address_counts():
    assert throttle.client_address(request(forwarded="1.2.3.4")) == "10.0.0.9"


@override_settings(HEARD_TRUSTED_PROXIES=1)
def test_behind_one_proxy_its_view_of_the_client_counts_not_what_the_client_wrote():
    # The client forged "6.6.6.6"; the proxy appended the address it really saw.
    assert throttle.client_address(request(forwarded="6.6.6.6, 203.0.113.7")) == "203.0.113.7"
    # No header (a request that bypassed the proxy): the connecting address.
    assert throttle.client_address(request()) == "10.0.0.9"


@override_settings(HEARD_TRUSTED_PROXIES=2)
def test_behind_two_proxies_the_outer_proxys_entry_counts():
    assert throttle.client_address(request(forwarded="6.6.6.6, 203.0.113.7, 10.1.1.1")) == (
        "203.0.113.7"
    )


@override_settings(CACHES=REDIS)
def test_counters_in_redis_are_shared_by_every_process():
    """Two connections stand for two gunicorn workers: a hit in one is seen by the other."""
    caches["default"].clear()
    try:
        assert throttle.count("door", 60) == 1
        other_worker = caches.create_connection("default")
        assert other_worker.incr("door") == 2
        assert throttle.count("door", 60) == 3
    finally:
        caches["default"].clear()


@pytest.mark.parametrize("value", ["", "redis://127.0.0.1:6379/0"])
def test_heard_cache_url_chooses_the_cache(value, monkeypatch):
    import importlib

    import heard.settings as settings_module

    monkeypatch.setenv("HEARD_CACHE_URL", value)
    reloaded = importlib.reload(settings_module)
    try:
        backend = reloaded.CACHES["default"]["BACKEND"]
        assert backend.endswith("RedisCache" if value else "LocMemCache")
    finally:
        monkeypatch.delenv("HEARD_CACHE_URL")
        importlib.reload(settings_module)
