"""Nearest words of a vocabulary, for "did you mean", without scanning the vocabulary.

A symmetric-delete index (the idea behind SymSpell): every word is stored under each string
made by deleting up to two of its letters. Two words within two edits (Levenshtein) always
share such a string, so the candidates of a typed word are found by looking up its own
deletions, a few dozen lookups, and only those candidates are measured exactly.

Only the first PREFIX letters are used for the deletions. That loses no match: if two words are
within k edits, their first PREFIX letters still become equal after at most k deletions on each
side (drop the letters the edits touch, then trim the longer side back to the shorter), so the
index finds the same words as a full scan, which tests/text/test_spelling.py checks on random
vocabularies. It bounds the entries per word to 1 + 7 + 21.

The index is two sorted numpy arrays (the deletion's hash, the word's number) rather than a dict
of strings: about 16 bytes an entry instead of a hundred, for a vocabulary of 100,000 words.
A hash collision only adds a candidate that the exact measure then drops.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

import numpy as np
from rapidfuzz.distance import Levenshtein

__all__ = ["MAX_EDITS", "SpellingIndex", "allowed_edits"]

MAX_EDITS = 2
PREFIX = 7


def allowed_edits(word: str) -> int:
    """Short words get one edit: two would turn `рада` into half the vocabulary."""
    return 1 if len(word) <= 4 else MAX_EDITS


def _deletions(word: str, edits: int = MAX_EDITS) -> set[str]:
    """The word's first PREFIX letters with up to `edits` letters deleted (itself included)."""
    found = frontier = {word[:PREFIX]}
    for _ in range(edits):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found = found | frontier
    return found


class SpellingIndex:
    def __init__(self, words: Iterable[str]) -> None:
        self.words: list[str] = sorted(set(words))
        self._known = frozenset(self.words)
        hashes: list[int] = []
        numbers: list[int] = []
        for number, word in enumerate(self.words):
            deletions = _deletions(word)
            hashes.extend(map(hash, deletions))
            numbers.extend([number] * len(deletions))
        all_hashes = np.asarray(hashes, dtype=np.int64)
        order = np.argsort(all_hashes, kind="stable")
        self._hashes = all_hashes[order]
        self._numbers = np.asarray(numbers, dtype=np.int32)[order]

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: object) -> bool:
        return word in self._known

    def has_prefix(self, prefix: str) -> bool:
        """Whether some word starts with `prefix` (a half-typed last word)."""
        at = bisect_left(self.words, prefix)
        return at < len(self.words) and self.words[at].startswith(prefix)

    def nearest(self, word: str, limit: int = 3) -> list[str]:
        """Words within allowed_edits(word) of `word`, nearest first (then the closest in
        length, then alphabetical); the word itself is never among them."""
        edits = allowed_edits(word)
        keys = np.asarray([hash(d) for d in _deletions(word, edits)], dtype=np.int64)
        starts = np.searchsorted(self._hashes, keys, side="left")
        ends = np.searchsorted(self._hashes, keys, side="right")
        candidates: set[int] = set()
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            candidates.update(self._numbers[start:end].tolist())
        scored = []
        for number in candidates:
            candidate = self.words[number]
            distance = Levenshtein.distance(word, candidate, score_cutoff=edits)
            if distance <= edits and candidate != word:
                scored.append((distance, abs(len(candidate) - len(word)), candidate))
        scored.sort()
        return [candidate for _distance, _length, candidate in scored[:limit]]
