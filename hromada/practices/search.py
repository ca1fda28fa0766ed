"""Searching the practices base: full-text match and rank in the database, filters and facet
counts through the ORM (the same on SQLite and PostgreSQL), snippets and "did you mean" in
Python over the original text (docs/search.md)."""

from __future__ import annotations

import functools
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import numpy as np
import numpy.typing as npt
from django.db import connection, connections, transaction
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from rapidfuzz.distance import Levenshtein

from hromada.core.collation import ukrainian_sort_key
from hromada.core.params import parse_int, parse_page
from hromada.practices import search_version
from hromada.practices.facets import (
    FIELD_FACETS,
    OPEN_FACETS,
    PUBLISHED_FACETS,
    TAG_FACETS,
    BoolArray,
    FacetTable,
    IntArray,
)
from hromada.practices.models import Practice
from hromada.practices.vocabulary import oblast_choices
from hromada.text import Indexed, Query, QueryTerm, document_language, get_analyzer, highlight
from hromada.text.spelling import SpellingIndex

FACETS = (*FIELD_FACETS, *TAG_FACETS, *OPEN_FACETS)  # in the order the page shows them
SORTS = ("relevance", "date")
PER_PAGE = 20
SEARCH_COLUMNS = ("title_k", "body_k", "title_w", "body_w")
FloatArray = npt.NDArray[np.float64]
Found = tuple[IntArray, FloatArray]  # positions in the FacetTable, scores


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
    sort = params.get("sort", "relevance")
    return {
        # NUL cannot reach PostgreSQL (psycopg refuses it); it means nothing in a query anyway.
        "q": params.get("q", "").replace("\x00", "")[:200],
        "filters": {
            name: [value.replace("\x00", "")[:200] for value in params.getlist(name)]
            for name in FACETS
        },
        "sort": sort if sort in SORTS else "relevance",
        "page": parse_page(params.get("page", "1")),
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
            values = [v for v in values if parse_int(v, minimum=0, maximum=9999) is not None]
        if values:
            cleaned[name] = list(dict.fromkeys(values))
    return cleaned


# Fixed SQL per database; the user's query is only ever a bound parameter (%s). It returns the
# matching entries' ids (drafts too: the published set is in FacetTable) with their score.
MATCH_SQL = {
    # Matched on the keys-and-words vector's GIN index, ranked on the smaller keys-only vector
    # (migration 0003): ranking reads the vector of every match.
    # The typed forms' bonus (what the FTS5 form alternatives give on SQLite) needs the larger
    # vector of keys and words, so it is read for the FORM_BONUS_TOP best matches only.
    "postgresql": (
        "SELECT id, rank + CASE WHEN place <= %s "
        "THEN %s * ts_rank(search_vector, to_tsquery('simple', %s), 1) ELSE 0 END "
        "FROM (SELECT id, search_vector, rank, row_number() OVER (ORDER BY rank DESC) AS place "
        "FROM (SELECT id, search_vector, ts_rank(rank_vector, to_tsquery('simple', %s), 1) AS rank "
        "FROM practices_practice WHERE search_vector @@ to_tsquery('simple', %s)) AS matched"
        ") AS ranked"
    ),
    # Only the full-text table: joining the practices back for their facet values cost more
    # than the match itself (a row lookup per match); those values come from FacetTable.
    "sqlite": (
        "SELECT rowid, -bm25(practices_practice_fts, 10.0, 1.0, 4.0, 2.0) "
        "FROM practices_practice_fts WHERE practices_practice_fts MATCH %s"
    ),
}


FORM_BONUS_TOP = 20
FORM_BONUS = 0.4


def _run_match(vendor: str, expression: str, forms: str) -> list[tuple[int, float]]:
    if vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(MATCH_SQL[vendor], [expression])
            return cursor.fetchall()
    # PostgreSQL's planner prices `@@` like any cheap filter and scans the whole table when a
    # query matches more than about half of it; but each `@@` there decompresses a vector,
    # which the GIN index does not need (67 ms against 9 ms for 6,800 of 10,000 entries). The
    # setting is local to this transaction; inside an outer one (a savepoint) it is reset
    # after, since it would last until the outer one ends.
    outer = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        # A query without forms (phrases only) asks for a lexeme that no entry has.
        arguments: list[int | float | str] = [
            FORM_BONUS_TOP,
            FORM_BONUS,
            forms or "'-'",
            expression,
            expression,
        ]
        cursor.execute(MATCH_SQL[vendor], arguments)
        rows = cursor.fetchall()
        if outer:
            cursor.execute("RESET enable_seqscan")
        return rows


# PostgreSQL has one tsvector per entry holding keys and words alike, so a term there matches
# either; FTS5 terms are run over all four columns to match exactly the same entries.
ALL_COLUMNS = ("title_k", "body_k", "title_w", "body_w")
# Where a word's typed form gives an entry a bonus over other forms of the same lemma.
FORM_COLUMNS = ("title_w", "body_w")


def _forms(query: Query | AnyTermQuery) -> str:
    """The typed forms of the query's words as a tsquery (PostgreSQL's form bonus)."""
    parts = query.parts if isinstance(query, AnyTermQuery) else [query]
    return " | ".join(forms for part in parts if (forms := part.forms_tsquery()))


def _expression(query: Query | AnyTermQuery) -> str:
    if isinstance(query, AnyTermQuery):
        return query.expression()
    if connection.vendor == "postgresql":
        return query.to_tsquery()
    return query.to_fts5(ALL_COLUMNS, ALL_COLUMNS, FORM_COLUMNS)


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
            f"({part.to_fts5(ALL_COLUMNS, ALL_COLUMNS, FORM_COLUMNS)})" for part in self.parts
        )


