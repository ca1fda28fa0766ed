"""The search page's results part, rendered once per address, language and published set: kept
in this process (RECENT_PAGES) and in the shared cache for every other worker."""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from django.core.cache import cache

from hromada.practices import search_version
from hromada.practices.facets import PUBLISHED_FACETS, FacetTable
from hromada.practices.search import RecentMatches, SearchResult, clean_filters, search

# The search page's results (facets, hits with their highlights) rendered, with the
# SearchResult they came from. A page is the same for everyone who asks for the same address in
# the same language while the published set stays (it holds no form token and nothing personal).
RECENT_PAGES: RecentMatches[tuple[SearchResult, str]] = RecentMatches()


def search_page(
    args: dict[str, Any], context: tuple[str, ...], render: Callable[[SearchResult], str]
) -> tuple[SearchResult, str]:
    """search() with `args` (search_arguments) and `render(result)`, both remembered as the
    matches are: a broad query costs ~8 ms to search and highlight and ~4 ms to render, every
    time, under 16 readers at once. `context` names whatever else the rendering depends on (the
    language, the page's own query string). Remembered in this process (RECENT_PAGES) and in
    the shared cache (every worker; with REDIS_URL every host), keyed by the published set's
    stamp and the search version, so a write shows at once in both. The result handed back has
    no hits (they are in the HTML). `ms` of the answer is this call's time."""
    started = time.perf_counter()
    table = PUBLISHED_FACETS.current()
    filters = clean_filters(args["filters"])
    key = (args["q"], repr(sorted(filters.items())), args["sort"], args["page"], *context)
    stored = RECENT_PAGES.get(table, key)
    if stored is None:
        shared_key = _shared_page_key(table, key)
        stored = _cache_get(shared_key)
        if stored is None:
            result = search(args["q"], filters, sort=args["sort"], page=args["page"], table=table)
            stored = (replace(result, hits=[]), render(result))
            _cache_set(shared_key, stored)
        RECENT_PAGES.put(table, key, stored)
    result, html = stored
    return replace(result, ms=round((time.perf_counter() - started) * 1000, 2)), html


def _shared_page_key(table: FacetTable, key: tuple[Any, ...]) -> str:
    # The version read now: a page stored under an older one is never read again.
    identity = repr((table.stamp, search_version.current(), key)).encode()
    return "practices:page:" + hashlib.sha256(identity).hexdigest()


def _cache_get(key: str) -> tuple[SearchResult, str] | None:
    try:
        found = cache.get(key)
    except Exception:  # a cache that does not answer: search as if it were empty
        return None
    return found if isinstance(found, tuple) else None


def _cache_set(key: str, page: tuple[SearchResult, str]) -> None:
    with contextlib.suppress(Exception):  # a cache that does not answer: served all the same
        cache.set(key, page, timeout=RECENT_PAGES.MAX_AGE)
