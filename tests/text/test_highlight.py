"""Snippets: matches marked in the original text, HTML escaped, bounded, cut at words."""

from __future__ import annotations

import html
import importlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada.text import get_analyzer, highlight, normalise

# The module, not the function the package exports under the same name.
highlight_module = importlib.import_module("hromada.text.highlight")

TEXT = (
    "Міська рада ухвалила <script>alert(1)</script> положення. Кошти громадського бюджету "
    "розподіляють мешканці об'єднаної громади."
)


def snippet(text: str, q: str, language: str = "uk", max_chars: int = 240) -> str:
    analyzer = get_analyzer()
    return highlight(text, analyzer.parse_query(q), analyzer, language, max_chars=max_chars)


def visible(fragment: str) -> str:
    return html.unescape(re.sub(r"</?mark>", "", fragment)).strip("…")


def test_marks_inflected_forms_in_the_original_text() -> None:
    result = snippet(TEXT, "громадський бюджет ")
    assert "<mark>громадського</mark> <mark>бюджету</mark>" in result
    assert "<mark>" not in result.replace("<mark>громадського</mark>", "").replace(
        "<mark>бюджету</mark>", ""
    )


def test_html_in_the_text_stays_escaped() -> None:
    result = snippet(TEXT, "рада ")
    assert "<script>" not in result
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result
    assert result.startswith("Міська <mark>рада</mark>")


def test_apostrophe_variants_and_spelling_variants_are_marked() -> None:
    assert "<mark>об&#x27;єднаної</mark>" in snippet(TEXT, "об’єднана ")
    assert "<mark>Проект</mark>" in snippet("Проект школи", "проєкт ")


def test_prefix_marks_words_starting_with_it() -> None:
    result = snippet("громадський бюджет і громадського активіста", "громадсько")
    assert result == "громадський бюджет і <mark>громадського</mark> активіста"


def test_phrase_marks_only_the_phrase() -> None:
    result = snippet("рада міської ради і міської громади", '"міської ради"')
    assert result == "рада <mark>міської</mark> <mark>ради</mark> і міської громади"


def test_snippet_is_bounded_cut_at_words_and_around_the_densest_cluster() -> None:
    filler = "Громада обговорює різні питання щодо доріг та освітлення вулиць. " * 30
    cluster = "Петиція про громадський бюджет зібрала підписи, бюджет ухвалили. "
    text = filler + cluster + filler
    result = snippet(text, "бюджет петиція ", max_chars=120)
    assert result.startswith("…") and result.endswith("…")
    shown = visible(result)
    assert len(shown) <= 120
    assert result.count("<mark>") == 3  # the cluster, not a lone match elsewhere
    # Only whole words: every word shown is a word of the text.
    text_words = set(normalise(text).split())
    assert set(normalise(shown).split()) <= text_words


def test_no_match_gives_the_start_of_the_text() -> None:
    text = "<b>Довгий</b> текст " * 40
    result = snippet(text, "петиція ", max_chars=50)
    assert result.startswith("&lt;b&gt;Довгий&lt;/b&gt;")
    assert result.endswith("…")
    assert len(visible(result)) <= 50
    assert "<mark>" not in result


def test_short_text_is_whole_and_without_ellipsis() -> None:
    assert snippet("Молодіжна рада", "рада ") == "Молодіжна <mark>рада</mark>"


def test_one_word_longer_than_the_bound_is_cut_hard() -> None:
    word = "а" * 90
    result = snippet(f"{word} рада", "рада ", max_chars=40)
    assert len(visible(result)) <= 40


# Long texts take a shortcut (only the snippet's surroundings are tokenised); it must give the
# very snippet the whole-text path gives.
_WORDS = [
    *("громада", "громадського", "громадський", "бюджет", "бюджету", "бюджети", "рада"),
    *("ради", "об'єднаної", "Проєкт", "проекти", "мешканці", "кошти", "школа", "укриття"),
    *("генератори", "петиція", "петицій", "сквер"),
    # Runs that tokenize splits again at `_` (manual pages: O_RDONLY, get_бюджет_id).
    *("бюджет_громади", "O_RDONLY", "_ради_", "укриття__школа"),
]


