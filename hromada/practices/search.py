"""Searching the practices base: full-text match and rank in the database, filters and facet
counts through the ORM (the same on SQLite and PostgreSQL), snippets and "did you mean" in
Python over the original text (SEARCH.md)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from typing import Any

from django.db import connection
from django.db.models import Count, Max, Sum
from django.utils.safestring import SafeString, mark_safe

from hromada.practices.models import Practice
from hromada.practices.vocabulary import Instrument, Kind, Language, SizeBand, Theme
from hromada.text import Query, get_analyzer, highlight

FIELD_FACETS = {"kind": Kind, "language": Language, "size_band": SizeBand}
TAG_FACETS = {"theme": Theme, "instrument": Instrument}
OPEN_FACETS = ("oblast", "year")  # values come from the data
FACETS = (*FIELD_FACETS, *TAG_FACETS, *OPEN_FACETS)
SORTS = ("relevance", "date")
PER_PAGE = 20
SEARCH_COLUMNS = ("title_k", "body_k", "title_w", "body_w")


@dataclass
class FacetValue:
    code: str
    label: str
    count: int
    selected: bool


@dataclass
class Hit:
    practice: Practice
    score: float
    snippet: SafeString


@dataclass
class SearchResult:
    query: str
    hits: list[Hit]
    total: int
    page: int
    pages: int
    facets: dict[str, list[FacetValue]]
    suggestion: str | None
    ms: float
    filters: dict[str, list[str]] = field(default_factory=dict)
    relaxed: bool = False  # no entry had every word; these have some of them

    def facet_counts(self) -> dict[str, dict[str, int]]:
        """{facet: {value: count}}, as the API and the command line give it."""
        return {name: {v.code: v.count for v in values} for name, values in self.facets.items()}


def search_arguments(params: Any) -> dict[str, Any]:
    """search()'s arguments from a query string (the page, the exports and the API alike)."""
    page = params.get("page", "1")
    sort = params.get("sort", "relevance")
    return {
        "q": params.get("q", "")[:200],
        "filters": {name: params.getlist(name) for name in FACETS},
        "sort": sort if sort in SORTS else "relevance",
        "page": int(page) if page.isdigit() else 1,
    }


def clean_filters(raw: dict[str, list[str]]) -> dict[str, list[str]]:
    """Keep only known facets and, for closed vocabularies, known codes."""
    closed: dict[str, Any] = {**FIELD_FACETS, **TAG_FACETS}
    cleaned = {}
    for name in FACETS:
        values = [v for v in raw.get(name, []) if v]
        if name in closed:
            values = [v for v in values if v in closed[name].values]
        if name == "year":
            values = [v for v in values if v.isdigit()]
        if values:
            cleaned[name] = list(dict.fromkeys(values))
    return cleaned


# Fixed SQL per database; the user's query is only ever a bound parameter (%s). It returns the
# matching ids with their score.
MATCH_SQL = {
    "postgresql": (
        "SELECT id, ts_rank(search_vector, to_tsquery('simple', %s), 1) FROM practices_practice "
        "WHERE status = 'published' AND search_vector @@ to_tsquery('simple', %s)"
    ),
    # Only the full-text table: joining the practices back for their facet values cost more
    # than the match itself (a row lookup per match); those values come from FacetRows.
    "sqlite": (
        "SELECT rowid, -bm25(practices_practice_fts, 10.0, 1.0, 4.0, 0.5) "
        "FROM practices_practice_fts WHERE practices_practice_fts MATCH %s"
    ),
}


# PostgreSQL has one tsvector per entry holding keys and words alike, so a term there matches
# either; FTS5 terms are run over all four columns to match exactly the same entries.
ALL_COLUMNS = ("title_k", "body_k", "title_w", "body_w")


def _expression(query: Query | AnyTermQuery) -> str:
    if isinstance(query, AnyTermQuery):
        return query.expression()
    if connection.vendor == "postgresql":
        return query.to_tsquery()
    return query.to_fts5(key_columns=ALL_COLUMNS, word_columns=ALL_COLUMNS)


class AnyTermQuery:
    """A long query that matched nothing as a whole, relaxed to "any of its words": people type
    sentences ("укриття та генератори за рахунок громадського бюджету"), and an entry that has
    most of the words is better than an empty page. BM25 still ranks entries with more of the
    words first."""

    def __init__(self, parts: list[Query]) -> None:
        self.parts = parts

    def expression(self) -> str:
        if connection.vendor == "postgresql":
            return " | ".join(f"({part.to_tsquery()})" for part in self.parts)
        return " OR ".join(
            f"({part.to_fts5(key_columns=ALL_COLUMNS, word_columns=ALL_COLUMNS)})"
            for part in self.parts
        )


