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

The index is two numpy arrays (the deletion's hash, the word's number) grouped by the hash's
top 16 bits, rather than a dict of strings: 12 bytes an entry instead of a hundred, for a
vocabulary of 100,000 words (2.3 million entries). The hash is a polynomial over the code
points, computed for all words at once with numpy (one pass per deletion pattern, 29 of them),
and the grouping is a linear-time radix sort, so the index of 96,000 words is built in ~1.4 s
on this machine under load (a Python loop hashing 2.3 million strings, then a full sort, took
about three times that); the query side computes the same hash of its few dozen deletions in
Python. A hash collision only adds a candidate that the exact measure then drops.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import combinations

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import Levenshtein

__all__ = ["MAX_EDITS", "SpellingIndex", "allowed_edits"]

MAX_EDITS = 2
PREFIX = 7
_MULTIPLIER = 1_000_003  # odd, so the polynomial hash spreads over all 64 bits
_MASK = (1 << 64) - 1
_BUCKET_BITS = 16
# Which of the first PREFIX letters each deletion pattern drops: none, one, or two of them.
_PATTERNS = [
    frozenset(dropped)
    for edits in range(MAX_EDITS + 1)
    for dropped in combinations(range(PREFIX), edits)
]


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


def _hash(deletion: str) -> int:
    """The hash _deletion_hashes computes for a word's deletion, for one string."""
    value = 0
    for letter in deletion:
        value = (value * _MULTIPLIER + ord(letter)) & _MASK
    return value


def _deletion_hashes(words: list[str]) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int32]]:
    """(hash, word number) of every deletion of every word's first PREFIX letters, ordered by
    hash. A pattern that drops a position past a short word's end would only repeat another
    pattern's deletion, so it is skipped for that word."""
    padded = "".join(word[:PREFIX].ljust(PREFIX, "\0") for word in words)
    letters = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32).reshape(-1, PREFIX)
    letters = letters.astype(np.uint64)
    present = letters > 0
    lengths = present.sum(axis=1)
    numbers = np.arange(len(words), dtype=np.int32)
    all_hashes, all_numbers = [], []
    with np.errstate(over="ignore"):  # the hash wraps around 2**64 on purpose
        for dropped in _PATTERNS:
            value = np.zeros(len(words), dtype=np.uint64)
            for position in range(PREFIX):
                if position not in dropped:
                    stepped = value * np.uint64(_MULTIPLIER) + letters[:, position]
                    value = np.where(present[:, position], stepped, value)
            applies = lengths > max(dropped, default=-1)
            all_hashes.append(value[applies])
            all_numbers.append(numbers[applies])
    hashes = np.concatenate(all_hashes) if words else np.zeros(0, dtype=np.uint64)
    owners = np.concatenate(all_numbers) if words else np.zeros(0, dtype=np.int32)
    # Grouped by the hash's top bits, not fully sorted: numpy radix-sorts 16-bit keys in
    # linear time (8x faster than sorting the 64-bit hashes), and a group holds a few dozen.
    order = np.argsort(_bucket(hashes), kind="stable")
    return hashes[order], owners[order]


def _bucket(hashes: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint16]:
    return (hashes >> np.uint64(64 - _BUCKET_BITS)).astype(np.uint16)


class SpellingIndex:
    def __init__(self, words: Iterable[str]) -> None:
        self.words: list[str] = sorted(set(words))
        self._known = frozenset(self.words)
        self._hashes, self._numbers = _deletion_hashes(self.words)
        counts = np.bincount(_bucket(self._hashes), minlength=1 << _BUCKET_BITS)
        self._starts = np.concatenate(([0], np.cumsum(counts))).tolist()

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
        candidates: set[int] = set()
        for key in {_hash(d) for d in _deletions(word, edits)}:
            group = key >> (64 - _BUCKET_BITS)
            start, end = self._starts[group], self._starts[group + 1]
            same = self._hashes[start:end] == np.uint64(key)
            candidates.update(self._numbers[start:end][same].tolist())
        scored = []
        for number in candidates:
            candidate = self.words[number]
            distance = Levenshtein.distance(word, candidate, score_cutoff=edits)
            if distance <= edits and candidate != word:
                scored.append((distance, abs(len(candidate) - len(word)), candidate))
        scored.sort()
        return [candidate for _distance, _length, candidate in scored[:limit]]
