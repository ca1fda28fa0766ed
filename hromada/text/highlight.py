"""Snippets with highlighted matches, made from the ORIGINAL text.

The databases' own highlighters would show keys (lemmas), so we re-analyse the stored text:
a word is marked when one of its keys is a key of the query, when it starts with the prefix
term, or when it is part of a quoted phrase that occurs there.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

from hromada.text.analyzer import document_language, has_apostrophe
from hromada.text.normalise import (
    APOSTROPHES,
    MAX_WORD_LENGTH,
    RUN_RE,
    Token,
    normalise_word,
    tokenize,
)

if TYPE_CHECKING:
    from hromada.text.analyzer import Analyzer
    from hromada.text.query import Query

__all__ = ["highlight"]

ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")


def highlight(
    text: str, query: Query, analyzer: Analyzer, language: str, *, max_chars: int = 240
) -> str:
    """HTML (escaped, safe to output) of at most `max_chars` characters of `text` around the
    densest cluster of matches, matches in <mark>…</mark>, "…" where text was cut; without
    matches, the beginning of the text."""
    lang = document_language(language)
    if len(text) > _LONG_TEXT and "_" not in text and not any(t.phrase for t in query.terms):
        tokens, marked, start, end = _long_text_window(text, query, analyzer, lang, max_chars)
    else:
        tokens = tokenize(text)
        marked = _matching_tokens(tokens, query, analyzer, lang)
        start, end = _window(text, tokens, sorted(marked), max_chars)

    parts: list[str] = [ELLIPSIS] if start > 0 else []
    position = start
    for index, token in enumerate(tokens):
        if token.start < start:
            continue
        if token.end > end:
            break
        parts.append(escape(_SPACES.sub(" ", text[position : token.start])))
        word = escape(token.surface)
        parts.append(f"<mark>{word}</mark>" if index in marked else word)
        position = token.end
    parts.append(escape(_SPACES.sub(" ", text[position:end])))
    snippet = "".join(parts).strip()
    if end < len(text.rstrip()):
        snippet += ELLIPSIS
    return snippet


# Beyond this many characters a text is not tokenised whole: a 700-word document cost ~4 ms
# to tokenise for a snippet of 240 characters.
_LONG_TEXT = 2000


def _long_text_window(
    text: str, query: Query, analyzer: Analyzer, language: str | None, max_chars: int
) -> tuple[list[Token], set[int], int, int]:
    """What tokenize + _matching_tokens + _window give for a long text (without `_`, which
    tokenize splits again, and without phrases), tokenising only the snippet's surroundings:
    which distinct words match is decided once each, their places found by one pass of the
    word pattern, and only the region around the densest cluster is tokenised."""
    matching = {
        surface
        for surface in set(RUN_RE.findall(text))
        if _word_matches(surface, query, analyzer, language)
    }
    spans = [run.span() for run in RUN_RE.finditer(text) if run[0] in matching] if matching else []
    if spans:
        first, last = _densest(spans, max_chars)
        low, high = spans[first][0] - max_chars, spans[last][1] + max_chars
    else:
        low, high = 0, 2 * max_chars
    # Widened to whitespace, so that the region's first and last words are whole words.
    low = 0 if low <= 0 else _whitespace_before(text, low)
    high = len(text) if high >= len(text) else _whitespace_after(text, high)
    tokens = [
        Token(t.surface, t.norm, t.start + low, t.end + low) for t in tokenize(text[low:high])
    ]
    marked = {i for i, token in enumerate(tokens) if token.surface in matching}
    if spans:  # only the cluster's words steer the window, as over the whole text
        cluster = {spans[i][0] for i in range(first, last + 1)}
        steering = sorted(i for i in marked if tokens[i].start in cluster)
    else:
        steering = []
    start, end = _window(text, tokens, steering, max_chars)
    return tokens, marked, start, end


def _word_matches(surface: str, query: Query, analyzer: Analyzer, language: str | None) -> bool:
    norm = normalise_word(surface)
    if not 0 < len(norm) <= MAX_WORD_LENGTH:
        return False
    apostrophe = len(surface) != len(norm) and any(a in surface for a in APOSTROPHES)
    keys = analyzer.word_keys(norm, language, apostrophe=apostrophe)
    return any(term.matches_word(norm, keys) for term in query.positive_terms)


def _densest(spans: list[tuple[int, int]], max_chars: int) -> tuple[int, int]:
    """First and last index of the spans of the max_chars window holding the most of them."""
    best = (0, 0, 0)
    last = 0
    for first in range(len(spans)):
        last = max(last, first)
        while last + 1 < len(spans) and spans[last + 1][1] - spans[first][0] <= max_chars:
            last += 1
        if last - first + 1 > best[2]:
            best = (first, last, last - first + 1)
    return best[0], best[1]


_CUTS = " \n\t"  # where a region may start or end: never inside a word


def _whitespace_before(text: str, position: int) -> int:
    found = max(text.rfind(space, 0, position) for space in _CUTS)
    return found + 1 if found >= 0 else 0


def _whitespace_after(text: str, position: int) -> int:
    found = [i for i in (text.find(space, position) for space in _CUTS) if i >= 0]
    return min(found) if found else len(text)


def _matching_tokens(
    tokens: list[Token], query: Query, analyzer: Analyzer, language: str | None
) -> set[int]:
    """Indexes of the tokens a positive term matches."""
    terms = query.positive_terms
    word_terms = [term for term in terms if not term.phrase]
    marked: set[int] = set()
    if word_terms:
        # The same test as QueryTerm.matches_word for all terms at once, decided once per
        # distinct word (snippets are made for every hit of every search), then the matching
        # words are found with one set lookup per token.
        query_keys = {key for term in word_terms for key in term.keys}
        prefixes = tuple(term.norm for term in word_terms if term.prefix and term.norm)
        # The keys are those the index holds: a word written with an apostrophe is Ukrainian.
        written = [(token.norm, has_apostrophe(token)) for token in tokens]
        distinct = set(written)
        matching = {
            word
            for word in distinct
            if (prefixes and word[0].startswith(prefixes))
            or not query_keys.isdisjoint(analyzer.word_keys(word[0], language, apostrophe=word[1]))
        }
        if matching:
            marked.update(i for i, word in enumerate(written) if word in matching)
    phrases = [term.phrase for term in terms if term.phrase]
    if phrases:
        words = [token.norm for token in tokens]
        for phrase in phrases:
            size = len(phrase)
            for index in range(len(words) - size + 1):
                if words[index] == phrase[0] and tuple(words[index : index + size]) == phrase:
                    marked.update(range(index, index + size))
    return marked


def _window(text: str, tokens: list[Token], marked: list[int], max_chars: int) -> tuple[int, int]:
    """[start, end) of the snippet: word boundaries, at most `max_chars` long."""
    if not marked:
        return 0, _cut_end(text, tokens, 0, max_chars)
    # The window of max_chars holding the most marked words (two pointers over marked words).
    best_first, best_last, best_count = marked[0], marked[0], 0
    last = 0
    for first in range(len(marked)):
        last = max(last, first)
        window_start = tokens[marked[first]].start
        while last + 1 < len(marked) and tokens[marked[last + 1]].end - window_start <= max_chars:
            last += 1
        if last - first + 1 > best_count:
            best_first, best_last, best_count = marked[first], marked[last], last - first + 1
    core_start = tokens[best_first].start
    core_end = min(tokens[best_last].end, core_start + max_chars)
    # Share the remaining room between both sides; room unused at one end goes to the other.
    room = max_chars - (core_end - core_start)
    before = min(room // 2, core_start)
    after = min(room - before, len(text) - core_end)
    before = min(room - after, core_start)
    start = _cut_start(tokens, core_start - before, core_start)
    return start, _cut_end(text, tokens, start, core_end + after - start)


def _cut_start(tokens: list[Token], earliest: int, core_start: int) -> int:
    """The first word boundary at or after `earliest` (0 if that is the text's start)."""
    if earliest <= 0:
        return 0
    for token in tokens:
        if token.start >= earliest:
            return min(token.start, core_start)
    return core_start


def _cut_end(text: str, tokens: list[Token], start: int, length: int) -> int:
    """The last word end within `length` characters from `start` (hard cut inside one long
    word, so a snippet never exceeds its bound)."""
    limit = start + length
    if limit >= len(text):
        return len(text)
    end = start
    for token in tokens:
        if token.end > limit:
            break
        if token.start >= start:
            end = token.end
    return end if end > start else limit