def relaxed(query: Query) -> AnyTermQuery | None:
    if len(query.positive_terms) < 2:
        return None
    # Each wanted word alone, with every exclusion kept in each part.
    excluded = [term for term in query.terms if term.exclude]
    parts = [Query([term, *excluded]) for term in query.positive_terms]
    parts = [part for part in parts if not part.is_empty]
    return AnyTermQuery(parts) if len(parts) >= 2 else None


# A match: FACET_COLUMNS (facet_tags split into a tuple) then the score. Kept as plain tuples
# and counted with Counter: a broad query matches thousands of entries.
FACET_COLUMNS = (
    "id",
    "published_at",
    "kind",
    "language",
    "size_band",
    "oblast",
    "year",
    "facet_tags",
)
Row = tuple[Any, ...]
COLUMN_OF = {"kind": 2, "language": 3, "size_band": 4, "oblast": 5, "year": 6}


def _values(row: Row, facet: str) -> set[str]:
    """The values of one facet of a matched entry (tags come from its facet_tags text)."""
    if facet in TAG_FACETS:
        prefix = facet + ":"
        return {tag[len(prefix) :] for tag in row[7] if tag.startswith(prefix)}
    value = row[COLUMN_OF[facet]]
    return {str(value)} if value not in ("", None) else set()


def published_stamp() -> dict[str, Any]:
    """What changes whenever the published set or a published entry changes, from one aggregate
    over an index: every write goes through an action and so moves updated_at; the count and the
    id sum also catch entries leaving or joining the published set."""
    published = Practice.objects.filter(status=Practice.Status.PUBLISHED)
    return published.aggregate(n=Count("id"), last=Max("updated_at"), ids=Sum("id"))


