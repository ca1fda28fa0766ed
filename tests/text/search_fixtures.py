"""Shared documents and expectations for the SQLite and PostgreSQL search tests: both
databases must return the same documents for the same query."""

from __future__ import annotations

from hromada.text import Query, QueryTerm, get_analyzer

# id: (language, title, body)
DOCUMENTS: dict[int, tuple[str, str, str]] = {
    1: (
        "uk",
        "Громадський бюджет міста",
        "Міська рада ухвалила положення про громадський бюджет та проєкт голосування у 2024 році.",
    ),
    2: (
        "uk",
        "Молодіжна рада",
        "Об'єднана територіальна громада створила молодіжну раду при ЦНАПі.",
    ),
    3: ("uk", "Шкільний проект", "Проект шкільного громадського бюджету: учні обирають ідеї."),
    4: ("ru", "Бюджет участия", "Жители сельских советов подают петиции и голосуют."),
    5: ("en", "Participatory budgeting", "Citizens submit petitions to city councils."),
    6: ("uk", "Електронні петиції", "Петиція набрала голоси жителів громади."),
}

# what was typed → ids that must be found (a trailing space means the last word is complete)
EXPECTED: list[tuple[str, set[int]]] = [
    ("громадського бюджету ", {1, 3}),
    ("громадський бюджет ", {1, 3}),
    ("проект ", {1, 3}),
    ("проєкту ", {1, 3}),
    ("об’єднана ", {2}),
    ("обʼєднаної громади ", {2}),
    ("молодіжної ради ", {2}),
    ("ЦНАП ", {2}),
    ("рада ", {1, 2}),
    ("громадсько", {3}),  # half-typed: a prefix of the word "громадського" only
    ("громадськ", {1, 3}),
    ("петиция ", {4}),
    ("сельского совета ", {4}),
    ("бюджетом участия ", {4}),
    ("petition ", {5}),
    ("budget ", {5}),
    ("council ", {5}),
    ("бюджет -шкільний ", {1, 4}),
    ('"міська рада"', {1}),
    ('"ради міської"', set()),
    ("«громадський бюджет» -«шкільного громадського»", {1}),
    ("петиції ", {6}),
    ("2024 ", {1}),
    ("жителі громади ", {6}),
    ("the budgets ", {5}),
]

# Input a user might type to break the query syntax; each must run without error.
TRICKY = [
    "", " ", '"', '""', '"бюджет', 'бюджет"', "(бюджет", "бюджет)", "*", "бюд*", "бюджет*",
    "title_k:бюджет", "{title_k}: рада", "AND", "OR", "NOT", "NEAR(бюджет рада)",
    "бюджет AND рада", "бюджет OR", "-", "--", "- бюджет", "-бюджет", "😀", "бюджет 😀",
    "'", "\\", "a'b\\c", "^бюджет", "бюджет:", "бюджет:*", "&|!<->", "'бюджет':*",
    "«міська рада»", "„рада“", 'bud"get', "x" * 300, "ґ ї є і",
]  # fmt: skip


def indexed_rows() -> list[tuple[int, str, str, str, str]]:
    """(id, title_k, body_k, title_w, body_w) rows as the Django side stores them."""
    analyzer = get_analyzer()
    rows = []
    for doc_id, (language, title, body) in DOCUMENTS.items():
        title_k, title_w = analyzer.index_text(title, language)
        body_k, body_w = analyzer.index_text(body, language)
        rows.append((doc_id, title_k, body_k, title_w, body_w))
    return rows


def hostile_query() -> Query:
    """A term holding both quote kinds and a backslash, which the tokenizer never produces:
    quoting must hold even if normalisation changes."""
    token = "a'b\"c\\"
    return Query([QueryTerm(token, token, (token,), prefix=True)])
