"""Parsing what people type into terms, and the strings written for FTS5 and to_tsquery."""

from __future__ import annotations

import re

import pytest

from hromada.text import Query, get_analyzer
from tests.text.search_fixtures import TRICKY, hostile_query


def parse(q: str) -> Query:
    return get_analyzer().parse_query(q)


def test_words_become_terms_with_all_their_keys() -> None:
    query = parse("громадського бюджету ")
    assert [t.norm for t in query.terms] == ["громадського", "бюджету"]
    assert set(query.terms[0].keys) >= {"громадський"}
    assert not any(t.prefix for t in query.terms)


def test_last_word_is_a_prefix_while_typing() -> None:
    query = parse("бюджет громадсько")
    assert [t.prefix for t in query.terms] == [False, True]
    assert query.prefixes == ("громадсько",)
    assert "громадсько" in query.matched_keys
    # Punctuation after the last word also means it is finished.
    assert not parse("бюджет громадсько.").terms[-1].prefix


def test_stop_words_are_dropped_unless_being_typed() -> None:
    assert [t.norm for t in parse("бюджет для громади ").terms] == ["бюджет", "громади"]
    last = parse("бюджет на").terms[-1]
    assert (last.norm, last.keys, last.prefix) == ("на", (), True)
    assert parse("і та що ").is_empty


def test_phrases() -> None:
    query = parse('бюджет "міської ради" ')
    phrase = query.terms[1]
    assert phrase.phrase == ("міської", "ради")
    assert phrase.raw == '"міської ради"'
    assert {"міської", "ради"} <= query.matched_keys
    # An unclosed quote is a phrase still being typed.
    assert parse('"міської ра').terms[0].phrase == ("міської", "ра")


def test_exclusions() -> None:
    query = parse('бюджет -шкільний -"міська рада" синьо-жовтий')
    assert [(t.norm, t.exclude) for t in query.terms] == [
        ("бюджет", False),
        ("шкільний", True),
        ("міська рада", True),
        ("синьо", False),
        ("жовтий", False),  # a hyphen inside a word does not exclude
    ]
    assert "шкільний" not in query.matched_keys
    assert parse("-бюджет").is_empty  # nothing to search for


def test_fts5_expression_shape() -> None:
    expression = parse('громадського "міської ради" -шкільний бюдж').to_fts5()
    assert expression == (
        '(({title_k body_k} : ("громадське" OR "громадський")) AND '
        '({title_w body_w} : ("міської" + "ради")) AND '
        '({title_k body_k} : ("бюдж") OR {title_w body_w} : "бюдж" *)) '
        'NOT ({title_k body_k} : ("шкільний"))'
    )


def test_tsquery_shape() -> None:
    assert parse('громадського "міської ради" -шкільний бюдж').to_tsquery() == (
        "('громадське' | 'громадський') & ('міської' <-> 'ради') & ('бюдж' | 'бюдж':*)"
        " & !('шкільний')"
    )


def test_empty_queries_give_empty_strings() -> None:
    for q in ["", "   ", "😀", "!!!", "-бюджет", "і та "]:
        query = parse(q)
        assert query.is_empty
        assert query.to_fts5() == ""
        assert query.to_tsquery() == ""


@pytest.mark.parametrize("q", TRICKY)
def test_user_text_only_appears_inside_quoted_strings(q: str) -> None:
    # Remove every FTS5 string; what is left must be our own syntax only.
    rest = re.sub(r'"(?:[^"]|"")*"', " ", parse(q).to_fts5())
    allowed = {"{title_k", "body_k}", "{title_w", "body_w}", ":", "AND", "OR", "NOT", "*", "+"}
    assert set(rest.replace("(", " ").replace(")", " ").split()) <= allowed


def test_operators_typed_by_users_are_plain_words() -> None:
    expression = parse("NEAR(бюджет) OR title_k:рада*").to_fts5()
    assert "NEAR(" not in expression
    assert '"near"' in expression
    assert '"titl"' in expression  # the column name became an (English) word


def test_quoting_holds_even_for_tokens_the_tokenizer_never_makes() -> None:
    # Defence in depth: quoting must not rely on the normaliser stripping quotes.
    query = hostile_query()
    assert query.to_fts5() == (
        '({title_k body_k} : ("a\'b""c\\") OR {title_w body_w} : "a\'b""c\\" *)'
    )
    assert query.to_tsquery() == "('a''b\"c\\\\' | 'a''b\"c\\\\':*)"
