"""Searching the practices base on a 360 px phone: from the home page, a facet, an entry."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import shot
from tests.practices.conftest import publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_filter_and_open_an_entry(page: Page, live_server: object) -> None:
    base = str(live_server)
    publish(
        title="Громадський бюджет у селі Грушівка",
        body="Село вперше провело громадський бюджет: 12 проєктів, 600 голосів.",
        themes=["budget_process"], instruments=["participatory_budget"], oblast="Полтавська",
    )  # fmt: skip
    publish(
        title="Громадський бюджет міста Калинівка",
        body="Місто проводить громадський бюджет сьомий рік поспіль.",
        themes=["budget_process"], instruments=["participatory_budget"], oblast="Вінницька",
    )  # fmt: skip
    publish(title="Молодіжна рада громади", body="Про молодіжну раду.", themes=["youth"])

    page.goto(base)
    page.get_by_label("Шукати в базі успішних практик").fill("громадського бюджету")
    page.get_by_role("search").get_by_role("button", name="Шукати").click()
    expect(page.locator("article.hit")).to_have_count(2)
    expect(page.locator("article.hit mark").first).to_be_visible()
    shot(page, "practices-results")

    page.get_by_text("Фільтри").click()
    page.get_by_label("Полтавська").check()
    page.get_by_role("button", name="Застосувати").click()
    expect(page.locator("article.hit")).to_have_count(1)
    shot(page, "practices-filtered")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.get_by_role("link", name="Громадський бюджет у селі Грушівка").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Громадський бюджет у селі Грушівка")
    expect(page.get_by_text("600 голосів")).to_be_visible()
    shot(page, "practice-entry")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_search_as_you_type_suggests_titles(page: Page, live_server: object) -> None:
    publish(title="Електронні петиції в громаді", body="Петиції збирають підписи онлайн.")
    page.goto(f"{live_server}/practices/")
    page.get_by_label("Пошук кейсів, методів та організацій").press_sequentially("петиці", delay=30)
    expect(page.get_by_role("option")).to_have_text("Електронні петиції в громаді")
