"""Counts agree with their nouns in Ukrainian's three plural forms: 1, 21, 241 запис; 2, 22
записи; 5, 11, 25, 111 записів (and English's two)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import ngettext

COUNTS = [1, 2, 5, 11, 21, 22, 25, 111, 241]
UKRAINIAN = {
    1: "запис",
    2: "записи",
    5: "записів",
    11: "записів",
    21: "запис",
    22: "записи",
    25: "записів",
    111: "записів",
    241: "запис",
}


@pytest.mark.parametrize("n", COUNTS)
def test_register_upload_message(n: int) -> None:
    message = ngettext(
        "Реєстр оновлено: %(rows)s запис. Попередній реєстр замінено.",
        "Реєстр оновлено: %(rows)s записів. Попередній реєстр замінено.",
        n,
    ) % {"rows": n}
    assert message == f"Реєстр оновлено: {n} {UKRAINIAN[n]}. Попередній реєстр замінено."
    with translation.override("en"):
        english = ngettext(
            "Реєстр оновлено: %(rows)s запис. Попередній реєстр замінено.",
            "Реєстр оновлено: %(rows)s записів. Попередній реєстр замінено.",
            n,
        ) % {"rows": n}
    assert f"{n} record{'' if n == 1 else 's'}." in english


SEARCH_COUNT = Template(
    "{% load i18n hromada %}{% blocktranslate count n=n with total=n|grouped ms=3 %}"
    "Знайдено {{ total }} запис за {{ ms }} мс{% plural %}"
    "Знайдено {{ total }} записів за {{ ms }} мс{% endblocktranslate %}"
)


@pytest.mark.parametrize("n", COUNTS)
def test_search_count_on_the_page(n: int) -> None:
    assert SEARCH_COUNT.render(Context({"n": n})) == f"Знайдено {n} {UKRAINIAN[n]} за 3 мс"


def test_large_counts_are_grouped() -> None:
    assert SEARCH_COUNT.render(Context({"n": 6500})) == "Знайдено 6\u00a0500 записів за 3 мс"
    with translation.override("en"):
        assert SEARCH_COUNT.render(Context({"n": 6501})) == "Found 6,501 entries in 3 ms"


def test_search_page_uses_the_same_sentence() -> None:
    source = (Path(settings.BASE_DIR) / "hromada/templates/practices/search.html").read_text()
    assert "count n=result.total with total=result.total|grouped" in source


@pytest.mark.parametrize(
    ("age", "text"), [(16, "від 16 років"), (18, "від 18 років"), (21, "від 21 року")]
)
def test_voting_age(age: int, text: str) -> None:
    template = Template(
        "{% load i18n %}{% blocktranslate count age=age %}від {{ age }} року{% plural %}"
        "від {{ age }} років{% endblocktranslate %}"
    )
    assert template.render(Context({"age": age})) == text


@pytest.mark.parametrize(("age", "word"), [(16, "років"), (21, "рік"), (22, "роки")])
def test_age_refusal(age: int, word: str) -> None:
    message = ngettext(
        "Брати участь можуть особи, яким цього року виповнюється %(age)s рік.",
        "Брати участь можуть особи, яким цього року виповнюється %(age)s років.",
        age,
    ) % {"age": age}
    assert message.endswith(f"виповнюється {age} {word}.")


@pytest.mark.parametrize(
    ("n", "word"), [(1, "проєкту"), (2, "проєктів"), (5, "проєктів"), (21, "проєкту")]
)
def test_limits_read_as_genitive(n: int, word: str) -> None:
    message = ngettext(
        "У підбюджеті «%(sb)s» можна обрати не більше %(k)s проєкту.",
        "У підбюджеті «%(sb)s» можна обрати не більше %(k)s проєктів.",
        n,
    ) % {"sb": "Малі", "k": n}
    assert message.endswith(f"не більше {n} {word}.")