def relaxed(query: Query) -> AnyTermQuery | None:
    if len(query.positive_terms) < 2:
        return None
    # Each wanted word alone, with every exclusion kept in each part.
    excluded = [term for term in query.terms if term.exclude]
    parts = [Query([term, *excluded]) for term in query.positive_terms]
    parts = [part for part in parts if not part.is_empty]
    return AnyTermQuery(parts) if len(parts) >= 2 else None


Remembered = TypeVar("Remembered")


class RecentMatches(Generic[Remembered]):
    """The matches of the last few distinct queries, for as long as the published set is the
    one they were computed on (RECENT_PAGES keeps whole results pages the same way). Turning a
    page, ticking a facet, changing the sort or exporting repeats the same full-text query;
    only the first of them pays for matching and ranking.
    Writes through the actions and the reindex command bump the shared search_version, which
    every process checks; a write outside both is seen after at most MAX_AGE seconds."""

    SIZE = 32
    MAX_AGE = 60.0

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._table: FacetTable | None = None
        self._version = 0
        self._found: OrderedDict[Hashable, tuple[float, Remembered]] = OrderedDict()

    def get(self, table: FacetTable, key: Hashable) -> Remembered | None:
        version = search_version.current()  # moved by writes in any process
        with self._lock:
            if table is not self._table or version != self._version:
                self._table, self._version, self._found = table, version, OrderedDict()
            stored = self._found.get(key)
            if stored is None or time.monotonic() - stored[0] > self.MAX_AGE:
                return None
            self._found.move_to_end(key)
            return stored[1]

    def put(self, table: FacetTable, key: Hashable, found: Remembered) -> None:
        with self._lock:
            if table is self._table:
                self._found[key] = (time.monotonic(), found)
                self._found.move_to_end(key)
                while len(self._found) > self.SIZE:
                    self._found.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._table, self._found = None, OrderedDict()


RECENT_MATCHES: RecentMatches[Found] = RecentMatches()


