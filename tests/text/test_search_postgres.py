"""The to_tsquery strings run against PostgreSQL's 'simple' configuration over a tsvector built
from the same four columns (keys and words; weight A for the title, B for the body). Skipped
when no server answers at 127.0.0.1:5432 (user postgres, trust auth)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada.text import get_analyzer
from tests.text.search_fixtures import EXPECTED, TRICKY, hostile_query, indexed_rows

pytestmark = pytest.mark.postgres

TSVECTOR = """
    setweight(to_tsvector('simple', title_k), 'A')
    || setweight(to_tsvector('simple', title_w), 'A')
    || setweight(to_tsvector('simple', body_k), 'B')
    || setweight(to_tsvector('simple', body_w), 'B')
"""


@pytest.fixture(scope="module")
def pg() -> Iterator[Any]:
    psycopg = pytest.importorskip("psycopg")
    try:
        connection = psycopg.connect(
            "host=127.0.0.1 port=5432 user=postgres dbname=postgres",
            connect_timeout=2,
            autocommit=True,
        )
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL server at 127.0.0.1:5432")
    # A temporary table: private to this session, so parallel test runs cannot collide.
    connection.execute(
        "CREATE TEMPORARY TABLE practice (id int PRIMARY KEY, title_k text, body_k text,"
        f" title_w text, body_w text, search tsvector GENERATED ALWAYS AS ({TSVECTOR}) STORED)"
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO practice (id, title_k, body_k, title_w, body_w)"
            " VALUES (%s, %s, %s, %s, %s)",
            indexed_rows(),
        )
    yield connection
    connection.close()


def search(pg: Any, q: str) -> set[int]:
    tsquery = get_analyzer().parse_query(q).to_tsquery()
    if not tsquery:
        return set()
    rows = pg.execute(
        "SELECT id FROM practice WHERE search @@ to_tsquery('simple', %s)"
        " ORDER BY ts_rank(search, to_tsquery('simple', %s), 1) DESC",
        (tsquery, tsquery),
    ).fetchall()
    return {row[0] for row in rows}


@pytest.mark.parametrize(("q", "expected"), EXPECTED)
def test_tsquery_finds_inflected_forms(pg: Any, q: str, expected: set[int]) -> None:
    assert search(pg, q) == expected


@pytest.mark.parametrize("q", TRICKY)
def test_tsquery_tricky_input_runs(pg: Any, q: str) -> None:
    search(pg, q)


@settings(max_examples=200, deadline=None)
@given(q=st.text(max_size=60).filter(lambda s: "\x00" not in s))
def test_tsquery_always_accepted(pg: Any, q: str) -> None:
    search(pg, q)


def test_hostile_lexemes_are_accepted(pg: Any) -> None:
    pg.execute("SELECT to_tsquery('simple', %s)", (hostile_query().to_tsquery(),))
