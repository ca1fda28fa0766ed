"""The new-process form in a real browser: one sub-budget is enough, and errors are listed at
the top of the page with links to their fields."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from hromada.budgeting.models import Process
from tests.conftest import Personas
from tests.e2e.conftest import shot
from tests.e2e.test_participatory_budget import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DATES = {
    "submission_start": "2027-02-01T09:00",
    "submission_end": "2027-03-01T18:00",
    "review_end": "2027-03-20T18:00",
    "voting_start": "2027-04-01T09:00",
    "voting_end": "2027-04-15T21:00",
    "results_date": "2027-04-25T12:00",
    "implementation_end": "2027-12-20T18:00",
}


def test_process_with_one_sub_budget_and_an_error_summary(
    page: Page, live_server: object, personas: Personas
) -> None:
    base = str(live_server)
    log_in(page, base, personas.admin.email)
    page.goto(f"{base}/staff/{personas.community.slug}/processes/new/")
    page.fill("[name=slug]", "pb-2027")
    for name, value in DATES.items():
        page.fill(f"[name={name}]", value)
    page.fill("[name=sb-0-name]", "Усі проєкти")
    page.fill("[name=sb-0-amount]", "1 000 000")
    page.fill("[name=sb-0-max_cost]", "сто тисяч")
    page.fill("[name=sb-0-max_choices]", "3")
    page.get_by_role("button", name="Створити процес").click()

    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_visible()
    assert summary.bounding_box()["y"] < 700  # type: ignore[index]  # above the fold
    shot(page, "process-form-errors")
    summary.get_by_role("link", name="Назва").click()
    expect(page.locator("#id_title")).to_be_focused()

    page.fill("[name=title]", "Бюджет участі 2027")
    page.fill("[name=sb-0-max_cost]", "100000")
    page.get_by_role("button", name="Створити процес").click()
    expect(page.get_by_text("Процес створено.")).to_be_visible()
    assert Process.objects.get(slug="pb-2027").sub_budgets.count() == 1
