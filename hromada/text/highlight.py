"""Snippets with highlighted matches, made from the ORIGINAL text.

The databases' own highlighters would show keys (lemmas), so we re-analyse the stored text:
a word is marked when one of its keys is a key of the query, when it starts with the prefix
term, or when it is part of a quoted phrase that occurs there.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from hromada.text.analyzer import document_language
from hromada.text.normalise import (
    APOSTROPHES,
    RUN_RE,
    Token,
    normalise_word,
    tokenize,
    tokenize_strictly,
)

if TYPE_CHECKING:
    from hromada.text.analyzer import Analyzer
    from hromada.text.query import Query

__all__ = ["Indexed", "highlight"]

ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Indexed:
    """How the text was indexed: `before + text + after` gave the stored words column
    `words` (space-separated normal forms of its words, in order)."""

    words: str
    before: str = ""
    after: str = ""


def highlight(
    text: str,
    query: Query,
    analyzer: Analyzer,
    language: str,
    *,
    max_chars: int = 240,
    indexed: Indexed | None = None,
) -> str:
    """HTML (escaped, safe to output) of at most `max_chars` characters of `text` around the
    densest cluster of matches, matches in <mark>…</mark>, "…" where text was cut; without
    matches, the beginning of the text. `indexed`: the stored words of the text, which make
    a long text's snippet several times cheaper (same result)."""
    lang = document_language(language)
    if len(text) > _LONG_TEXT and not any(t.phrase for t in query.terms):
        tokens, marked, start, end = _long_text_window(
            text, query, analyzer, lang, max_chars, indexed
        )
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
    text: str,
    query: Query,
    analyzer: Analyzer,
    language: str | None,
    max_chars: int,
    indexed: Indexed | None,
) -> tuple[list[Token], set[int], int, int]:
    """What tokenize + _matching_tokens + _window give for a long text without phrases,
    tokenising only the snippet's surroundings: which distinct words match is decided once
    each, their places found by one pass of the word pattern (a run with `_` split as
    tokenize splits it), and only the region around the densest cluster is tokenised."""
    literal = _literal_spans(text, query, analyzer, language, indexed) if indexed else None
    spans, matching = literal or _word_spans(text, query, analyzer, language)
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


def _word_spans(
    text: str, query: Query, analyzer: Analyzer, language: str | None
) -> tuple[list[tuple[int, int]], set[str]]:
    """The spans of the text's words that match and those words as written: each distinct
    written word decided once, their places found by one pass of the word pattern (a run with
    `_` split as tokenize splits it)."""
    terms = query.positive_terms
    query_keys = {key for term in terms for key in term.keys}
    prefixes = tuple(term.norm for term in terms if term.prefix and term.norm)
    surface_keys = analyzer.surface_keys

    def matches(surface: str) -> bool:  # QueryTerm.matches_word for every (non-phrase) term
        norm, keys = surface_keys(surface, language)
        return bool(norm) and (
            (bool(prefixes) and norm.startswith(prefixes)) or not query_keys.isdisjoint(keys)
        )

    matching: set[str] = set()
    split: set[str] = set()  # runs with `_` (tokenize splits them) that have a matching word
    for surface in set(RUN_RE.findall(text)):
        if "_" not in surface:
            if matches(surface):
                matching.add(surface)
            continue
        parts = {token.surface for token in tokenize_strictly(surface)}
        if found := {part for part in parts if matches(part)}:
            matching |= found
            split.add(surface)
    spans: list[tuple[int, int]] = []
    if matching:
        for run in RUN_RE.finditer(text):
            if run[0] in matching:
                spans.append(run.span())
            elif run[0] in split:
                spans.extend(
                    (token.start, token.end)
                    for token in tokenize_strictly(text, run.start(), run.end())
                    if token.surface in matching
                )
    return spans, matching