@settings(max_examples=40, deadline=None)
@given(
    picks=st.lists(st.sampled_from(_WORDS), min_size=250, max_size=500),
    gaps=st.lists(st.sampled_from([" ", " ", ", ", ".\n", "\n\n", " — ", "\t", " («"]), min_size=1),
    query=st.lists(
        st.sampled_from([*_WORDS, "громадсько", "бюдж", "квітка"]), min_size=1, max_size=3
    ),
    space=st.booleans(),
    max_chars=st.sampled_from([60, 240, 400]),
)
def test_the_long_text_shortcut_gives_the_same_snippet(
    picks: list[str], gaps: list[str], query: list[str], space: bool, max_chars: int
) -> None:
    text = "".join(word + gaps[i % len(gaps)] for i, word in enumerate(picks))
    text = text * (highlight_module._LONG_TEXT // len(text) + 1)
    q = " ".join(query) + (" " if space else "")
    assert len(text) > highlight_module._LONG_TEXT
    fast = snippet(text, q, max_chars=max_chars)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(highlight_module, "_LONG_TEXT", 10**9)
        assert snippet(text, q, max_chars=max_chars) == fast


# With the stored words (Indexed) a long text's matches are found by their written forms; that
# must give the very snippet of the whole-text path, and fall back when a word's written form
# is not its normal form in some letter case.
_INDEXED_WORDS = [
    *_WORDS,
    *("ГРОМАДИ", "Бюджету", "об’єднана", "громадá", "Ёлка", "гpомада", "ВBБ", "вbб", "２０２４"),
    *("пам'ять", "ПАМ’ЯТІ", "'громада'", "ять", "пам", "память", "м'яч", "мяч", "п'ять"),
]


@settings(max_examples=40, deadline=None)
@given(
    picks=st.lists(st.sampled_from(_INDEXED_WORDS), min_size=250, max_size=500),
    gaps=st.lists(st.sampled_from([" ", ", ", ".\n", " — ", " «"]), min_size=1),
    query=st.lists(
        st.sampled_from([*_INDEXED_WORDS, "громадсько", "бюдж", "квітка", "пам'яттю", "м'ячі"]),
        min_size=1,
        max_size=3,
    ),
    space=st.booleans(),
    before=st.sampled_from(["", "Громада бюджету.\n", "ради\n"]),
    after=st.sampled_from(["", "\nКиїв", "\nгромади бюджет"]),
)
def test_the_stored_words_give_the_same_snippet(
    picks: list[str], gaps: list[str], query: list[str], space: bool, before: str, after: str
) -> None:
    analyzer = get_analyzer()
    text = "".join(word + gaps[i % len(gaps)] for i, word in enumerate(picks))
    text = text * (highlight_module._LONG_TEXT // len(text) + 1)
    parsed = analyzer.parse_query(" ".join(query) + (" " if space else ""))
    words = analyzer.index_text(before + text + after, "uk")[1]
    indexed = highlight_module.Indexed(words, before, after)
    fast = highlight(text, parsed, analyzer, "uk", indexed=indexed)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(highlight_module, "_LONG_TEXT", 10**9)
        assert highlight(text, parsed, analyzer, "uk") == fast


def test_the_stored_words_are_used_unless_a_word_is_written_otherwise() -> None:
    analyzer = get_analyzer()
    text = "Кошти громадського бюджету на пам'ять. Об’єднаної громади. " * 40
    query = analyzer.parse_query("бюджет пам'яті громада")
    indexed = highlight_module.Indexed(analyzer.index_text(text, "uk")[1])
    found = highlight_module._literal_spans(text, query, analyzer, "uk", indexed)
    assert found is not None
    assert len(found[0]) == 120 and found[1] == {"бюджету", "пам'ять", "громади"}
    # A Latin `e` in a matching word: its normal form is not in the text as written.
    written = text + " бюджeту"
    indexed = highlight_module.Indexed(analyzer.index_text(written, "uk")[1])
    assert highlight_module._literal_spans(written, query, analyzer, "uk", indexed) is None
