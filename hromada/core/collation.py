"""Ukrainian alphabetical order, for lists people scan by eye (oblasts, communities, names).

Python sorts by code point, which puts Є, І, Ї (U+0404-U+0407) before А and Ґ (U+0490) after
я. `ukrainian_sort_key` orders words as the Ukrainian alphabet does, letter case aside; the
apostrophe does not count (as in dictionaries: «м'ясо» sorts as «мясо»); spaces, hyphens and
other signs come before any letter; Latin letters and digits after the Cyrillic ones.
"""

from __future__ import annotations

from collections.abc import Iterable

ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
APOSTROPHES = "'ʼ’`"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET, start=1)}
_AFTER_CYRILLIC = len(ALPHABET) + 1


def _rank(char: str) -> tuple[int, int]:
    if char in _LETTER_RANK:
        return (1, _LETTER_RANK[char])
    if char.isalnum():  # other letters and digits: after the Ukrainian alphabet
        return (2, _AFTER_CYRILLIC + ord(char))
    # Spaces, hyphens, dots: before letters, so «Івано-Франківськ» < «Івановичі».
    return (0, ord(char))


def ukrainian_sort_key(text: str) -> tuple[tuple[tuple[int, int], ...], str]:
    """The key for sorted(): the letters' places in the alphabet, then the text itself so
    «Львів» and «львів» keep a stable order."""
    folded = "".join(c for c in text.strip().lower() if c not in APOSTROPHES)
    return tuple(_rank(c) for c in folded), text


def sorted_ukrainian(items: Iterable[str]) -> list[str]:
    return sorted(items, key=ukrainian_sort_key)
