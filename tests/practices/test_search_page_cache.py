"""The search page's results part is rendered once per address, language and published set
(search_pages.RECENT_PAGES): what it shows is exactly what a fresh search renders, and a
change to the published entries shows at once."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from hromada.practices import search_version
from hromada.practices.actions import PracticeData, edit_practice
from hromada.practices.models import Practice
from hromada.practices.search import RECENT_MATCHES
from hromada.practices.search_pages import RECENT_PAGES
from tests.practices.conftest import publish

PAGE = "/practices/?q=бюджет&theme=budget_process"
CHANGING = re.compile(r'(value="[^"]{64}")|(за [\d.,]+ (мс|ms))')  # form tokens, time taken


def page(client: Client, path: str = PAGE) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    searches = sum("MATCH" in q["sql"] or "@@" in q["sql"] for q in captured.captured_queries)
    return CHANGING.sub("", response.content.decode()), searches


def test_a_remembered_page_is_what_a_fresh_search_renders(corpus: dict[str, Practice]) -> None:
    first, searched = page(Client())
    assert searched == 1
    again, searched_again = page(Client())
    assert searched_again == 0  # served from RECENT_PAGES
    RECENT_PAGES.clear()
    RECENT_MATCHES.clear()
    cache.clear()
    fresh, searched_fresh = page(Client())
    assert searched_fresh == 1
    assert first == again == fresh
    assert "Громадський бюджет у Вишневій громаді" in first


def test_other_workers_take_the_page_from_the_shared_cache(corpus: dict[str, Practice]) -> None:
    first, _ = page(Client())
    RECENT_PAGES.clear()  # as another worker process, which has remembered nothing
    RECENT_MATCHES.clear()
    shared, searched = page(Client())
    assert searched == 0 and shared == first
    # A write anywhere moves the shared version: no worker serves the old page after it.
    RECENT_PAGES.clear()
    search_version.bump()
    assert page(Client())[1] == 1


def test_a_newly_published_or_edited_entry_shows_at_once(
    corpus: dict[str, Practice],
    editor: Any,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    page(Client())
    with django_capture_on_commit_callbacks(execute=True):
        publish(title="Бюджет ініціатив молоді", themes=["budget_process"], year=2024)
    assert "Бюджет ініціатив молоді" in page(Client())[0]
    entry = corpus["pb"]
    data = PracticeData(
        title="Громадський бюджет: друга хвиля", body=entry.body, themes=["budget_process"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        edit_practice(editor, entry, data)
    shown = page(Client())[0]
    assert "Громадський бюджет: друга хвиля" in shown
    assert "Громадський бюджет у Вишневій громаді" not in shown


def test_each_language_and_address_has_its_own_page(corpus: dict[str, Practice]) -> None:
    ukrainian = page(Client())[0]
    english_client = Client()
    english_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = page(english_client)[0]
    assert "<legend>Тема</legend>" in ukrainian and "<legend>Theme</legend>" not in ukrainian
    assert "<legend>Theme</legend>" in english
    # The export links carry the page's own query string, sort included.
    by_date = page(Client(), PAGE + "&sort=date")[0]
    assert re.search(r'export\.csv\?[^"]*sort=date', by_date)
    assert not re.search(r'export\.csv\?[^"]*sort=date', ukrainian)


def test_signed_in_extras_stay_personal(corpus: dict[str, Practice], editor: Any) -> None:
    page(Client())  # remembered for anonymous readers first
    client = Client()
    client.force_login(editor)
    shown = client.get(PAGE).content.decode()
    assert "Черга модерації" in shown  # the editor's own link, outside the part
    assert "Черга модерації" not in Client().get(PAGE).content.decode()
