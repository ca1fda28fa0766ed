"""A version of the practices base, shared by every worker process through the cache.

Each process remembers recent search matches (search.RECENT_MATCHES). Every write action and
`reindex_practices` bump this version once their transaction commits, so every process (with
REDIS_URL: every worker on every host) drops its remembered matches at its next search. A write
that bypasses both (a manual SQL fix, a lost cache) is still seen within RecentMatches.MAX_AGE.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction

CACHE_KEY = "practices:search-version"


def current() -> int:
    """The version now; 0 before the first write (or after the cache lost it)."""
    try:
        return int(cache.get(CACHE_KEY, 0))
    except Exception:  # a cache that does not answer: MAX_AGE still bounds staleness
        return -1


def bump() -> None:
    try:
        cache.incr(CACHE_KEY)
    except ValueError:  # not there yet (or evicted)
        if not cache.add(CACHE_KEY, 1, timeout=None):  # another process added it just now
            cache.incr(CACHE_KEY)
    except Exception:  # noqa: S110 — the cache's outage must not undo a committed write
        pass


def bump_after_commit() -> None:
    transaction.on_commit(bump)
