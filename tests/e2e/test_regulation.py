"""Starting a process from the «city, small/large» template at 360 px, and its public regulation
page in Ukrainian and English (screenshots/regulation-*.png, to be looked at)."""

from __future__ import annotations

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect

from hromada.budgeting import actions, regulation_templates
from hromada.budgeting.models import Process
from tests.conftest import Personas
from tests.e2e.conftest import shot
from tests.e2e.test_participatory_budget import log_in
from tests.factories import SettlementFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_admin_starts_a_city_process_from_its_template(
    page: Page, live_server: object, personas: Personas
) -> None:
    base = str(live_server)
    log_in(page, base, personas.admin.email)
    page.goto(f"{base}/staff/{personas.community.slug}/processes/new/")
    page.get_by_role("link", name="Місто: малі й великі проєкти (40/60)").click()
    expect(page.locator("[name=sb-0-share]")).to_have_value("40")
    expect(page.locator("[name=sb-1-share]")).to_have_value("60")
    expect(page.locator("[name=reserve_percent]")).to_have_value("20")
    _fits(page)
    shot(page, "regulation-form-city-template")

    page.fill("[name=title]", "Бюджет участі 2027")
    page.fill("[name=slug]", "misto-2027")
    # A first try with a split of 40/50: the form says what the sub-budgets add up to.
    page.fill("[name=sb-1-share]", "50")
    page.get_by_role("button", name="Створити процес").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("90 % загального бюджету")
    _fits(page)
    shot(page, "regulation-form-split-error")
    page.fill("[name=sb-1-share]", "60")
    page.get_by_role("button", name="Створити процес").click()
    expect(page.get_by_text("Процес створено.")).to_be_visible()

    process = Process.objects.get(slug="misto-2027")
    small, large = process.sub_budgets.all()
    assert (small.share, large.share) == (4000, 6000)
    assert (small.amount, large.amount) == (400_000_000, 600_000_000)

    page.get_by_role("link", name="Положення").click()
    expect(page.get_by_role("heading", name="Положення про бюджет участі")).to_be_visible()
    expect(page.locator("#money")).to_contain_text("40 % бюджету")
    expect(page.locator("#money")).to_contain_text("понад 300\u00a0000\u00a0грн")
    _fits(page)
    shot(page, "regulation-uk")
    host = base.split("//", 1)[1].split(":")[0]
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "domain": host, "path": "/"}]
    )
    page.reload()
    expect(
        page.get_by_role("heading", name="Regulation of the participatory budget")
    ).to_be_visible()
    expect(page.locator("#participants")).to_contain_text("from the year in which one turns 16")
    _fits(page)
    shot(page, "regulation-en")


def test_a_starosta_districts_regulation_reads_on_a_phone(
    browser: Browser, live_server: object, personas: Personas
) -> None:
    """The demo's kind of village process: a sub-budget per settlement, residents only."""
    for name in ("Вишневе", "Калинівка", "Грушівка"):
        SettlementFactory.create(community=personas.community, name=name)
    wartime = _from_template(personas, "wartime", "Бюджет воєнного часу 2027")
    villages = _from_template(personas, "village", "Бюджет старостинських округів 2027")
    base = str(live_server)
    host = base.split("//", 1)[1].split(":")[0]
    for language in ("uk", "en"):
        context = browser.new_context(viewport={"width": 360, "height": 780})
        context.add_cookies(
            [
                {
                    "name": settings.LANGUAGE_COOKIE_NAME,
                    "value": language,
                    "domain": host,
                    "path": "/",
                }
            ]
        )
        page = context.new_page()
        for process in (villages, wartime):
            page.goto(f"{base}/pb/{process.slug}/regulation/")
            expect(page.locator("#participants")).to_be_visible()
            if process == wartime:
                themes = "лише на теми" if language == "uk" else "only on the themes"
                expect(page.locator("#money")).to_contain_text(themes)
            _fits(page)
            shot(page, f"regulation-{language}-{process.regulation_template}")
        context.close()


def _from_template(personas: Personas, key: str, title: str) -> Process:
    initial, rows = regulation_templates.initial_for(key, personas.community)
    specs = [
        actions.SubBudgetSpec(
            name=str(row["name"]),
            amount=None,
            share=row["share"],
            min_cost=row.get("min_cost", 0),
            max_cost=row["max_cost"],
            ballot_rule=row["ballot_rule"],
            max_choices=row.get("max_choices"),
            kind=row["kind"],
            settlement_id=row.get("settlement"),
            residents_only=row.get("residents_only", False),
        )
        for row in rows
    ]
    return actions.create_process(
        personas.admin, personas.community, specs, **{**initial, "title": title, "slug": key}
    )


def test_a_resident_sees_their_bases_and_declares_another(
    page: Page, live_server: object, personas: Personas
) -> None:
    village = SettlementFactory.create(community=personas.community, name="Калинівка")
    base = str(live_server)
    log_in(page, base, personas.resident.email)
    page.goto(f"{base}/me/")
    expect(page.locator("#bases")).to_be_visible()
    page.get_by_text("Заявити ще одну підставу").click()
    page.get_by_label("Підстава").select_option("work")
    page.get_by_label("Населений пункт або район підстави").select_option(str(village.pk))
    page.get_by_role("button", name="Подати заяву").click()
    expect(page.get_by_text("Заяву подано")).to_be_visible()
    expect(page.get_by_text("розглядає працівник громади")).to_be_visible()
    _fits(page)
    shot(page, "regulation-profile-bases")
