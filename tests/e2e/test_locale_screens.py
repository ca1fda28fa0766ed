"""The pages this round of fixes touched, on a 360 px phone in both languages: they fit the
screen, and the screenshots (screenshots/locale-*.png) are there for a person to read."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser

from tests.core.test_locale import _world
from tests.e2e.conftest import SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["uk", "en"])
def test_changed_pages_fit_a_phone(browser: Browser, live_server: object, language: str) -> None:
    base = str(live_server)
    world = _world()
    client = Client()
    client.force_login(world.boss)
    host = base.split("//", 1)[1].split(":")[0]
    context = browser.new_context(viewport={"width": 360, "height": 780})
    context.add_cookies(
        [
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "domain": host, "path": "/"},
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "domain": host,
                "path": "/",
            },
        ]
    )
    page = context.new_page()
    pages = {
        "search": "/practices/?q=budget&oblast=Полтавська",
        "practice": world.practice.get_absolute_url(),
        "profile": "/me/",
        "moderation": "/practices/moderation/",
        "password": "/accounts/password/change/",
        "process": f"/pb/{world.finished.slug}/",
        "results": f"/pb/{world.finished.slug}/results/",
        "statistics": f"/pb/{world.finished.slug}/statistics/",
        "implementation": f"/pb/{world.finished.slug}/implementation/",
    }
    SHOTS.mkdir(exist_ok=True)
    for name, path in pages.items():
        page.goto(base + path)
        if name == "search":
            page.locator("details.card summary").click()
        assert page.evaluate("document.documentElement.lang") == language
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
        page.screenshot(path=str(SHOTS / f"locale-{language}-{name}.png"), full_page=True)
    context.clear_cookies()
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "domain": host, "path": "/"}]
    )
    for name in ("login", "signup"):
        page.goto(f"{base}/accounts/{name}/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
        page.screenshot(path=str(SHOTS / f"locale-{language}-{name}.png"), full_page=True)
    context.close()
