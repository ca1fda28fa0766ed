"""The fast tokenizer (one character class, `_` runs split again) gives exactly the words and
offsets of the strict word pattern, on any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hromada.text.normalise import tokenize, tokenize_strictly

# Letters of both alphabets, digits, underscores, stress marks, every apostrophe, separators.
ALPHABET = "абвгґєіїйюяыэёabcxyzABC019_\u0301\u0483'’ʼ`´ -.,\n\t«»—"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_fast_and_strict_tokenizers_agree(text: str) -> None:
    assert tokenize(text) == tokenize_strictly(text)


def test_underscores_and_apostrophes_split_as_before() -> None:
    words = [token.norm for token in tokenize("snake_case об'єднана об'_x __ сім'я' ׳")]
    assert words == ["snake", "case", "обєднана", "об", "x", "сімя"]
    spans = [(t.start, t.end) for t in tokenize("a_b")]
    assert spans == [(0, 1), (2, 3)]
