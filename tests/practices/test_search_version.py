"""Remembered search matches are dropped when any process writes to the practices base: every
write action and reindex_practices bump a version kept in the shared cache."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hromada.practices import search_version
from hromada.practices.actions import moderate_practice
from hromada.practices.models import Practice
from hromada.practices.search import search


def full_text_statements(query: str) -> int:
    """The ranked full-text matches a search runs (not the "did you mean" check of one word,
    which ranks nothing)."""
    with CaptureQueriesContext(connection) as captured:
        search(query, {})
    return sum("bm25" in q["sql"] or "ts_rank" in q["sql"] for q in captured.captured_queries)


def test_a_version_bumped_by_another_process_drops_remembered_matches(
    corpus: dict[str, Practice],
) -> None:
    assert full_text_statements("петиції") == 1
    assert full_text_statements("петиції") == 0
    search_version.bump()  # what another worker's write does, through the shared cache
    assert full_text_statements("петиції") == 1
    assert full_text_statements("петиції") == 0


def test_reindex_bumps_the_version(corpus: dict[str, Practice]) -> None:
    before = search_version.current()
    assert full_text_statements("петиції") == 1
    call_command("reindex_practices", "--all", stdout=StringIO())
    assert search_version.current() > before
    assert full_text_statements("petition") + full_text_statements("петиції") == 2


def test_a_write_action_bumps_the_version_once_it_commits(
    corpus: dict[str, Practice],
    editor: Any,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    before = search_version.current()
    entry = corpus["pb"]
    with django_capture_on_commit_callbacks(execute=True):
        moderate_practice(editor, entry, decision="publish", verified=True)
    assert search_version.current() == before + 1


@pytest.mark.parametrize("missing", [True, False])
def test_bump_counts_from_a_missing_or_present_key(missing: bool, corpus: Any) -> None:
    from django.core.cache import cache

    if missing:
        cache.delete(search_version.CACHE_KEY)
    before = search_version.current()
    search_version.bump()
    assert search_version.current() == before + 1
