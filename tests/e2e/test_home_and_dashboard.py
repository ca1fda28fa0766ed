"""The home page and the staff dashboard, assembled from the apps' registered contributions,
on a 360 px phone: an open vote leads with its button, nothing overflows sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import Personas
from tests.e2e.conftest import shot
from tests.e2e.test_participatory_budget import log_in
from tests.factories import make_process

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits_the_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide on a 360 px screen"


def test_home_leads_with_the_open_vote_and_dashboard_shows_each_apps_section(
    page: Page, live_server: object, personas: Personas
) -> None:
    base = str(live_server)
    make_process(personas.community, phase="finished", title="Бюджет участі 2024")
    make_process(personas.community, phase="voting", title="Бюджет участі 2026")
    make_process(personas.other, phase="submission", title="Молодіжний бюджет 2026")

    page.goto(f"{base}/")
    vote = page.get_by_role("link", name="Голосуйте до")
    expect(vote).to_be_visible()
    expect(page.locator(".cards .card h3").first).to_have_text("Бюджет участі 2026")
    _fits_the_phone(page)
    shot(page, "home-360")

    page.get_by_role("link", name="Пошук").click()
    page.get_by_label("Що шукаєте?").fill("бюджет участі")
    page.get_by_role("button", name="Шукати").click()
    expect(page.get_by_role("link", name="Бюджет участі 2026")).to_be_visible()
    _fits_the_phone(page)
    shot(page, "site-search-360")

    log_in(page, base, personas.admin.email)
    page.get_by_role("link", name="Кабінет працівника").click()
    expect(page.get_by_role("link", name="Новий процес")).to_be_visible()
    expect(page.get_by_role("link", name="Верифікувати особу")).to_be_visible()
    _fits_the_phone(page)
    shot(page, "dashboard-360")
