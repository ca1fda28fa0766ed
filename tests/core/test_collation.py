"""Ukrainian alphabetical order (Python's code-point order puts Є, І, Ї, Ґ in the wrong places)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from hromada.core.collation import ALPHABET, sorted_ukrainian, ukrainian_sort_key
from hromada.practices.vocabulary import OBLASTS, oblast_choices
from tests.factories import hub_editor


def test_the_alphabet_is_complete() -> None:
    assert len(ALPHABET) == 33
    assert sorted_ukrainian(reversed(ALPHABET)) == list(ALPHABET)


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("Гадяч", "Ґалаґан"),  # г before ґ (code point: ґ after я)
        ("Ґалаґан", "Дубно"),
        ("Енергодар", "Євпаторія"),  # е before є (code point: Є before А)
        ("Євпаторія", "Житомир"),
        ("Ирклієв", "Ірпінь"),  # и before і
        ("Ірпінь", "Їжакевич"),  # і before ї
        ("Їжакевич", "Йосипівка"),
        ("Яготин", "яр"),  # letter case aside
        ("Бабин", "Баб'як"),  # the apostrophe does not count: «баб'як» sorts as «бабяк»
        ("м'ята", "мята-дика"),
        ("Івано-Франківськ", "Івановичі"),  # a hyphen before any letter
        ("Ярмолинці", "Zhytomyr"),  # Latin after Cyrillic
        ("Antonivka", "Zhytomyr"),
    ],
)
def test_ukrainian_order(earlier: str, later: str) -> None:
    assert ukrainian_sort_key(earlier) < ukrainian_sort_key(later)
    assert sorted_ukrainian([later, earlier]) == [earlier, later]


def test_oblasts_are_listed_alphabetically() -> None:
    assert OBLASTS[:3] == ["Автономна Республіка Крим", "Вінницька", "Волинська"]
    assert OBLASTS.index("Запорізька") < OBLASTS.index("Івано-Франківська")
    assert OBLASTS.index("Івано-Франківська") < OBLASTS.index("Київська")
    assert OBLASTS[-1] == "Чернігівська"


def test_oblasts_are_alphabetical_in_english_too() -> None:
    with translation.override("en"):
        names = [name for _code, name in oblast_choices()]
    assert names[:3] == ["Autonomous Republic of Crimea", "Cherkasy", "Chernihiv"]
    assert names == sorted(names)


@pytest.mark.django_db
def test_the_oblast_facet_is_in_ukrainian_order(client: Client) -> None:
    from hromada.practices.actions import PracticeData, import_practices

    oblasts = ["Чернігівська", "Івано-Франківська", "Вінницька", "Житомирська", "Київська"]
    import_practices(hub_editor(), [PracticeData(title=f"Запис {o}", oblast=o) for o in oblasts])
    html = client.get("/practices/").content.decode()
    positions = [html.index(f'value="{o}"') for o in sorted_ukrainian(oblasts)]
    assert positions == sorted(positions)
