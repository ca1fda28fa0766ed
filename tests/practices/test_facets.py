"""The facet table (integer columns) against plain Python counting over the same rows: every
filter and every count of random entries and random filters must agree."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada.practices.facets import FIELD_COLUMNS, TAG_FACET_NAMES, build_table

KINDS = ["case", "method", "organisation"]
TAGS = ["theme:youth", "theme:budget_process", "instrument:e_petition", "instrument:hearing"]

row_strategy = st.tuples(
    st.sampled_from(KINDS),
    st.sampled_from(["uk", "ru", "en"]),
    st.sampled_from(["", "small", "large"]),
    st.sampled_from(["", "Полтавська", "Львівська"]),
    st.sampled_from([None, 2019, 2024]),
    st.lists(st.sampled_from(TAGS), unique=True, max_size=3),
)


def values_of(row: tuple[Any, ...], facet: str) -> set[str]:
    if facet in TAG_FACET_NAMES:
        return {t.split(":", 1)[1] for t in row[7].split() if t.startswith(facet + ":")}
    value = row[2 + FIELD_COLUMNS.index(facet)]
    return {str(value)} if value not in ("", None) else set()


@settings(max_examples=60, deadline=None)
@given(
    entries=st.lists(row_strategy, max_size=25),
    matched=st.data(),
    filters=st.dictionaries(
        st.sampled_from([*FIELD_COLUMNS, *TAG_FACET_NAMES]),
        st.lists(
            st.sampled_from(["case", "uk", "small", "Полтавська", "2019", "youth", "hearing", "x"]),
            min_size=1,
            max_size=2,
        ),
        max_size=3,
    ),
)
def test_filters_and_counts_agree_with_plain_counting(
    entries: list[tuple[Any, ...]], matched: st.DataObject, filters: dict[str, list[str]]
) -> None:
    published = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [(pk, published, *entry[:5], " ".join(entry[5])) for pk, entry in enumerate(entries, 10)]
    table = build_table(list(reversed(rows)))  # any order in, ordered by id inside
    assert table.ids.tolist() == [row[0] for row in rows]
    chosen = matched.draw(st.lists(st.sampled_from(rows), unique=True) if rows else st.just([]))
    positions, published_mask = table.positions(
        np.array([row[0] for row in chosen] + [999], dtype=np.int64)
    )
    assert published_mask.tolist() == [True] * len(chosen) + [False]  # 999 is not in the table
    positions = positions[published_mask]

    for facet, wanted in filters.items():
        expected = [not values_of(row, facet).isdisjoint(wanted) for row in chosen]
        assert table.columns[facet].passes(positions, wanted).tolist() == expected

    for facet in [*FIELD_COLUMNS, *TAG_FACET_NAMES]:
        counted = Counter(value for row in chosen for value in values_of(row, facet))
        assert table.columns[facet].counts(positions) == dict(counted)


def test_an_empty_table_matches_nothing() -> None:
    table = build_table([])
    positions, published = table.positions(np.array([1, 2], dtype=np.int64))
    assert not published.any()
    assert table.columns["theme"].counts(positions[published]) == {}
    assert table.columns["kind"].passes(positions[published], ["case"]).tolist() == []