def _matches(query: Query | AnyTermQuery | None, table: FacetTable) -> tuple[IntArray, FloatArray]:
    """Positions in `table` of the published entries the query matches (all of them for an
    empty query) and their scores."""
    if query is None:
        return np.arange(len(table.ids), dtype=np.int64), np.zeros(len(table.ids))
    vendor = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    expression = _expression(query)
    # On PostgreSQL two forms of one lemma give the same expression but not the same bonus.
    forms = _forms(query) if vendor == "postgresql" else ""
    found = RECENT_MATCHES.get(table, (vendor, expression, forms))
    if found is None:
        matches = _run_match(vendor, expression, forms)
        ids = np.fromiter((row[0] for row in matches), dtype=np.int64, count=len(matches))
        scores = np.fromiter((row[1] for row in matches), dtype=np.float64, count=len(matches))
        positions, published = table.positions(ids)
        found = (positions[published], scores[published])
        RECENT_MATCHES.put(table, (vendor, expression, forms), found)
    return found


def _facet_values(
    table: FacetTable,
    positions: IntArray,
    passes: dict[str, BoolArray],
    filters: dict[str, list[str]],
) -> dict[str, list[FacetValue]]:
    """Counts per value, each facet counted with the other facets' filters applied, so a person
    sees how many entries each alternative value would give."""
    facets: dict[str, list[FacetValue]] = {}
    for name in FACETS:
        others = [mask for facet, mask in passes.items() if facet != name]
        counted = positions[np.logical_and.reduce(others)] if others else positions
        counts = table.columns[name].counts(counted)
        selected = set(filters.get(name, []))
        labels = _facet_labels(name, get_language())
        order = list(labels) if labels else sorted(counts, reverse=name == "year")
        order += sorted((code for code in counts if code not in order), key=ukrainian_sort_key)
        order += [code for code in selected if code not in order]
        facets[name] = [
            FacetValue(code, labels.get(code, code), counts.get(code, 0), code in selected)
            for code in order
            if counts.get(code) or code in selected
        ]
    return facets


@functools.lru_cache(maxsize=64)
def _facet_labels(name: str, language: str | None) -> dict[str, str]:
    """{code: label} of a closed facet in `language` (the active one), in the order shown;
    {} for facets whose values come from the data. Translated once per language, not on
    every search."""
    if name == "oblast":  # alphabetical in the page's language, not by code point
        return dict(oblast_choices())
    vocabulary = FIELD_FACETS.get(name) or TAG_FACETS.get(name)
    return {str(c): str(label) for c, label in vocabulary.choices} if vocabulary else {}


class Vocabulary:
    """The words of the published entries and their spelling index, for "did you mean"."""

    def __init__(self, words: set[str]) -> None:
        # Words of one or two letters are no useful suggestion.
        self.spelling = SpellingIndex(w for w in words if len(w) > 2)


class PublishedVocabulary:
    """The Vocabulary of the published set, built once for each published set (a new
    FacetTable, or a move of the shared search_version) and never on the request that needs
    it when that can be helped: any search that finds the vocabulary out of date starts a
    background build (warm()), so by the time someone mistypes a word it is usually there.
    A request that needs it while it is being built waits for that build; one that finds
    none under way builds it itself."""

    WAIT_SECONDS = 5.0

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._table: FacetTable | None = None
        self._version = 0
        self._vocabulary: Vocabulary | None = None
        self._building: threading.Thread | None = None

    def _fresh(self, table: FacetTable, version: int) -> Vocabulary | None:
        if table is self._table and version == self._version:
            return self._vocabulary
        return None

    def current(self, table: FacetTable) -> Vocabulary:
        version = search_version.current()
        with self._lock:
            fresh, building = self._fresh(table, version), self._building
        if fresh is not None:
            return fresh
        if building is not None:
            building.join(timeout=self.WAIT_SECONDS)
            with self._lock:
                fresh = self._fresh(table, version)
            if fresh is not None:
                return fresh
        vocabulary = _read_vocabulary()
        self._store(table, version, vocabulary)
        return vocabulary

    def warm(self, table: FacetTable) -> None:
        """Start building the vocabulary in a background thread if it is out of date. Not
        inside a transaction: the thread has its own connection and would not see what this
        one has not committed (a test's data, an atomic request's writes)."""
        if connection.in_atomic_block:
            return
        version = search_version.current()
        with self._lock:
            if self._fresh(table, version) is not None or self._building is not None:
                return
            self._building = threading.Thread(
                target=self._build, args=(table, version), name="practices-vocabulary", daemon=True
            )
            self._building.start()

    def _build(self, table: FacetTable, version: int) -> None:
        try:
            self._store(table, version, _read_vocabulary())
        finally:
            with self._lock:
                self._building = None
            connections.close_all()  # this thread's own connections

    def _store(self, table: FacetTable, version: int, vocabulary: Vocabulary) -> None:
        # Tagged with the set it was read for (looked up before reading): a write during the
        # read moves the version, so the next request rebuilds rather than trusting it.
        with self._lock:
            self._table, self._version, self._vocabulary = table, version, vocabulary

    def clear(self) -> None:
        with self._lock:
            self._table, self._vocabulary = None, None


