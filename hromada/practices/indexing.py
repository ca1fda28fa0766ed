"""Filling a practice's search columns with `hromada.text` keys. Called by the write actions and
the reindex command, never from save() or signals."""

from __future__ import annotations

from collections.abc import Iterable

from hromada.practices.models import Practice
from hromada.text import ANALYZER_VERSION, get_analyzer

INDEX_FIELDS = ["title_k", "body_k", "title_w", "body_w", "analyzer_version"]


def fill_search_columns(practice: Practice) -> None:
    analyzer = get_analyzer()
    practice.title_k, practice.title_w = analyzer.index_text(practice.title, practice.language)
    body = "\n".join(part for part in (practice.summary, practice.body, practice.place) if part)
    practice.body_k, practice.body_w = analyzer.index_text(body, practice.language)
    practice.analyzer_version = ANALYZER_VERSION


def reindex(practices: Iterable[Practice], batch_size: int = 500) -> int:
    """Re-analyse and save practices in batches; returns how many were indexed."""
    batch: list[Practice] = []
    count = 0
    for practice in practices:
        fill_search_columns(practice)
        batch.append(practice)
        if len(batch) >= batch_size:
            Practice.objects.bulk_update(batch, INDEX_FIELDS)
            count += len(batch)
            batch = []
    if batch:
        Practice.objects.bulk_update(batch, INDEX_FIELDS)
        count += len(batch)
    return count
