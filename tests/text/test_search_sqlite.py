"""The FTS5 expressions run against a real SQLite FTS5 table built like the Django side's
(external content, unicode61, prefix='2 3'), with documents indexed by `index_text`."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada.text import get_analyzer
from tests.text.search_fixtures import EXPECTED, TRICKY, hostile_query, indexed_rows

# SQLite's unicode61 removes diacritics by default, which folds й→и and ї→і; index and
# queries fold alike, so matching works with either setting. Both are tested.
TOKENIZERS = ["unicode61 remove_diacritics 0", "unicode61"]


def make_index(tokenizer: str) -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.executescript(
        f"""
        CREATE TABLE practice (id INTEGER PRIMARY KEY, title_k, body_k, title_w, body_w);
        CREATE VIRTUAL TABLE practice_fts USING fts5(
            title_k, body_k, title_w, body_w,
            content='practice', content_rowid='id', tokenize='{tokenizer}', prefix='2 3'
        );
        """
    )
    rows = indexed_rows()
    connection.executemany("INSERT INTO practice VALUES (?, ?, ?, ?, ?)", rows)
    connection.executemany(
        "INSERT INTO practice_fts (rowid, title_k, body_k, title_w, body_w) VALUES (?, ?, ?, ?, ?)",
        rows,
    )
    return connection


@pytest.fixture(scope="module", params=TOKENIZERS)
def index(request: pytest.FixtureRequest) -> Iterator[sqlite3.Connection]:
    connection = make_index(request.param)
    yield connection
    connection.close()


def search(connection: sqlite3.Connection, q: str) -> set[int]:
    expression = get_analyzer().parse_query(q).to_fts5()
    if not expression:
        return set()
    rows = connection.execute(
        "SELECT rowid FROM practice_fts WHERE practice_fts MATCH ? ORDER BY bm25(practice_fts)",
        (expression,),
    )
    return {row[0] for row in rows}


@pytest.mark.parametrize(("q", "expected"), EXPECTED)
def test_fts5_finds_inflected_forms(index: sqlite3.Connection, q: str, expected: set[int]) -> None:
    assert search(index, q) == expected


@pytest.mark.parametrize("q", TRICKY)
def test_fts5_tricky_input_runs(index: sqlite3.Connection, q: str) -> None:
    search(index, q)


_SHARED = make_index(TOKENIZERS[0])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_fts5_never_a_syntax_error(q: str) -> None:
    search(_SHARED, q)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="\"'()*:-^{}+ бюджетAORND", max_size=30))
def test_fts5_never_a_syntax_error_on_operator_soup(q: str) -> None:
    search(_SHARED, q)


def test_hostile_strings_are_accepted() -> None:
    _SHARED.execute(
        "SELECT rowid FROM practice_fts WHERE practice_fts MATCH ?", (hostile_query().to_fts5(),)
    )