SEARCH_WORD_COLUMNS = ("title_w", "body_w")


def _read_vocabulary() -> Vocabulary:
    """The published entries' words; on the way, every word not analysed yet in this process
    is analysed and filed under its keys (Analyzer.matching_norms), as written with and
    without an apostrophe, so that snippets never wait for the dictionaries: the first
    search that showed a long entry used to analyse its ~500 distinct words (~15 ms)."""
    published = Practice.objects.filter(status=Practice.Status.PUBLISHED)
    words: set[str] = set()
    by_language: dict[str | None, set[str]] = {}
    rows = published.values_list("language", *SEARCH_WORD_COLUMNS).iterator()
    for language, title_w, body_w in rows:
        entry = {*title_w.split(), *body_w.split()}
        words |= entry
        by_language.setdefault(document_language(language), set()).update(entry)
    analyzer = get_analyzer()
    for language, norms in by_language.items():
        for apostrophe in (False, True):
            analyzer.matching_norms(norms, language, set(), apostrophe=apostrophe)
    return Vocabulary(words)


PUBLISHED_VOCABULARY = PublishedVocabulary()

# Whether any published entry matches one query term (its keys, or as a prefix): fixed SQL,
# the term only a bound parameter. The database stops at the first published match.
TERM_EXISTS_SQL = {
    "postgresql": (
        "SELECT 1 FROM practices_practice "
        "WHERE search_vector @@ to_tsquery('simple', %s) AND status = %s LIMIT 1"
    ),
    "sqlite": (
        "SELECT 1 FROM practices_practice_fts JOIN practices_practice "
        "ON practices_practice.id = practices_practice_fts.rowid "
        "WHERE practices_practice_fts MATCH %s AND practices_practice.status = %s LIMIT 1"
    ),
}


def _term_matched(term: QueryTerm) -> bool:
    """Whether the word matched some published entry by any of its lemmas or (a half-typed
    last word) as the start of a word: one indexed lookup, no vocabulary needed."""
    vendor = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    with connection.cursor() as cursor:
        cursor.execute(
            TERM_EXISTS_SQL[vendor], [_expression(Query([term])), Practice.Status.PUBLISHED]
        )
        return cursor.fetchone() is not None


SUGGESTION_CANDIDATES = 5


def _suggest(query: Query, table: FacetTable) -> str | None:
    """The query with each word that matched nothing (by any of its lemmas) replaced by the
    nearest word of the published entries; None when every word matched something. A word
    that matched is never replaced, however few entries the whole query found: most such
    suggestions used to turn a correct word into another one."""
    missing = [
        term
        for term in query.positive_terms
        if term.norm and not term.phrase and not _term_matched(term)
    ]
    if not missing:
        return None
    spelling = PUBLISHED_VOCABULARY.current(table).spelling
    changed, words = False, []
    for term in query.terms:
        near = _nearest_in_form(term.norm, spelling) if term in missing else None
        if near:
            words.append(near)
            changed = True
        else:
            words.append(term.raw)
    return " ".join(words) if changed else None


