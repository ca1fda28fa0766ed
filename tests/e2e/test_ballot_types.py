"""Every ballot type in a real browser on a 360 px phone: one resident votes with the live
counters (one project per size, points, a ranking); another votes with JavaScript off, has an
invalid ballot refused with a message that says what to change, corrects it and is counted."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from hromada.budgeting.models import BallotChoice, Participation
from tests.budgeting.ballot_types_helpers import typed_process
from tests.conftest import Personas
from tests.e2e.conftest import shot
from tests.e2e.test_participatory_budget import log_in, log_out
from tests.factories import verified_resident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_residents_vote_with_every_ballot_type(
    page: Page, browser: Browser, live_server: object, personas: Personas
) -> None:
    base = str(live_server)
    process = typed_process(personas.community, personas.reviewer)
    url = f"{base}/pb/{process.slug}/vote/"

    # With JavaScript: each sub-budget counts as the resident marks it.
    log_in(page, base, personas.resident.email)
    page.goto(url)
    small, large, points, ranking = (page.locator("fieldset").nth(i) for i in range(4))
    expect(small.locator(".counter")).to_have_text("Обрано проєктів: 0 з 1")
    small.get_by_text("№2. Проєкт 2", exact=True).click()
    expect(small.locator(".counter")).to_have_text("Обрано проєктів: 1 з 1")
    large.get_by_text("№5. Проєкт 5", exact=True).click()
    points.locator("input.mark").nth(0).fill("5")
    points.locator("input.mark").nth(1).fill("5")
    points.locator("input.mark").nth(2).fill("1")
    expect(points.locator(".counter")).to_have_text(
        "Балів забагато на 1: зменшіть бали якогось проєкту"
    )
    points.locator("input.mark").nth(2).fill("")
    expect(points.locator(".counter")).to_have_text("Залишилось балів: 0")
    ranking.locator("select.mark").nth(0).select_option("1")
    ranking.locator("select.mark").nth(2).select_option("1")
    expect(ranking.locator(".counter")).to_have_text(
        "Місце 1 дано кільком проєктам: кожне місце — одному"
    )
    ranking.locator("select.mark").nth(2).select_option("2")
    expect(ranking.locator(".counter")).to_have_text("Розставлено місць: 2 з 3")
    shot(page, "ballot-types-js")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Проголосувати").click()
    expect(page.get_by_test_id("receipt")).to_have_text(re.compile(r"^[2-9A-Z]{5}-[2-9A-Z]{5}$"))
    log_out(page)

    # Without JavaScript: a points ballot over its total is refused by the server.
    voter = verified_resident(personas.community, email="bez-js@example.org")
    context = browser.new_context(viewport={"width": 360, "height": 780}, java_script_enabled=False)
    plain = context.new_page()
    plain.set_default_timeout(15_000)
    try:
        log_in(plain, base, voter.email)
        plain.goto(url)
        expect(plain.locator(".counter").first).to_be_hidden()
        fieldset = plain.locator("fieldset").nth(2)
        for index, value in enumerate(("5", "4", "3")):
            fieldset.locator("input.mark").nth(index).fill(value)
        plain.locator("fieldset").nth(0).get_by_text("№1. Проєкт 1", exact=True).click()
        plain.get_by_role("button", name="Проголосувати").click()
        alert = plain.get_by_role("alert")
        expect(alert).to_contain_text(
            "У підбюджеті «Бали» можна розподілити 10 балів, а розподілено 12 — на 2 більше."
        )
        # The ballot comes back as it was filled in: only the points need changing.
        expect(fieldset.locator("input.mark").nth(0)).to_have_value("5")
        expect(plain.locator("fieldset").nth(0).locator("input[type=radio]").first).to_be_checked()
        shot(plain, "ballot-types-refused-no-js")
        assert plain.evaluate("document.documentElement.scrollWidth") <= 360
        fieldset.locator("input.mark").nth(2).fill("1")
        plain.locator("fieldset").nth(3).locator("select.mark").nth(1).select_option("1")
        plain.get_by_role("button", name="Проголосувати").click()
        expect(plain.get_by_test_id("receipt")).to_be_visible()
        shot(plain, "ballot-types-receipt-no-js")
    finally:
        context.close()
    assert Participation.objects.filter(process=process).count() == 2
    marks = sorted(
        (c.project.number, c.points, c.rank) for c in BallotChoice.objects.select_related("project")
    )
    assert marks == [
        (1, None, None),
        (2, None, None),
        (5, None, None),
        (7, 5, None),
        (7, 5, None),
        (8, 4, None),
        (8, 5, None),
        (9, 1, None),
        (10, None, 1),
        (11, None, 1),
        (12, None, 2),
    ]