class FacetRows:
    """Every published entry's facet values, kept in the process and reloaded when the published
    set changes (checked on each search with one aggregate over an index). A broad query matches
    thousands of entries; reading their values from the database for each search cost more than
    the match."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stamp: dict[str, Any] | None = None
        self._rows: dict[int, Row] = {}

    def current(self) -> dict[int, Row]:
        published = Practice.objects.filter(status=Practice.Status.PUBLISHED)
        stamp = published_stamp()
        with self._lock:
            if stamp != self._stamp:
                # facet_tags split once here, not on every search.
                self._rows = {
                    row[0]: (*row[:7], tuple(row[7].split()))
                    for row in published.values_list(*FACET_COLUMNS)
                }
                self._stamp = stamp
            return self._rows


FACET_ROWS = FacetRows()


def _rows(query: Query | AnyTermQuery | None) -> list[Row]:
    """Every published entry the query matches (all of them for an empty query), with its
    facet values and score; facets are then counted in Python, identically on both databases."""
    facets = FACET_ROWS.current()
    if query is None:
        return [(*row, 0.0) for row in facets.values()]
    statement = MATCH_SQL["postgresql" if connection.vendor == "postgresql" else "sqlite"]
    expression = _expression(query)
    with connection.cursor() as cursor:
        cursor.execute(statement, [expression] * statement.count("%s"))
        matches = cursor.fetchall()
    return [(*facets[pk], float(score)) for pk, score in matches if pk in facets]


def _failed_filters(row: Row, filters: dict[str, list[str]]) -> frozenset[str]:
    return frozenset(
        name for name, wanted in filters.items() if _values(row, name).isdisjoint(wanted)
    )


def _counts(rows: list[Row]) -> dict[str, Counter[str]]:
    """Value counts of every facet over `rows`, tags split once per row."""
    counts: dict[str, Counter[str]] = {}
    for name, column in COLUMN_OF.items():
        raw = Counter(map(itemgetter(column), rows))  # counted in C; keys made text once each
        counts[name] = Counter({str(v): n for v, n in raw.items() if v not in ("", None)})
    tags = Counter(chain.from_iterable(map(itemgetter(7), rows)))
    for name in TAG_FACETS:
        prefix = name + ":"
        counts[name] = Counter(
            {tag[len(prefix) :]: n for tag, n in tags.items() if tag.startswith(prefix)}
        )
    return counts


def _facet_counts(
    rows: list[Row], failed: list[frozenset[str]], filters: dict[str, list[str]]
) -> dict[str, list[FacetValue]]:
    """Counts per value, each facet counted with the other facets' filters applied, so a person
    sees how many entries each alternative value would give."""
    passing = (
        [row for row, fails in zip(rows, failed, strict=True) if not fails] if filters else rows
    )
    all_counts = _counts(passing)
    facets: dict[str, list[FacetValue]] = {}
    for name in FACETS:
        counts = all_counts[name]
        # Entries that fail only this facet's own filter count for its other values.
        if name in filters:
            only_this = [row for row, fails in zip(rows, failed, strict=True) if fails == {name}]
            counts = counts + _counts(only_this)[name]
        selected = set(filters.get(name, []))
        vocabulary = FIELD_FACETS.get(name) or TAG_FACETS.get(name)
        labels = {str(c): str(label) for c, label in vocabulary.choices} if vocabulary else {}
        order = list(labels) if labels else sorted(counts, reverse=name == "year")
        order += [code for code in selected if code not in order]
        facets[name] = [
            FacetValue(code, labels.get(code, code), counts.get(code, 0), code in selected)
            for code in order
            if counts.get(code) or code in selected
        ]
    return facets


_vocabulary_cache: dict[str, Any] = {"stamp": None, "words": []}


def _vocabulary() -> list[str]:
    """Every normalised word of the published entries, for "did you mean" (cached per change)."""
    published = Practice.objects.filter(status=Practice.Status.PUBLISHED)
    stamp = published_stamp()
    if _vocabulary_cache["stamp"] != stamp:
        words: set[str] = set()
        for title_w, body_w in published.values_list("title_w", "body_w").iterator():
            words.update(title_w.split())
            words.update(body_w.split())
        _vocabulary_cache.update(stamp=stamp, words=sorted(w for w in words if len(w) > 2))
    return list(_vocabulary_cache["words"])


def _suggest(query: Query) -> str | None:
    analyzer = get_analyzer()
    vocabulary = _vocabulary()
    known = set(vocabulary)
    changed, words = False, []
    for term in query.terms:
        typed_part = term.prefix and any(word.startswith(term.norm) for word in vocabulary)
        if term.norm in known or typed_part or not term.norm:
            words.append(term.raw)
            continue
        near = analyzer.suggest(term.norm, vocabulary, limit=1)
        if near and near[0] != term.norm:
            words.append(near[0])
            changed = True
        else:
            words.append(term.raw)
    return " ".join(words) if changed else None


def search(
    q: str,
    filters: dict[str, list[str]] | None = None,
    *,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = PER_PAGE,
) -> SearchResult:
    started = time.perf_counter()
    analyzer = get_analyzer()
    query = analyzer.parse_query(q)
    filters = clean_filters(filters or {})
    rows = _rows(None if query.is_empty else query)
    loosened = None
    if not rows and not query.is_empty:
        loosened = relaxed(query)
        if loosened is not None:
            rows = _rows(loosened)
    failed = (
        [_failed_filters(row, filters) for row in rows] if filters else [frozenset()] * len(rows)
    )
    matched = [row for row, fails in zip(rows, failed, strict=True) if not fails]
    if query.is_empty or sort == "date":
        matched.sort(key=lambda row: (row[1], row[0]), reverse=True)
    else:
        matched.sort(key=lambda row: (-row[8], -row[0]))
    total = len(matched)
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    chosen = matched[(page - 1) * per_page : page * per_page]
    # The search columns are large and not shown: leave them in the database.
    by_id = Practice.objects.defer(*SEARCH_COLUMNS).in_bulk([row[0] for row in chosen])
    hits = []
    for row in chosen:
        practice = by_id[row[0]]
        snippet = highlight(practice.body or practice.summary, query, analyzer, practice.language)
        # highlight() escapes the text itself and adds only <mark> tags.
        hits.append(Hit(practice, float(row[8]), mark_safe(snippet)))  # noqa: S308
    suggestion = _suggest(query) if total < 3 and not query.is_empty else None
    return SearchResult(
        query=q,
        hits=hits,
        total=total,
        page=page,
        pages=pages,
        facets=_facet_counts(rows, failed, filters),
        suggestion=suggestion,
        ms=round((time.perf_counter() - started) * 1000, 2),
        filters=filters,
        relaxed=loosened is not None,
    )