def _nearest_in_form(typed: str, spelling: SpellingIndex) -> str | None:
    """The suggestion for one unmatched word: of the few nearest words of the entries and
    their forms in the grammatical form the typed ending suggests, the one nearest to what
    was typed; at equal distance a word the entries contain wins over a form made for the
    occasion (`громадскому` → `громадському`, though the entries say `громадського`)."""
    analyzer = get_analyzer()
    best: tuple[int, bool, int, str] | None = None
    for rank, candidate in enumerate(spelling.nearest(typed, limit=SUGGESTION_CANDIDATES)):
        for form in dict.fromkeys((candidate, analyzer.in_form_of(candidate, typed))):
            scored = (Levenshtein.distance(form, typed), form not in spelling, rank, form)
            best = scored if best is None else min(best, scored)
    return best[3] if best else None


def search(
    q: str,
    filters: dict[str, list[str]] | None = None,
    *,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = PER_PAGE,
    table: FacetTable | None = None,
    snippets: bool = True,
) -> SearchResult:
    """`snippets=False` for callers that never show them (exports, titles-only suggestions):
    highlighting re-analyses each hit's text and was three quarters of a 2,000-row export."""
    started = time.perf_counter()
    analyzer = get_analyzer()
    query = analyzer.parse_query(q)
    filters = clean_filters(filters or {})
    if table is None:
        table = PUBLISHED_FACETS.current()
    positions, scores = _matches(None if query.is_empty else query, table)
    # Some entry has every word, so every word matched: nothing to suggest, nothing to read.
    suggestion = None if query.is_empty or len(positions) else _suggest(query, table)
    loosened = None
    if not len(positions) and not query.is_empty:
        loosened = relaxed(query)
        if loosened is not None:
            positions, scores = _matches(loosened, table)
    passes = {
        name: table.columns[name].passes(positions, wanted) for name, wanted in filters.items()
    }
    keep = np.logical_and.reduce(list(passes.values())) if passes else slice(None)
    kept, kept_scores = positions[keep], scores[keep]
    ids = table.ids[kept]
    if query.is_empty or sort == "date":
        order = np.lexsort((-ids, -table.published[kept]))  # the last key sorts first
    else:
        order = np.lexsort((-ids, -kept_scores))
    total = len(order)
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    chosen = order[(page - 1) * per_page : page * per_page]
    # The search columns are large and not shown: leave them in the database (but the body's
    # words make its snippet several times cheaper).
    unread = [column for column in SEARCH_COLUMNS if not (snippets and column == "body_w")]
    by_id = Practice.objects.defer(*unread).in_bulk(ids[chosen].tolist())
    hits = []
    for pk, score in zip(ids[chosen].tolist(), kept_scores[chosen].tolist(), strict=True):
        practice = by_id[pk]
        snippet = ""
        if snippets:
            snippet = _snippet(practice, query)
        # highlight() escapes the text itself and adds only <mark> tags.
        hits.append(Hit(practice, score, mark_safe(snippet)))  # noqa: S308
    # "Did you mean" for the next mistyped word, prepared off this request.
    PUBLISHED_VOCABULARY.warm(table)
    return SearchResult(
        query=q,
        hits=hits,
        total=total,
        page=page,
        pages=pages,
        facets=_facet_values(table, positions, passes, filters),
        suggestion=suggestion,
        ms=round((time.perf_counter() - started) * 1000, 2),
        filters=filters,
        relaxed=loosened is not None,
    )


def _snippet(practice: Practice, query: Query) -> str:
    """The highlighted snippet of the entry's body (or summary), told how the indexed text
    (summary, body and place, as indexing.fill_search_columns joins them) holds it."""
    parts = [practice.summary, practice.body, practice.place]
    shown = 1 if practice.body else 0
    before = "".join(part + "\n" for part in parts[:shown] if part)
    after = "".join("\n" + part for part in parts[shown + 1 :] if part)
    indexed = Indexed(practice.body_w, before, after)
    text = parts[shown]
    return highlight(text, query, get_analyzer(), practice.language, indexed=indexed)
