"""Tokenising and normalising words (no dictionaries here).

A *word* is a run of letters and digits; apostrophes between letters belong to the word
(`об'єднаний`), everything else separates words (hyphens too, as SQLite's unicode61 and
PostgreSQL's parser would split them anyway). Offsets always point into the ORIGINAL text so
snippets can mark the words the reader typed.

Normalised form (what `Token.norm` and the `*_w` index columns hold):
- NFC, lower case;
- apostrophes inside words dropped (`'`, `’`, `ʼ`, ...): both databases would split the word
  at them, and writers use all three;
- inside a word that has Cyrillic letters, Latin look-alikes become Cyrillic (`i` → `і`, `a` →
  `а`, `ï` → `ї`, ...): mixed keyboards and copied PDFs produce `iнформацiя`;
- `ё` → `е`: Russian writers mostly omit the dots, so matching must not depend on them. We lose
  `ё` as a "this is Russian" signal; such words fall back to the uk+ru union (see analyzer.py);
- only letters and decimal digits are kept; digits become ASCII (`٣` → `3`); combining marks
  (stress accents in `заплати́ти`) and other numerals (`²`, `½`) are dropped, because
  PostgreSQL's parser drops them too and the two databases must see the same tokens.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "APOSTROPHES",
    "MAX_WORD_LENGTH",
    "Token",
    "is_cyrillic",
    "normalise",
    "normalise_word",
    "tokenize",
    "tokenize_strictly",
]

MAX_WORD_LENGTH = 100
# U+0027 ' , U+2019 ’ , U+02BC ʼ , U+2018 ‘ , U+0060 ` , U+00B4 ´ , U+02B9 ʹ , U+2032 ′
APOSTROPHES = "'\u2019\u02bc\u2018`\u00b4\u02b9\u2032"

# `[^\W_]` = Unicode letters and numbers; combining marks are listed so that a stressed vowel
# does not split a word. Apostrophes are allowed only between word characters.
_WORD_CHAR = r"(?:[^\W_]|[\u0300-\u036f\u0483-\u0489])"
_WORD_RE = re.compile(rf"{_WORD_CHAR}+(?:[{re.escape(APOSTROPHES)}]+{_WORD_CHAR}+)*")
# The same with `_` allowed: one character class instead of an alternation runs twice as fast,
# and the rare run that has a `_` is split again by _WORD_RE (which gives the same words as
# _WORD_RE over the whole text, because neither pattern's words cross such a run's ends).
_RUN_CHAR = r"[\w\u0300-\u036f\u0483-\u0489]"
RUN_RE = re.compile(rf"{_RUN_CHAR}+(?:[{re.escape(APOSTROPHES)}]+{_RUN_CHAR}+)*")

# Fast path: most words are already plain lower-case Cyrillic or ASCII.
_PLAIN_CYRILLIC = re.compile(r"[а-яіїєґ0-9]+")
_PLAIN_LATIN = re.compile(r"[a-z0-9]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN_LOOKALIKES = str.maketrans(
    {
        "a": "а", "c": "с", "e": "е", "i": "і", "o": "о", "p": "р", "x": "х", "y": "у",
        "ï": "ї", "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К",
        "M": "М", "O": "О", "P": "Р", "T": "Т", "X": "Х", "Y": "У", "Ï": "Ї",
    }
)  # fmt: skip


class Token(NamedTuple):
    """One word: `surface` is text[start:end] of the original text, `norm` its normal form.
    A NamedTuple: snippets tokenise every hit's text, and tuples are made several times faster
    than frozen dataclasses."""

    surface: str
    norm: str
    start: int
    end: int


def is_cyrillic(word: str) -> bool:
    return _CYRILLIC.search(word) is not None


@lru_cache(maxsize=200_000)
def normalise_word(surface: str) -> str:
    """The normal form of one word (may be "" if it had no letters or digits). Cached: the
    same surface forms recur in every text that is indexed or highlighted."""
    lowered = surface.lower()
    if _PLAIN_CYRILLIC.fullmatch(lowered) or _PLAIN_LATIN.fullmatch(lowered):
        return lowered
    text = unicodedata.normalize("NFC", surface)
    # Look-alikes are mapped before lower-casing: an upper-case Latin `B` or `H` in a Cyrillic
    # word stands for `В`/`Н`, which their lower-case forms no longer show.
    if is_cyrillic(text):
        text = text.translate(_LATIN_LOOKALIKES)
    kept: list[str] = []
    for char in text.lower():
        if char in APOSTROPHES:
            continue
        category = unicodedata.category(char)
        if category[0] == "L":
            kept.append(char)
        elif category == "Nd":
            kept.append(str(unicodedata.decimal(char)))
    # `İ`.lower() is `i` + combining dot (dropped above); NFC again keeps `й`, `ї` composed.
    return unicodedata.normalize("NFC", "".join(kept)).replace("ё", "е")


def tokenize(text: str) -> list[Token]:
    """The words of `text` with offsets into `text`.

    Skipped: words that normalise to "" and words longer than MAX_WORD_LENGTH (base64, hashes:
    never searched for, and PostgreSQL rejects a tsquery lexeme over 2 KiB).
    """
    tokens: list[Token] = []
    append = tokens.append
    make = tuple.__new__  # what Token(...) does, without the keyword handling (per word)
    for run in RUN_RE.finditer(text):
        surface = run[0]
        if "_" in surface:
            tokens.extend(tokenize_strictly(text, run.start(), run.end()))
            continue
        norm = normalise_word(surface)
        if 0 < len(norm) <= MAX_WORD_LENGTH:
            append(make(Token, (surface, norm, run.start(), run.end())))
    return tokens


def tokenize_strictly(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """tokenize() with the exact word pattern over text[start:end] (offsets into `text`)."""
    tokens: list[Token] = []
    for match in _WORD_RE.finditer(text, start, len(text) if end is None else end):
        norm = normalise_word(match.group())
        if 0 < len(norm) <= MAX_WORD_LENGTH:
            tokens.append(Token(match.group(), norm, match.start(), match.end()))
    return tokens


def normalise(text: str) -> str:
    """Normal forms of the words of `text`, joined by single spaces (one word → that word)."""
    return " ".join(token.norm for token in tokenize(text))
