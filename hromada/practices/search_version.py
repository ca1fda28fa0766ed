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
# Kept a week after the last write: any change of the value (even back to 0 when it expires)
# makes processes drop their matches, and no test or old deployment leaves keys for ever.
LIFETIME_SECONDS = 7 * 24 * 3600


def current() -> int:
    """The version now; 0 before the first write (or after the cache lost it)."""
    try:
        return int(cache.get(CACHE_KEY, 0))
    except Exception:  # a cache that does not answer: MAX_AGE still bounds staleness
        return -1


def bump() -> None:
    try:
        cache.incr(CACHE_KEY)
        cache.touch(CACHE_KEY, LIFETIME_SECONDS)
    except ValueError:  # not there yet (or expired)
        if not cache.add(CACHE_KEY, 1, timeout=LIFETIME_SECONDS):  # another process just did
            cache.incr(CACHE_KEY)
    except Exception:  # noqa: S110 — the cache's outage must not undo a committed write
        pass


def bump_after_commit() -> None:
    transaction.on_commit(bump)
