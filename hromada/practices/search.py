"""Searching the practices base: full-text match and rank in the database, filters and facet
counts through the ORM (the same on SQLite and PostgreSQL), snippets and "did you mean" in
Python over the original text (SEARCH.md)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, Max
from django.utils.safestring import SafeString, mark_safe

from hromada.practices.models import Practice, PracticeTag
from hromada.practices.vocabulary import Instrument, Kind, Language, SizeBand, Theme
from hromada.text import Query, get_analyzer, highlight

FIELD_FACETS = {"kind": Kind, "language": Language, "size_band": SizeBand}
TAG_FACETS = {"theme": Theme, "instrument": Instrument}
OPEN_FACETS = ("oblast", "year")  # values come from the data
FACETS = (*FIELD_FACETS, *TAG_FACETS, *OPEN_FACETS)
SORTS = ("relevance", "date")
PER_PAGE = 20


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


# Fixed SQL per database; the user's query is only ever a bound parameter (%s). Each returns
# the published matches with their score and facet fields; a second statement their tags.
MATCH_SQL = {
    "postgresql": (
        "SELECT p.id, p.published_at, p.kind, p.language, p.size_band, p.oblast, p.year, "
        "ts_rank(p.search_vector, to_tsquery('simple', %s), 1) "
        "FROM practices_practice p WHERE p.status = 'published' "
        "AND p.search_vector @@ to_tsquery('simple', %s)",
        "SELECT t.practice_id, t.facet, t.code FROM practices_practicetag t "
        "JOIN practices_practice p ON p.id = t.practice_id WHERE p.status = 'published' "
        "AND p.search_vector @@ to_tsquery('simple', %s)",
    ),
    # bm25() is lower-is-better; columns: title keys, body keys, title words, body words.
    "sqlite": (
        # CROSS JOIN keeps the full-text table as the outer loop: with a plain join SQLite may
        # walk the practices and run the MATCH once per row (100x slower at 1,000 entries).
        "SELECT p.id, p.published_at, p.kind, p.language, p.size_band, p.oblast, p.year, "
        "-bm25(practices_practice_fts, 10.0, 1.0, 4.0, 0.5) "
        "FROM practices_practice_fts CROSS JOIN practices_practice p "
        "ON p.id = practices_practice_fts.rowid "
        "WHERE practices_practice_fts MATCH %s AND p.status = 'published'",
        "SELECT t.practice_id, t.facet, t.code FROM practices_practicetag t "
        "WHERE t.practice_id IN (SELECT rowid FROM practices_practice_fts "
        "WHERE practices_practice_fts MATCH %s)",
    ),
}


def _expression(query: Query | AnyTermQuery) -> str:
    if isinstance(query, AnyTermQuery):
        return query.expression()
    return query.to_tsquery() if connection.vendor == "postgresql" else query.to_fts5()


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
        return " OR ".join(f"({part.to_fts5()})" for part in self.parts)


def relaxed(query: Query) -> AnyTermQuery | None:
    if len(query.positive_terms) < 2:
        return None
    # Each wanted word alone, with every exclusion kept in each part.
    excluded = [term for term in query.terms if term.exclude]
    parts = [Query([term, *excluded]) for term in query.positive_terms]
    parts = [part for part in parts if not part.is_empty]
    return AnyTermQuery(parts) if len(parts) >= 2 else None


@dataclass
class Candidate:
    """A matching published entry: its score and the values of every facet."""

    id: int
    published_at: Any
    values: dict[str, set[str]]
    score: float = 0.0


def _candidate(row: tuple[Any, ...], score: float) -> Candidate:
    pk, published_at, kind, language, size_band, oblast, year = row[:7]
    values = {
        "kind": {kind},
        "language": {language},
        "size_band": {size_band} if size_band else set(),
        "oblast": {oblast} if oblast else set(),
        "year": {str(year)} if year else set(),
        "theme": set(),
        "instrument": set(),
    }
    return Candidate(pk, published_at, values, score)


def _candidates(query: Query | AnyTermQuery | None) -> list[Candidate]:
    """Every published entry the query matches (all of them for an empty query), with facets.
    Two statements whatever the filters: facets are then counted in Python, identically on
    both databases."""
    if query is None:
        published = Practice.objects.filter(status=Practice.Status.PUBLISHED)
        fields = ("id", "published_at", "kind", "language", "size_band", "oblast", "year")
        candidates = {row[0]: _candidate(row, 0.0) for row in published.values_list(*fields)}
        tags = PracticeTag.objects.filter(practice__status=Practice.Status.PUBLISHED)
        tag_rows: Any = tags.values_list("practice_id", "facet", "code")
    else:
        rows_sql, tags_sql = MATCH_SQL[
            "postgresql" if connection.vendor == "postgresql" else "sqlite"
        ]
        expression = _expression(query)
        with connection.cursor() as cursor:
            cursor.execute(rows_sql, [expression] * rows_sql.count("%s"))
            candidates = {row[0]: _candidate(row, float(row[7])) for row in cursor.fetchall()}
            cursor.execute(tags_sql, [expression] * tags_sql.count("%s"))
            tag_rows = cursor.fetchall()
    for practice_id, facet, code in tag_rows:
        if practice_id in candidates:
            candidates[practice_id].values[facet].add(code)
    return list(candidates.values())


def _failed_filters(candidate: Candidate, filters: dict[str, list[str]]) -> set[str]:
    return {name for name, wanted in filters.items() if not candidate.values[name] & set(wanted)}


def _facet_counts(
    candidates: list[Candidate], failed: list[set[str]], filters: dict[str, list[str]]
) -> dict[str, list[FacetValue]]:
    """Counts per value, each facet counted with the other facets' filters applied, so a person
    sees how many entries each alternative value would give."""
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for candidate, fails in zip(candidates, failed, strict=True):
        if len(fails) > 1:
            continue
        for name in fails or FACETS:
            for value in candidate.values[name]:
                counts[name][value] = counts[name].get(value, 0) + 1
    facets: dict[str, list[FacetValue]] = {}
    for name in FACETS:
        selected = set(filters.get(name, []))
        vocabulary = FIELD_FACETS.get(name) or TAG_FACETS.get(name)
        labels = {str(c): str(label) for c, label in vocabulary.choices} if vocabulary else {}
        order = list(labels) if labels else sorted(counts[name], reverse=name == "year")
        order += [code for code in selected if code not in order]
        facets[name] = [
            FacetValue(code, labels.get(code, code), counts[name].get(code, 0), code in selected)
            for code in order
            if counts[name].get(code) or code in selected
        ]
    return facets


_vocabulary_cache: dict[str, Any] = {"stamp": None, "words": []}


def _vocabulary() -> list[str]:
    """Every normalised word of the published entries, for "did you mean" (cached per change)."""
    published = Practice.objects.filter(status=Practice.Status.PUBLISHED)
    stamp = published.aggregate(n=Count("id"), last=Max("updated_at"))
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
    candidates = _candidates(None if query.is_empty else query)
    loosened = None
    if not candidates and not query.is_empty:
        loosened = relaxed(query)
        if loosened is not None:
            candidates = _candidates(loosened)
    failed = [_failed_filters(candidate, filters) for candidate in candidates]
    matched = [c for c, fails in zip(candidates, failed, strict=True) if not fails]
    if query.is_empty or sort == "date":
        matched.sort(key=lambda c: (c.published_at, c.id), reverse=True)
    else:
        matched.sort(key=lambda c: (-c.score, -c.id))
    total = len(matched)
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    chosen = matched[(page - 1) * per_page : page * per_page]
    by_id = Practice.objects.prefetch_related("tags").in_bulk([c.id for c in chosen])
    hits = []
    for candidate in chosen:
        practice = by_id[candidate.id]
        snippet = highlight(practice.body or practice.summary, query, analyzer, practice.language)
        # highlight() escapes the text itself and adds only <mark> tags.
        hits.append(Hit(practice, candidate.score, mark_safe(snippet)))  # noqa: S308
    suggestion = _suggest(query) if total < 3 and not query.is_empty else None
    return SearchResult(
        query=q,
        hits=hits,
        total=total,
        page=page,
        pages=pages,
        facets=_facet_counts(candidates, failed, filters),
        suggestion=suggestion,
        ms=round((time.perf_counter() - started) * 1000, 2),
        filters=filters,
        relaxed=loosened is not None,
    )
