"""Pure-Python text analysis for full-text search (Ukrainian, Russian, English).

No Django here (import-linter enforces it): a researcher can use it alone. Design: docs/search.md.

    from hromada.text import get_analyzer, highlight
    analyzer = get_analyzer()
    title_k, title_w = analyzer.index_text("Громадський бюджет", "uk")
    query = analyzer.parse_query("громадського бюдж")
    query.to_fts5()      # SQLite FTS5 MATCH expression
    query.to_tsquery()   # PostgreSQL to_tsquery('simple', ...) string
    highlight(body, query, analyzer, "uk")   # escaped HTML snippet with <mark>

Files: normalise.py (words and offsets), vocabulary.py (stop lemmas, spelling variants),
lemmatisers.py (pymorphy3 / PyStemmer behind one interface), analyzer.py (word → keys),
query.py (typed text → FTS5 / tsquery), highlight.py (snippets).
"""

from __future__ import annotations

from hromada.text.analyzer import ANALYZER_VERSION, Analyzer, document_language, get_analyzer
from hromada.text.highlight import Indexed, highlight
from hromada.text.lemmatisers import EnglishStemmer, Lemmatiser, PymorphyLemmatiser
from hromada.text.normalise import Token, normalise, normalise_word, tokenize
from hromada.text.query import Query, QueryTerm
from hromada.text.vocabulary import STOP_LEMMAS, canonical_key

__all__ = [
    "ANALYZER_VERSION",
    "STOP_LEMMAS",
    "Analyzer",
    "EnglishStemmer",
    "Indexed",
    "Lemmatiser",
    "PymorphyLemmatiser",
    "Query",
    "QueryTerm",
    "Token",
    "canonical_key",
    "document_language",
    "get_analyzer",
    "highlight",
    "normalise",
    "normalise_word",
    "tokenize",
]
