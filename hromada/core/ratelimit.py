"""Fixed-window rate limits on the shared cache (Redis in production, so every worker counts
together). On Redis one pipelined round trip counts a hit (hromada/core/cache.py); elsewhere
add() then incr(), atomic per key on the local-memory cache."""

from __future__ import annotations

import time

from django.core.cache import cache


def allow(scope: str, key: object, limit: int, period_seconds: int) -> bool:
    """Count one hit of `key` in the current window of `scope`; False once over `limit`."""
    window = int(time.time() // period_seconds)
    cache_key = f"ratelimit:{scope}:{key}:{window}"
    count_hit = getattr(cache, "count_hit", None)
    if count_hit is not None:
        return int(count_hit(cache_key, period_seconds + 1)) <= limit
    cache.add(cache_key, 0, period_seconds + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add() and incr()
        cache.set(cache_key, 1, period_seconds + 1)
        count = 1
    return count <= limit
