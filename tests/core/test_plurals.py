"""Counts agree with their nouns in Ukrainian's three plural forms: 1, 21, 241 запис; 2, 22
записи; 5, 11, 25, 111 записів (and English's two)."""

from __future__ import annotations

import pytest
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


@pytest.mark.parametrize("n", COUNTS)
def test_search_count_on_the_page(n: int) -> None:
    template = Template(
        "{% load i18n %}{% blocktranslate count n=n with ms=3 %}Знайдено {{ n }} запис за "
        "{{ ms }} мс{% plural %}Знайдено {{ n }} записів за {{ ms }} мс{% endblocktranslate %}"
    )
    assert template.render(Context({"n": n})) == f"Знайдено {n} {UKRAINIAN[n]} за 3 мс"


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
