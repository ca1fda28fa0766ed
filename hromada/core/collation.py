"""Sorting Ukrainian words as a Ukrainian dictionary does.

Python compares code points, and the Cyrillic block puts Є, І, Ї and Ґ far from their places in
the Ukrainian alphabet (І before А). Servers rarely have the uk_UA locale installed, so
`locale.strxfrm` cannot be relied on either: the alphabet is spelled out here.
"""

from __future__ import annotations

UKRAINIAN_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
_RANK = {letter: rank for rank, letter in enumerate(UKRAINIAN_ALPHABET)}
# The apostrophe is not a letter (м'ясо sorts as мясо), as in Ukrainian dictionaries.
_IGNORED = frozenset("'’ʼ`")


def ukrainian_key(text: str) -> tuple[tuple[int, int], ...]:
    """A sort key: spaces and punctuation first, then Ukrainian letters in alphabet order, then
    any other letter by code point. Case is ignored."""
    key = []
    for char in text.casefold():
        if char in _IGNORED:
            continue
        if char in _RANK:
            key.append((1, _RANK[char]))
        elif char.isalpha():
            key.append((2, ord(char)))
        else:
            key.append((0, ord(char)))
    return tuple(key)


def sorted_ukrainian(words: list[str]) -> list[str]:
    return sorted(words, key=ukrainian_key)
