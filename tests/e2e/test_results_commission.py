"""On a 360 px phone: the counting commission approves the results of a process whose large
sub-budget is counted by the Method of Equal Shares; the results page then explains every
project and shows the SHA-256 of the published file, which matches the file served."""

from __future__ import annotations

import hashlib

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from hromada.budgeting import actions
from hromada.budgeting.models import Process, SubBudget
from hromada.communities.models import StaffRole
from tests.budgeting.conftest import move_to, submit
from tests.conftest import Personas
from tests.e2e.conftest import shot
from tests.e2e.test_participatory_budget import log_in
from tests.factories import make_process, staff, verified_resident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def mes_process(personas: Personas) -> Process:
    """Large sub-budget of 20,000 UAH by equal shares (small sums keep add1 short): six
    residents want only the skatepark (15,000), four want the roof (9,000) and the crossing
    (6,000). Greedy would fund the skatepark; equal shares funds the roof."""
    process = make_process(personas.community, phase="submission", max_projects_per_author=9)
    large = process.sub_budgets.all()[1]
    SubBudget.objects.filter(pk=large.pk).update(amount=2_000_000, winner_rule="mes")
    Process.objects.filter(pk=process.pk).update(total_budget=102_000_000)
    made = [
        submit(process, personas.resident, 1, cost, title=title)
        for title, cost in (
            ("Скейт-майданчик", 1_500_000),
            ("Ремонт даху бібліотеки", 900_000),
            ("Безпечний перехід", 600_000),
        )
    ]
    move_to(process, "review")
    for project in made:
        actions.review_project(personas.reviewer, project, decision="admit")
    move_to(process, "voting")
    skate, roof, crossing = made
    for picks in [[skate]] * 6 + [[roof, crossing]] * 4:
        actions.cast_ballot(
            verified_resident(personas.community), process, {large.pk: [p.pk for p in picks]}
        )
    move_to(process, "counting")
    return process


def test_commission_approves_equal_shares_results(
    page: Page, live_server: object, personas: Personas
) -> None:
    base = str(live_server)
    process = mes_process(personas)
    commission = staff(personas.community, StaffRole.Role.COMMISSION, email="lich@example.org")

    log_in(page, base, commission.email)
    page.goto(f"{base}/pb/{process.slug}/results/")
    expect(page.get_by_text("Попередні результати")).to_be_visible()
    page.get_by_role("link", name="Затвердити результати").click()
    page.get_by_label("Номер рішення").fill("12/2026")
    page.get_by_label("Дата рішення").fill(timezone.localdate().isoformat())
    shot(page, "results-approve")
    page.get_by_role("button", name="Затвердити результати").click()

    expect(page.get_by_text("затверджено рішенням лічильної комісії № 12/2026")).to_be_visible()
    expect(page.get_by_text("Правило: метод рівних часток.")).to_be_visible()
    expect(page.get_by_text("Обрано в раунді 1")).to_be_visible()
    expect(page.get_by_text("Навіть на початку його прихильники")).to_be_visible()
    expect(page.get_by_text("А якби за більшістю голосів?")).to_be_visible()
    expect(
        page.get_by_text("Лише за правилом більшості перемогли б: №1 «Скейт-майданчик»")
    ).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "results-mes")

    large = process.sub_budgets.all()[1]
    published = page.request.get(f"{base}/pb/{process.slug}/export/{large.pk}.pb").body()
    digest = hashlib.sha256(published).hexdigest()
    expect(page.locator("code.hash", has_text=digest)).to_be_visible()
    assert b"rule;equalshares/add1-pabutools" in published

    # The approval is on the process's public log.
    page.goto(f"{base}/pb/{process.slug}/")
    expect(page.get_by_text("Рішення лічильної комісії № 12/2026")).to_be_visible()
