"""The Redis cache backend (hromada/core/cache.py) and rate limits on it and on local memory."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from hromada.core import ratelimit
from hromada.core.cache import RedisCache

REDIS = "redis://127.0.0.1:6379/13"


def _redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture
def redis_cache() -> Iterator[RedisCache]:
    if not _redis_answers():
        pytest.skip("no Redis on 127.0.0.1:6379")
    cache = RedisCache(REDIS, {"KEY_PREFIX": f"test-cache-{uuid.uuid4().hex}"})
    yield cache
    cache.clear()


def test_one_client_serves_every_call(redis_cache: RedisCache) -> None:
    client = redis_cache.client("a")
    assert redis_cache.client("b") is client
    redis_cache.set("a", {"x": 1}, 30)
    assert redis_cache.get("a") == {"x": 1}


def test_count_hit_counts_once_per_call_and_expires(redis_cache: RedisCache) -> None:
    assert [redis_cache.count_hit("k", 30) for _ in range(3)] == [1, 2, 3]
    client = redis_cache.client("k")
    ttl = client.ttl(redis_cache.make_and_validate_key("k"))
    assert 0 < ttl <= 30  # the window ends: a counter never outlives it


@pytest.mark.parametrize("backend", ["redis", "locmem"])
def test_rate_limit_refuses_after_the_limit(
    backend: str, redis_cache: RedisCache, monkeypatch: Any
) -> None:
    if backend == "redis":
        monkeypatch.setattr(ratelimit, "cache", redis_cache)
    else:
        from django.core.cache.backends.locmem import LocMemCache

        monkeypatch.setattr(ratelimit, "cache", LocMemCache(uuid.uuid4().hex, {}))
    key = uuid.uuid4().hex
    assert [ratelimit.allow("t", key, 2, 60) for _ in range(4)] == [True, True, False, False]
