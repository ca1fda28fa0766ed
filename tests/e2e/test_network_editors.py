"""The members map and the staff's call editor on a 360 px phone: the map fits and reads, and a
call is written through the form. Screenshots: screenshots/ or $ACADEMY_SHOTS."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from hromada.network import actions
from hromada.network.models_contests import Contest
from tests.e2e.conftest import SHOTS as E2E_SHOTS
from tests.network.conftest import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("ACADEMY_SHOTS", str(E2E_SHOTS)))


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _page(browser: Browser, base: str, user: object | None, language: str) -> Page:
    host = base.split("//", 1)[1].split(":")[0]
    context = browser.new_context(viewport={"width": 360, "height": 780})
    cookies = [
        {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "domain": host, "path": "/"}
    ]
    if user is not None:
        client = Client()
        client.force_login(user)  # type: ignore[arg-type]
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "domain": host, "path": "/",
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value})  # fmt: skip
    context.add_cookies(cookies)  # type: ignore[arg-type]
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.mark.parametrize("language", ["uk", "en"])
def test_members_map_on_a_phone(
    browser: Browser, live_server: object, world: World, language: str
) -> None:
    for name, country in (("Gmina Brzozowa", "PL"), ("Obec Lipová", "SK")):
        actions.add_member_record(
            world.network, community=None, name=name, country=country, starts_on=dt.date(2024, 1, 1)
        )
    page = _page(browser, str(live_server), None, language)
    page.goto(f"{live_server}/network/{world.network.slug}/members/")
    expect(page.get_by_test_id("members-map")).to_be_visible()
    expect(page.get_by_test_id("members-abroad")).to_contain_text("PL")
    _shot(page, f"{language}-members-map")
    page.context.close()


def test_staff_write_a_call_on_a_phone(browser: Browser, live_server: object, world: World) -> None:
    page = _page(browser, str(live_server), world.team, "uk")
    page.goto(f"{live_server}/network/{world.network.slug}/")
    page.get_by_role("link", name="Новий конкурс").click()
    now = timezone.localtime()
    page.get_by_label("Адреса (латиницею)").fill("suprovid-2028")
    page.locator("#id_title").fill("Супровід бюджетів участі 2028")
    page.get_by_label("Текст оголошення").fill("Оберемо п'ять громад.")
    for label, days in (("Прийом заявок з", 2), ("Прийом заявок до", 20),
                        ("Оцінювання журі до", 30), ("Оголошення результатів", 40)):  # fmt: skip
        page.get_by_label(label).fill((now + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Скільки переможців").fill("5")
    page.get_by_label("Не більше переможців з однієї області (0 — без обмеження)").fill("0")
    page.get_by_label("Поріг розбіжності оцінок, балів зі 100").fill("25")
    page.get_by_label("Критерії: назва | вага | найвища оцінка, кожен з нового рядка").fill(
        "Готовність | три | 10"
    )
    page.get_by_role("button", name="Створити конкурс").click()
    expect(page.locator("#id_criteria_error")).to_contain_text("«Команда | 2 | 10»")  # not a 500
    page.get_by_label("Критерії: назва | вага | найвища оцінка, кожен з нового рядка").fill(
        "Готовність | 3 | 10\nКоманда | 2 | 5"
    )
    _shot(page, "uk-call-form")
    page.get_by_role("button", name="Створити конкурс").click()
    expect(page.get_by_text("Конкурс створено.")).to_be_visible()
    assert Contest.objects.get(slug="suprovid-2028").criteria.count() == 2
    page.context.close()