def _literal_spans(
    text: str, query: Query, analyzer: Analyzer, language: str | None, indexed: Indexed
) -> tuple[list[tuple[int, int]], set[str]] | None:
    """_word_spans from the stored words when that is exact, else None. Which words match is
    decided on the distinct stored normal forms by set operations (Analyzer.matching_norms,
    as written without an apostrophe and, if the text has any, with one, which makes a word
    Ukrainian); their places are found by str.find of those forms in the lower-cased text
    without its in-word apostrophes, where each must stand as a whole word that normalises
    to it. That finds every such word unless normalising changes more than letter case and
    apostrophes (Latin look-alikes, accents, `ё`): then a matching form appears fewer times
    in the text than among the stored words, and the caller tokenises as before."""
    source = indexed.before + text + indexed.after
    lowered = source.lower()
    if len(lowered) != len(source):
        return None  # offsets would shift
    words = indexed.words.split()
    norms = set(words)
    terms = query.positive_terms
    query_keys = {key for term in terms for key in term.keys}
    prefixes = tuple(term.norm for term in terms if term.prefix and term.norm)
    plain = analyzer.matching_norms(norms, language, query_keys)
    removed = _apostrophes_inside(source)
    with_apostrophe = (
        analyzer.matching_norms(norms, language, query_keys, apostrophe=True) if removed else set()
    )
    if prefixes:
        started = {norm for norm in norms if norm.startswith(prefixes)}
        plain |= started
        with_apostrophe |= started
    wanted = plain | with_apostrophe
    if not wanted:
        return [], set()
    at: list[int] = []  # where each removed run of apostrophes was, in `searched`
    shift: list[int] = []  # characters removed up to and including that run
    searched = lowered
    if removed:
        searched = "".join(lowered[start:end] for start, end in _between(removed, len(lowered)))
        for start, end in removed:
            at.append(start - (shift[-1] if shift else 0))
            shift.append((shift[-1] if shift else 0) + end - start)
    found: list[tuple[int, int, str]] = []
    for norm in wanted:
        position = searched.find(norm)
        while position >= 0:
            after = position + len(norm)
            start = position + _shift_at(at, shift, bisect_right(at, position))
            end = after + _shift_at(at, shift, bisect_left(at, after))
            position = searched.find(norm, after)
            if _joined(source, start - 1, -1) or _joined(source, end, 1):
                continue  # part of a longer word
            if normalise_word(source[start:end]) != norm:
                return None  # an upper-case Latin look-alike in a Cyrillic word
            found.append((start, end, norm))
    if len(found) != sum(words.count(norm) for norm in wanted):
        return None
    low, high = len(indexed.before), len(indexed.before) + len(text)
    spans, matching = [], set()
    for start, end, norm in sorted(found):
        if norm in (with_apostrophe if end - start != len(norm) else plain):
            matching.add(source[start:end])
            if low <= start and end <= high:
                spans.append((start - low, end - low))
    return spans, matching


def _shift_at(at: list[int], shift: list[int], runs_before: int) -> int:
    return shift[runs_before - 1] if runs_before else 0


# A word character of tokenize's words (letters, digits, the combining marks it keeps).
_COMBINING = re.compile(r"[\u0300-\u036f\u0483-\u0489]")
_RUN_CHAR = r"[\w\u0300-\u036f\u0483-\u0489]"  # as normalise.RUN_RE
_RUN_CHAR_RE = re.compile(_RUN_CHAR)
_APOSTROPHE_RUN = re.compile(f"[{re.escape(APOSTROPHES)}]+")


def _apostrophes_inside(text: str) -> list[tuple[int, int]]:
    """Spans of the runs of apostrophes between two word characters (tokenize keeps them in
    the word; normalising removes them). Looked for from the apostrophes: there are few."""
    if not any(apostrophe in text for apostrophe in APOSTROPHES):
        return []
    return [
        (start, end)
        for start, end in (run.span() for run in _APOSTROPHE_RUN.finditer(text))
        if start
        and end < len(text)
        and _RUN_CHAR_RE.match(text, start - 1)
        and _RUN_CHAR_RE.match(text, end)
    ]


def _between(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The spans of [0, length) outside the (ordered, disjoint) `spans`."""
    edges = [0, *(edge for span in spans for edge in span), length]
    return list(zip(edges[::2], edges[1::2], strict=True))


def _is_word_char(char: str) -> bool:
    return char.isalnum() or _COMBINING.match(char) is not None


def _joined(source: str, position: int, step: int) -> bool:
    """Whether the character at `position` (next to a candidate word, on the side `step`
    points to) continues that word: a word character, or apostrophes and then one."""
    while 0 <= position < len(source) and source[position] in APOSTROPHES:
        position += step
    return 0 <= position < len(source) and _is_word_char(source[position])


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
        # By the written form (an apostrophe in it makes the word Ukrainian, as in the index).
        surface_keys = analyzer.surface_keys
        matching = set()
        for surface in {token.surface for token in tokens}:
            norm, keys = surface_keys(surface, language)
            if (prefixes and norm.startswith(prefixes)) or not query_keys.isdisjoint(keys):
                matching.add(surface)
        if matching:
            marked.update(i for i, token in enumerate(tokens) if token.surface in matching)
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
