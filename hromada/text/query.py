"""Search queries: parsing what a person typed, and writing it for SQLite FTS5 and PostgreSQL.

Syntax (kept small; nothing a user types can be a syntax error):
- words: every word must match (AND); a word matches any of its index keys (all its lemmas);
- the last word is a PREFIX term when the query does not end with a space or punctuation
  (search-as-you-type): it also matches words that start with it ("громадсько" →
  "громадського", which is not a prefix of its lemma "громадський");
- "quoted words" (also «…», “…”): an exact phrase over the normalised words;
- a leading `-` excludes a word or a phrase (`бюджет -шкільний`).
Words whose keys are all stop lemmas are dropped (unless they are the prefix term).

The index has key columns (`title_k`, `body_k`: space-separated keys) and word columns
(`title_w`, `body_w`: space-separated normalised words). Every token is quoted for the target
engine, so operators typed by a user (AND, NEAR, *, :, parentheses) stay plain words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from hromada.text.normalise import tokenize

__all__ = ["Query", "QueryTerm", "build_query"]

_QUOTES = frozenset('"“”«»„')
_MINUS = frozenset("-−–")  # hyphen-minus, minus sign, and the en dash phones substitute


@dataclass(frozen=True, slots=True)
class QueryTerm:
    raw: str  # as typed (with quotes for a phrase)
    norm: str  # normalised word; for a phrase its words joined by spaces
    keys: tuple[str, ...]  # index keys (lemmas); empty for a phrase
    prefix: bool = False  # also matches words starting with `norm`
    phrase: tuple[str, ...] = ()  # normalised words that must follow one another
    exclude: bool = False  # documents matching this term are left out

    def matches_word(self, norm: str, keys: tuple[str, ...]) -> bool:
        """Whether one analysed word of a document satisfies this term (phrases: any word)."""
        if self.phrase:
            return norm in self.phrase
        return (self.prefix and norm.startswith(self.norm)) or any(k in self.keys for k in keys)


@dataclass(slots=True)
class Query:
    terms: list[QueryTerm] = field(default_factory=list)

    @property
    def positive_terms(self) -> list[QueryTerm]:
        return [term for term in self.terms if not term.exclude]

    @property
    def is_empty(self) -> bool:
        # A query of exclusions only has nothing to search for (FTS5 cannot express it).
        return not self.positive_terms

    @property
    def matched_keys(self) -> set[str]:
        """Every key or word the positive terms can match exactly (prefixes: `prefixes`)."""
        found: set[str] = set()
        for term in self.positive_terms:
            found.update(term.phrase or term.keys)
            if term.prefix:
                found.add(term.norm)
        return found

    @property
    def prefixes(self) -> tuple[str, ...]:
        return tuple(term.norm for term in self.positive_terms if term.prefix)

    def to_fts5(
        self,
        key_columns: tuple[str, ...] = ("title_k", "body_k"),
        word_columns: tuple[str, ...] = ("title_w", "body_w"),
        form_columns: tuple[str, ...] = (),
    ) -> str:
        """An FTS5 MATCH expression ("" for an empty query: do not run MATCH then).
        `form_columns`: each word also asks for its typed form there, as one more alternative;
        it matches no entry its keys do not, but bm25 counts it, so an entry with the very
        form typed ranks above one with another form of the same lemma."""
        if self.is_empty:
            return ""
        keys_filter = "{" + " ".join(key_columns) + "}"
        words_filter = "{" + " ".join(word_columns) + "}"
        forms_filter = "{" + " ".join(form_columns) + "}"

        def term_expression(term: QueryTerm) -> str:
            if term.phrase:
                return f"({words_filter} : ({' + '.join(map(_fts5_string, term.phrase))}))"
            alternatives = []
            if term.keys:
                keys = " OR ".join(map(_fts5_string, term.keys))
                alternatives.append(f"{keys_filter} : ({keys})")
            if term.prefix:
                alternatives.append(f"{words_filter} : {_fts5_string(term.norm)} *")
            if form_columns and term.keys and not term.exclude:
                alternatives.append(f"{forms_filter} : {_fts5_string(term.norm)}")
            return "(" + " OR ".join(alternatives) + ")"

        expression = " AND ".join(term_expression(t) for t in self.positive_terms)
        excluded = [term_expression(t) for t in self.terms if t.exclude]
        if excluded:
            # FTS5's NOT is binary ("a NOT b"); parenthesise the positive part first.
            expression = f"({expression})" + "".join(f" NOT {e}" for e in excluded)
        return expression

    def forms_tsquery(self) -> str:
        """The typed forms of the words, any of them (for ranking an exact form higher)."""
        forms = [_ts_lexeme(t.norm) for t in self.positive_terms if t.keys and not t.phrase]
        return " | ".join(forms)

    def to_tsquery(self) -> str:
        """A `to_tsquery('simple', …)` string for a tsvector over keys and words ("" if empty)."""
        if self.is_empty:
            return ""

        def term_expression(term: QueryTerm) -> str:
            if term.phrase:
                return "(" + " <-> ".join(map(_ts_lexeme, term.phrase)) + ")"
            alternatives = [_ts_lexeme(key) for key in term.keys]
            if term.prefix:
                alternatives.append(_ts_lexeme(term.norm) + ":*")
            return "(" + " | ".join(alternatives) + ")"

        expression = " & ".join(term_expression(t) for t in self.positive_terms)
        return expression + "".join(f" & !{term_expression(t)}" for t in self.terms if t.exclude)


def _fts5_string(token: str) -> str:
    # An FTS5 string: double quotes doubled. Inside a string nothing is an operator.
    return '"' + token.replace('"', '""') + '"'


def _ts_lexeme(token: str) -> str:
    # A quoted tsquery lexeme: quotes doubled, backslash escapes the next character.
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def build_query(text: str, keys_of: Callable[[str], tuple[str, ...]]) -> Query:
    """Parse what was typed; `keys_of(norm)` gives a word's index keys (the analyzer's)."""
    terms: list[QueryTerm] = []
    seen: set[tuple[str, bool, bool, bool]] = set()

    def add(term: QueryTerm) -> None:
        identity = (term.norm, term.prefix, bool(term.phrase), term.exclude)
        if identity not in seen:
            seen.add(identity)
            terms.append(term)

    for start, end, quoted in _segments(text):
        if quoted:
            words = tuple(token.norm for token in tokenize(text[start:end]))
            if words:
                raw = text[max(start - 1, 0) : end + 1]
                excluded = _is_excluded(text, start - 1)
                add(QueryTerm(raw, " ".join(words), (), phrase=words, exclude=excluded))
            continue
        for token in tokenize(text[start:end]):
            token_start, token_end = start + token.start, start + token.end
            excluded = _is_excluded(text, token_start)
            # Typing is still going on only at the very end of the query.
            prefix = token_end == len(text) and not excluded
            keys = keys_of(token.norm)
            if keys or prefix:
                add(QueryTerm(token.surface, token.norm, keys, prefix=prefix, exclude=excluded))
    return Query(terms)


def _segments(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, quoted) spans; an unclosed quote runs to the end (still being typed)."""
    spans: list[tuple[int, int, bool]] = []
    start, quoted = 0, False
    for i, char in enumerate(text):
        if char in _QUOTES:
            spans.append((start, i, quoted))
            start, quoted = i + 1, not quoted
    spans.append((start, len(text), quoted))
    return [span for span in spans if span[0] < span[1]]


def _is_excluded(text: str, start: int) -> bool:
    """A `-` right before position `start` that does not join two words (`синьо-жовтий`)."""
    if start < 1 or text[start - 1] not in _MINUS:
        return False
    return start < 2 or not (text[start - 2].isalnum() or text[start - 2] == "_")
