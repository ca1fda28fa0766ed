"""Facet values of every published entry, as columns of small integers kept in the process.

A broad query matches most of the base (6,500 of 10,000 entries for "бюджет" in the
benchmark); filtering, counting and sorting those matches one Python tuple at a time cost more
than the match itself (~30 ms). Here each facet is an array of value numbers, so a filter is
one vectorised comparison and the counts of a facet are one `bincount`.

The table is reloaded when the published set changes, which one aggregate over a covering
index tells on each search (`published_stamp`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import connection

from hromada.practices.models import Practice
from hromada.practices.vocabulary import Instrument, Kind, Language, SizeBand, Theme

# The facets of the search: a column each, or tags; closed ones with their vocabulary.
FIELD_FACETS = {"kind": Kind, "language": Language, "size_band": SizeBand}
TAG_FACETS = {"theme": Theme, "instrument": Instrument}
OPEN_FACETS = ("oblast", "year")  # values come from the data
FIELD_COLUMNS = (*FIELD_FACETS, *OPEN_FACETS)
TAG_FACET_NAMES = tuple(TAG_FACETS)

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


# Fixed SQL (it runs on every search, and the ORM spent longer writing it than the database
# answering it): the status is a bound parameter.
_STAMP_SQL = "SELECT COUNT(id), MAX(updated_at), SUM(id) FROM practices_practice WHERE status = %s"


def published_stamp() -> tuple[Any, ...]:
    """What changes whenever the published set or a published entry changes: every write goes
    through an action and so moves updated_at; the count and the id sum also catch entries
    leaving or joining the published set by other means."""
    with connection.cursor() as cursor:
        cursor.execute(_STAMP_SQL, [Practice.Status.PUBLISHED])
        row = cursor.fetchone()
    return tuple(row) if row else ()


@dataclass(frozen=True)
class FacetColumn:
    """One facet: per entry a value number (-1: none) or, for tags, a row of a 0/1 matrix."""

    values: list[str]  # value number -> code
    numbers: IntArray | None = None  # single-valued facets: shape (entries,)
    matrix: npt.NDArray[np.uint8] | None = None  # tag facets: shape (entries, values)

    def passes(self, positions: IntArray, wanted: list[str]) -> BoolArray:
        """Which of the entries at `positions` have any of the `wanted` codes."""
        codes = [self.values.index(code) for code in wanted if code in self.values]
        if self.matrix is not None:
            if not codes:
                return np.zeros(len(positions), dtype=np.bool_)
            return np.asarray(self.matrix[positions][:, codes].any(axis=1))
        assert self.numbers is not None
        return np.isin(self.numbers[positions], codes)

    def counts(self, positions: IntArray) -> dict[str, int]:
        """{code: number of the entries at `positions` that have it}, zero counts left out."""
        if self.matrix is not None:
            totals = self.matrix[positions].sum(axis=0, dtype=np.int64)
        else:
            assert self.numbers is not None
            numbers = self.numbers[positions]
            totals = np.bincount(numbers[numbers >= 0], minlength=len(self.values))
        return {self.values[i]: int(n) for i, n in enumerate(totals.tolist()) if n}


@dataclass(frozen=True)
class FacetTable:
    ids: IntArray  # ascending; an entry's position is its index here
    published: npt.NDArray[np.float64]  # publication time (POSIX seconds), for the date sort
    columns: dict[str, FacetColumn]
    stamp: tuple[Any, ...] = ()  # published_stamp() of the set it was built from

    def positions(self, ids: IntArray) -> tuple[IntArray, BoolArray]:
        """Positions of `ids` and which of them are published entries at all."""
        if not len(self.ids):
            return np.zeros(len(ids), dtype=np.int64), np.zeros(len(ids), dtype=np.bool_)
        positions = np.minimum(np.searchsorted(self.ids, ids), len(self.ids) - 1)
        return positions, self.ids[positions] == ids


def build_table(rows: list[tuple[Any, ...]]) -> FacetTable:
    """The table from (id, published_at, kind, language, size_band, oblast, year, facet_tags)
    rows, ordered by id."""
    rows = sorted(rows, key=lambda row: row[0])
    count = len(rows)
    columns: dict[str, FacetColumn] = {}
    for offset, name in enumerate(FIELD_COLUMNS, start=2):
        raw = [row[offset] for row in rows]
        values = sorted({str(v) for v in raw if v not in ("", None)})
        number_of = {code: i for i, code in enumerate(values)}
        numbers = np.fromiter(
            (number_of.get(str(v), -1) if v not in ("", None) else -1 for v in raw),
            dtype=np.int64,
            count=count,
        )
        columns[name] = FacetColumn(values, numbers=numbers)
    tags = [row[7].split() for row in rows]
    for name in TAG_FACET_NAMES:
        prefix = name + ":"
        values = sorted({t[len(prefix) :] for ts in tags for t in ts if t.startswith(prefix)})
        number_of = {code: i for i, code in enumerate(values)}
        matrix = np.zeros((count, len(values)), dtype=np.uint8)
        for position, entry_tags in enumerate(tags):
            for tag in entry_tags:
                if tag.startswith(prefix) and tag[len(prefix) :] in number_of:
                    matrix[position, number_of[tag[len(prefix) :]]] = 1
        columns[name] = FacetColumn(values, matrix=matrix)
    return FacetTable(
        ids=np.fromiter((row[0] for row in rows), dtype=np.int64, count=count),
        published=np.fromiter(
            (row[1].timestamp() if isinstance(row[1], datetime) else 0.0 for row in rows),
            dtype=np.float64,
            count=count,
        ),
        columns=columns,
    )


class PublishedFacets:
    """The FacetTable of the published entries, rebuilt when `published_stamp` changes."""

    COLUMNS = ("id", "published_at", *FIELD_COLUMNS, "facet_tags")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stamp: tuple[Any, ...] | None = None
        self._table = build_table([])

    def current(self) -> FacetTable:
        stamp = published_stamp()
        with self._lock:
            if stamp != self._stamp:
                published = Practice.objects.filter(status=Practice.Status.PUBLISHED)
                table = build_table(list(published.values_list(*self.COLUMNS)))
                self._table = replace(table, stamp=stamp)
                self._stamp = stamp
            return self._table


PUBLISHED_FACETS = PublishedFacets()
