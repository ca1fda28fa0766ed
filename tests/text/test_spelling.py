"""The symmetric-delete index finds exactly what a full scan of the vocabulary finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from hromada.text.spelling import SpellingIndex, allowed_edits

# A small alphabet so that random words are often near one another.
WORDS = st.text(alphabet="абвгдіїєо", min_size=1, max_size=11)


def brute_force(word: str, vocabulary: list[str], limit: int) -> list[str]:
    edits = allowed_edits(word)
    scored = sorted(
        (Levenshtein.distance(word, other), abs(len(other) - len(word)), other)
        for other in set(vocabulary)
        if other != word and Levenshtein.distance(word, other) <= edits
    )
    return [other for _d, _l, other in scored[:limit]]


@settings(max_examples=300, deadline=None)
@given(vocabulary=st.lists(WORDS, max_size=60), word=WORDS, limit=st.integers(1, 50))
def test_index_equals_a_full_scan(vocabulary: list[str], word: str, limit: int) -> None:
    assert SpellingIndex(vocabulary).nearest(word, limit) == brute_force(word, vocabulary, limit)


@settings(max_examples=200, deadline=None)
@given(vocabulary=st.lists(WORDS, min_size=1, max_size=40), data=st.data())
def test_a_word_two_edits_away_is_found(vocabulary: list[str], data: st.DataObject) -> None:
    target = data.draw(st.sampled_from(vocabulary))
    typo = target
    for _ in range(allowed_edits(target)):
        at = data.draw(st.integers(0, len(typo)))
        typo = typo[:at] + "ж" + typo[at + 1 :]  # a substitution or, at the end, an insertion
    if typo != target and Levenshtein.distance(typo, target) <= allowed_edits(typo):
        assert target in SpellingIndex(vocabulary).nearest(typo, limit=len(vocabulary))


def test_long_words_differing_at_the_start() -> None:
    index = SpellingIndex(["енергозбереження", "громадського", "бюджету"])
    assert index.nearest("нергозбереження") == ["енергозбереження"]  # first letter lost
    assert index.nearest("ххгромадського") == ["громадського"]  # two letters before
    assert index.nearest("громадськго") == ["громадського"]
    assert index.nearest("бюджету") == []  # the word itself is no suggestion


def test_prefixes() -> None:
    index = SpellingIndex(["громадського", "бюджету"])
    assert index.has_prefix("громадсь") and not index.has_prefix("громадя")
    assert "бюджету" in index and "бюджет" not in index and len(index) == 2
