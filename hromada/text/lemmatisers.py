"""Lemmatisers behind one small interface, so another dictionary can replace pymorphy3.

Ukrainian and Russian: pymorphy3 with the dictionaries from the `pymorphy3-dicts-uk` / `-ru`
packages (nothing is downloaded). Every lemma of every parse is returned: the Ukrainian
dictionary has no frequencies, so the first parse is right only ~90% of the time.
English: the Snowball stemmer from PyStemmer.

Dictionaries load on first use (about 45 MiB for both), not at import: management commands and
most requests never analyse text.
"""

from __future__ import annotations

import threading
from itertools import combinations
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer

__all__ = ["EnglishStemmer", "Lemmatiser", "PymorphyLemmatiser"]


class Lemmatiser(Protocol):
    def lemmas(self, word: str) -> tuple[str, ...]:
        """All dictionary forms of one normalised word (raw: may hold `ё`, `'`, `ґ`)."""
        ...

    def knows(self, word: str) -> bool:
        """Whether the dictionary has this normalised word (rather than guessing its lemma)."""
        ...


# Ukrainian writes an apostrophe before я/ю/є/ї after a labial, р, or a prefix ending in a
# consonant (п'ять, пір'я, об'єднаний, з'їзд, від'їзд, дит'ясла); the dictionary stores these
# words WITH an ASCII apostrophe, but our normal form has dropped it.
_APOSTROPHE_BEFORE = frozenset("яюєї")
_APOSTROPHE_AFTER = frozenset("бпвмфрздтк")
_MAX_APOSTROPHE_SLOTS = 3  # words have one, rarely two; bound the combinations
_FORM_ATTRIBUTES = ("case", "number", "gender", "person", "tense")
_LIKE_PARSES = 3  # a misspelt word's readings are guesses; the first few are enough


class PymorphyLemmatiser:
    def __init__(self, language: str, *, restore_apostrophes: bool = False) -> None:
        self.language = language
        self._restore_apostrophes = restore_apostrophes
        self._morph: MorphAnalyzer | None = None
        self._lock = threading.Lock()

    @property
    def morph(self) -> MorphAnalyzer:
        if self._morph is None:
            with self._lock:  # two threads must not both spend 0.2 s and 20 MiB loading
                if self._morph is None:
                    import pymorphy3

                    self._morph = pymorphy3.MorphAnalyzer(lang=self.language)
        return self._morph

    def knows(self, word: str) -> bool:
        morph = self.morph
        if morph.word_is_known(word):
            return True
        return self._restore_apostrophes and any(map(morph.word_is_known, _with_apostrophes(word)))

    def forms_like(self, word: str, like: str) -> list[str]:
        """Forms of `word` (a known word) in the grammatical form pymorphy3 reads in `like`
        (which may be misspelt: its ending still tells case, number, person): `громадського`
        like `громадскому` → `громадському`. Raw dictionary spellings; may be empty."""
        morph = self.morph
        forms: dict[str, None] = {}
        for wanted in morph.parse(like)[:_LIKE_PARSES]:
            grammemes = {g for g in (getattr(wanted.tag, a) for a in _FORM_ATTRIBUTES) if g}
            for parse in morph.parse(word):
                if parse.tag.POS != wanted.tag.POS or not grammemes:
                    continue
                inflected = parse.inflect(grammemes)
                if inflected is not None:
                    forms[inflected.word] = None
        return list(forms)

    def lemmas(self, word: str) -> tuple[str, ...]:
        morph = self.morph
        candidates = [word]
        if self._restore_apostrophes:
            candidates = [c for c in (word, *_with_apostrophes(word)) if morph.word_is_known(c)]
            # Unknown in every spelling: let pymorphy3 guess from the plain word's ending.
            candidates = candidates or [word]
        found: dict[str, None] = {}  # ordered set: first parse's lemma first
        for candidate in candidates:
            for lemma in morph.normal_forms(candidate):
                found[lemma] = None
        return tuple(found)


def _with_apostrophes(word: str) -> list[str]:
    slots = [
        i
        for i in range(1, len(word))
        if word[i] in _APOSTROPHE_BEFORE and word[i - 1] in _APOSTROPHE_AFTER
    ][:_MAX_APOSTROPHE_SLOTS]
    spellings: list[str] = []
    for size in range(1, len(slots) + 1):
        for chosen in combinations(slots, size):
            spelled = word
            for i in reversed(chosen):
                spelled = spelled[:i] + "'" + spelled[i:]
            spellings.append(spelled)
    return spellings


class EnglishStemmer:
    def __init__(self) -> None:
        import Stemmer

        self._stemmer = Stemmer.Stemmer("english")

    def lemmas(self, word: str) -> tuple[str, ...]:
        return (str(self._stemmer.stemWord(word)),)

    def knows(self, word: str) -> bool:
        return True  # a stemmer has no word list; every word gets its stem
