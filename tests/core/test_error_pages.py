"""With DEBUG off every error is a page in the site's layout, in Ukrainian (English when the
visitor chose it), never Django's technical page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production(settings: Any) -> None:
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.core.error_urls"


@pytest.mark.parametrize(
    ("url", "status", "heading"),
    [
        ("/fail/400/", 400, "Некоректний запит"),
        ("/fail/403/", 403, "Доступ заборонено"),
        ("/no-such-page/", 404, "Сторінку не знайдено"),
        ("/fail/500/", 500, "Помилка на сервері"),
    ],
)
def test_each_error_is_a_ukrainian_page_in_the_layout(url: str, status: int, heading: str) -> None:
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == status
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert '<html lang="uk">' in page and 'class="site-header"' in page
    assert "Traceback" not in page and "a bug" not in page


def test_a_form_without_its_csrf_token_gets_the_ukrainian_page() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>Форму не прийнято</h1>" in page and 'class="site-header"' in page
    assert "CSRF" not in page


def test_error_pages_follow_the_chosen_language() -> None:
    client = Client(raise_request_exception=False)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "<h1>Page not found</h1>" in client.get("/no-such-page/").content.decode()
    assert "<h1>Server error</h1>" in client.get("/fail/500/").content.decode()
