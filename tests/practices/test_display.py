"""How a practice reads in each language: facet headings, its history, its numbers."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from hromada.accounts.models import User
from hromada.core.money import format_uah, group_thousands
from hromada.practices.actions import PracticeData, edit_practice
from hromada.practices.models import Practice
from tests.practices.conftest import publish


def _in(language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def entry(db: None) -> Practice:
    return publish(
        title="Бюджет участі в Сумах",
        summary="Коротко",
        themes=["youth"],
        oblast="Сумська",
        participants=12000,
        money_uah=1500000,
        projects=1041,
    )


def test_facet_headings_follow_the_page_language(entry: Practice) -> None:
    english = _in("en").get("/practices/").content.decode()
    assert "<legend>Theme</legend>" in english
    assert "<legend>Тема</legend>" not in english
    ukrainian = _in("uk").get("/practices/").content.decode()
    assert "<legend>Тема</legend>" in ukrainian


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("uk", ["12\u00a0000", "1\u00a0500\u00a0000&nbsp;грн", "1\u00a0041", "Сумська обл."]),
        ("en", ["12,000", "1,500,000&nbsp;UAH", "1,041", "Sumy Oblast"]),
    ],
)
def test_numbers_are_grouped_as_the_language_writes_them(
    entry: Practice, language: str, texts: list[str]
) -> None:
    html = _in(language).get(entry.get_absolute_url()).content.decode()
    for text in texts:
        assert text in html


def test_money_in_english() -> None:
    from django.utils import translation

    with translation.override("en"):
        assert format_uah(150_000_050) == "1,500,000.50\u00a0UAH"
        assert group_thousands(241_000) == "241,000"
    assert group_thousands(241_000) == "241\u00a0000"


@pytest.mark.parametrize(("language", "names"), [("uk", "назва, коротко"), ("en", "name, summary")])
def test_history_names_the_fields_as_people_do(
    entry: Practice, editor: User, language: str, names: str
) -> None:
    data = PracticeData(title="Бюджет участі в Сумах 2", summary="Інакше", themes=["youth"])
    data.oblast, data.participants, data.money_uah, data.projects = "Сумська", 12000, 1500000, 1041
    edit_practice(editor, entry, data)
    client = _in(language)
    client.force_login(editor)
    html = client.get(entry.get_absolute_url(), follow=True).content.decode()
    assert names in html
    assert ": title" not in html
