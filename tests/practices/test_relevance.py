"""Relevance over the demo corpus: judged queries (hromada/practices/demo/judgements.jsonl),
scored by MRR@10. The README reports the figure this test prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hromada.practices.actions import import_practices
from hromada.practices.importing import parse_jsonl
from hromada.practices.search import search
from tests.factories import hub_editor

DEMO = Path(__file__).resolve().parents[2] / "hromada" / "practices" / "demo"
# The floor this corpus must keep; the measured figure is in the README (and printed below).
MRR_FLOOR = 0.7


def reciprocal_rank(found: list[str], relevant: set[str]) -> float:
    for rank, title in enumerate(found[:10], start=1):
        if title in relevant:
            return 1 / rank
    return 0.0


@pytest.mark.django_db
def test_mrr_at_10_over_judged_queries(capsys: pytest.CaptureFixture[str]) -> None:
    parsed = parse_jsonl(DEMO / "practices.jsonl")
    assert not parsed.errors
    import_practices(hub_editor(), parsed.rows, related=parsed.related)
    judgements = [
        json.loads(line)
        for line in (DEMO / "judgements.jsonl").read_text().splitlines()
        if line.strip()
    ]
    assert len(judgements) >= 30
    misses = []
    total = 0.0
    for judgement in judgements:
        result = search(judgement["query"], per_page=10)
        found = [hit.practice.title for hit in result.hits]
        if not found and result.suggestion:  # what a person does after "did you mean"
            found = [hit.practice.title for hit in search(result.suggestion, per_page=10).hits]
        rr = reciprocal_rank(found, set(judgement["relevant"]))
        total += rr
        if rr < 1:
            misses.append(f"{rr:.2f} {judgement['query']!r} → {found[:3]}")
    mrr = total / len(judgements)
    with capsys.disabled():
        print(f"\nMRR@10 over {len(judgements)} judged queries: {mrr:.3f}")
        for line in misses:
            print("  ", line)
    assert mrr >= MRR_FLOOR
