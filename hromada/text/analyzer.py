"""The analyzer: words → index keys, texts → index columns, typed text → Query.

Which dictionary analyses a word:
- a word with a digit: the word itself is its key (`2024`, `covid19`, `5г`);
- a Latin word: the English Snowball stemmer, whatever the document's language;
- a Cyrillic word, by the first rule that decides:
  1. its letters: `і ї є ґ` and an apostrophe inside the word only in Ukrainian, `ы э ъ`
     only in Russian (`ё` is folded to `е` before, so it cannot tell);
  2. the dictionaries: a word only one of them knows is that language's (`ставитиме` is
     Ukrainian, `голосовали` Russian); asking the other one only adds its guesses from the
     ending (`ставитим`, `минемой`), which can be real words of the other language's entries;
  3. the document's language (`uk` or `ru`); for queries (no language) and English documents,
     the union of the Ukrainian and Russian lemmas (`рада`, `село`: a word of both languages).
  Documents and queries follow the same rules, and a query only adds the union where a
  document would use its own language, so it still gets a superset of the keys any document
  gave the same word and finds it in either language;
- anything else (Greek, CJK): the word itself.

A word is dropped from the keys (it stays in the words columns, for phrases) when any of its
lemmas is a stop lemma: `його` would otherwise also index `йога`, `тому` the noun `том`.
The same rule runs on documents and queries, so a dropped word never causes a miss.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping

from rapidfuzz.distance import Levenshtein

from hromada.text.lemmatisers import EnglishStemmer, Lemmatiser, PymorphyLemmatiser
from hromada.text.normalise import (
    APOSTROPHES,
    MAX_WORD_LENGTH,
    Token,
    is_cyrillic,
    normalise_word,
    tokenize,
)
from hromada.text.query import Query, build_query
from hromada.text.spelling import SpellingIndex
from hromada.text.vocabulary import STOP_LEMMAS, canonical_key

__all__ = ["ANALYZER_VERSION", "Analyzer", "get_analyzer"]

# Stored beside every indexed row; bump it whenever any word's keys could change (dictionary
# upgrade, stop list, variants, normalisation) so that the index is rebuilt.
ANALYZER_VERSION = "2"

_DIGIT = re.compile(r"[0-9]")
_LATIN = re.compile(r"[a-z\u00df-\u024f]")
_UKRAINIAN_ONLY = re.compile(r"[іїєґ]")
_RUSSIAN_ONLY = re.compile(r"[ыэъ]")
_BOTH = ("uk", "ru")
_CACHE_SIZE = 200_000  # words; a knowledge base has far fewer distinct words than this


def has_apostrophe(token: Token) -> bool:
    """Whether the word was written with an apostrophe inside (its normal form has none)."""
    return len(token.surface) != len(token.norm) and any(a in token.surface for a in APOSTROPHES)


def document_language(language: str | None) -> str | None:
    """`"uk-UA"` → `"uk"`; languages without a dictionary → None (letters decide)."""
    if not language:
        return None
    code = language.split("-")[0].split("_")[0].lower()
    return code if code in ("uk", "ru", "en") else None


class Analyzer:
    def __init__(self, lemmatisers: Mapping[str, Lemmatiser] | None = None) -> None:
        self._lemmatisers: Mapping[str, Lemmatiser] = lemmatisers or _default_lemmatisers()
        # A plain dict emptied when full: cheaper per hit than an LRU, and refilling is rare.
        self._cache: dict[tuple[str, str | None, bool], tuple[str, ...]] = {}
        self._surface_cache: dict[tuple[str, str | None], tuple[str, tuple[str, ...]]] = {}
        # Per document language and apostrophe: the normal forms analysed so far and, for
        # each key, those of them that have it (see matching_norms).
        self._norms_known: dict[tuple[str | None, bool], set[str]] = {}
        self._norms_by_key: dict[tuple[str | None, bool], dict[str, list[str]]] = {}

    def word_keys(
        self, norm: str, language: str | None = None, *, apostrophe: bool = False
    ) -> tuple[str, ...]:
        """All index keys of one normalised word (see the module docstring for the rules);
        `apostrophe`: the word was written with one (normalising removed it), so it is
        Ukrainian."""
        cache_key = (norm, language, apostrophe)
        keys = self._cache.get(cache_key)
        if keys is None:
            keys = self._compute_keys(norm, language, apostrophe)
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[cache_key] = keys
        return keys

    def surface_keys(self, surface: str, language: str | None) -> tuple[str, tuple[str, ...]]:
        """(normal form, keys) of a word as written in a text; ("", ()) for what tokenize()
        skips. Cached by the written form: snippets ask this of every distinct word of every
        hit, and normalising was most of their cost once the keys were cached."""
        cache_key = (surface, language)
        found = self._surface_cache.get(cache_key)
        if found is None:
            norm = normalise_word(surface)
            if 0 < len(norm) <= MAX_WORD_LENGTH:
                apostrophe = len(surface) != len(norm) and any(a in surface for a in APOSTROPHES)
                found = (norm, self.word_keys(norm, language, apostrophe=apostrophe))
            else:
                found = ("", ())
            if len(self._surface_cache) >= _CACHE_SIZE:
                self._surface_cache.clear()
            self._surface_cache[cache_key] = found
        return found

    def matching_norms(
        self, norms: set[str], language: str | None, keys: set[str], *, apostrophe: bool = False
    ) -> set[str]:
        """Those of `norms` (normal forms of words written with an apostrophe inside when
        `apostrophe`, without one otherwise) that have one of `keys`, by set operations: each
        normal form is analysed once per process and filed under its keys, so a snippet of a
        long text no longer looks up each of its distinct words (about 0.6 ms for a
        1,500-word document)."""
        known = self._norms_known.setdefault((language, apostrophe), set())
        by_key = self._norms_by_key.setdefault((language, apostrophe), {})
        unknown = norms - known
        if unknown:
            if len(known) + len(unknown) > _CACHE_SIZE:
                known.clear()
                by_key.clear()
                unknown = norms
            for norm in unknown:
                for key in self.word_keys(norm, language, apostrophe=apostrophe):
                    by_key.setdefault(key, []).append(norm)
            known |= unknown
        having = set().union(*(by_key.get(key, ()) for key in keys))
        return norms & having

    def index_text(self, text: str, language: str) -> tuple[str, str]:
        """(keys, words) columns for one text: space-separated keys, space-separated words."""
        lang = document_language(language)
        keys: list[str] = []
        words: list[str] = []
        for token in tokenize(text):
            words.append(token.norm)
            keys.extend(self.word_keys(token.norm, lang, apostrophe=has_apostrophe(token)))
        return " ".join(keys), " ".join(words)

    def parse_query(self, q: str, language: str | None = None) -> Query:
        lang = document_language(language)
        # build_query hands over normalised words, which have lost their apostrophes.
        apostrophed = {token.norm for token in tokenize(q) if has_apostrophe(token)}
        return build_query(
            q, lambda norm: self.word_keys(norm, lang, apostrophe=norm in apostrophed)
        )

    def suggest(
        self, word: str, vocabulary: Iterable[str] | SpellingIndex, limit: int = 3
    ) -> list[str]:
        """Words of `vocabulary` within 2 edits of `word` (1 edit for words up to 4 letters),
        nearest first; [] when the word or one of its keys is already in the vocabulary.
        Only the typed form is compared: the lemmas guessed for a misspelt (unknown) word are
        noise (`бюджт` → `бюджтий`, 2 edits from `бюджетний`). Pass a SpellingIndex built once
        when asking often."""
        norm = normalise_word(word)
        if not norm:
            return []
        index = vocabulary if isinstance(vocabulary, SpellingIndex) else SpellingIndex(vocabulary)
        if norm in index or any(key in index for key in self.word_keys(norm, None)):
            return []
        return index.nearest(norm, limit)

    def in_form_of(self, suggestion: str, typed: str) -> str:
        """`suggestion` (a word near the misspelt `typed`) put in the grammatical form `typed`
        seems to have, when that form is nearer still to what was typed; else unchanged
        (`громадскому`: the vocabulary's `громадського` → `громадському`)."""
        languages = self._cyrillic_languages(suggestion, None) if is_cyrillic(suggestion) else ()
        best = (Levenshtein.distance(suggestion, typed), suggestion)
        for language in languages:
            lemmatiser = self._lemmatisers[language]
            if not isinstance(lemmatiser, PymorphyLemmatiser):
                continue
            for form in lemmatiser.forms_like(suggestion, typed):
                norm = normalise_word(form)
                best = min(best, (Levenshtein.distance(norm, typed), norm))
        return best[1]

    def _compute_keys(self, norm: str, language: str | None, apostrophe: bool) -> tuple[str, ...]:
        if not norm or _DIGIT.search(norm):
            return (norm,) if norm else ()
        if is_cyrillic(norm):
            languages = self._cyrillic_languages(norm, language, apostrophe=apostrophe)
            return self._cyrillic_keys(norm, languages)
        if _LATIN.search(norm):
            if norm in STOP_LEMMAS["en"]:
                return ()
            return tuple(self._lemmatisers["en"].lemmas(norm))
        return (norm,)

    def _cyrillic_languages(
        self, norm: str, language: str | None, *, apostrophe: bool = False
    ) -> tuple[str, ...]:
        ukrainian = apostrophe or _UKRAINIAN_ONLY.search(norm) is not None
        russian = _RUSSIAN_ONLY.search(norm) is not None
        if ukrainian != russian:
            return ("uk",) if ukrainian else ("ru",)
        if ukrainian:  # both kinds of letters: a mistyped word, try both
            return _BOTH
        knowing = tuple(lang for lang in _BOTH if self._lemmatisers[lang].knows(norm))
        if len(knowing) == 1:
            return knowing
        return (language,) if language in _BOTH else _BOTH

    def _cyrillic_keys(self, norm: str, languages: tuple[str, ...]) -> tuple[str, ...]:
        keys: dict[str, None] = {}  # ordered set
        for language in languages:
            lemma_keys = [
                canonical_key(normalise_word(lemma))
                for lemma in self._lemmatisers[language].lemmas(norm)
            ]
            if not STOP_LEMMAS[language].isdisjoint(lemma_keys):
                return ()
            keys.update(dict.fromkeys(k for k in lemma_keys if k))
        return tuple(keys)


def _default_lemmatisers() -> dict[str, Lemmatiser]:
    return {
        "uk": PymorphyLemmatiser("uk", restore_apostrophes=True),
        "ru": PymorphyLemmatiser("ru"),
        "en": EnglishStemmer(),
    }


_analyzer: Analyzer | None = None
_analyzer_lock = threading.Lock()


def get_analyzer() -> Analyzer:
    """The process-wide analyzer (its dictionaries load on first use, once)."""
    global _analyzer
    if _analyzer is None:
        with _analyzer_lock:
            if _analyzer is None:
                _analyzer = Analyzer()
    return _analyzer
