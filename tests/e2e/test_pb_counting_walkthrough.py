"""The counting of a participatory budget end to end on a 360 px phone: a resident votes online
and keeps the receipt; paper ballots are keyed in twice (double entry) by two operators, one
from the person who already voted online (refused) and one whose entries differ; the counting
commission reconciles it, approves the results of a process whose large sub-budget is counted
by equal shares (the approval runs as a task); the results page explains every project and
shows the published file's SHA-256; the voter finds their receipt's line in that file."""

from __future__ import annotations

import hashlib
import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from playwright.sync_api import Page, expect

from hromada.accounts.models import Verification
from hromada.budgeting import actions, actions_paper
from hromada.budgeting.models import PaperEntry, Participation, Process, SubBudget
from hromada.communities.models import StaffRole
from hromada.core.identifiers import hash_identifier, rnokpp_with_check_digit
from tests.budgeting.conftest import move_to, submit
from tests.conftest import DATABASE_TASKS, Personas
from tests.e2e.conftest import shot
from tests.e2e.test_participatory_budget import log_in, log_out
from tests.factories import make_process, staff, verified_resident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RESIDENT_RNOKPP = rnokpp_with_check_digit("301234567")
NEWCOMER_RNOKPP = rnokpp_with_check_digit("302345678")


def voting_process(personas: Personas) -> Process:
    """Large sub-budget of 20,000 UAH by equal shares: six residents want only the skatepark
    (15,000), three the roof (9,000) and the crossing (6,000), as will the resident voting in
    the browser. Greedy would fund the skatepark; equal shares funds the roof and crossing."""
    process = make_process(
        personas.community, phase="submission", max_projects_per_author=9, paper_double_entry=True
    )
    large = process.sub_budgets.all()[1]
    SubBudget.objects.filter(pk=large.pk).update(amount=2_000_000, winner_rule="mes")
    Process.objects.filter(pk=process.pk).update(total_budget=102_000_000)
    specs = [
        (1, 1_500_000, "Скейт-майданчик"),
        (1, 900_000, "Ремонт даху бібліотеки"),
        (1, 600_000, "Безпечний перехід"),
        (0, 30_000_000, "Лавки біля озера"),
        (0, 20_000_000, "Ліхтарі на Садовій"),
    ]
    made = [submit(process, personas.resident, i, cost, title=t) for i, cost, t in specs]
    move_to(process, "review")
    for project in made:
        actions.review_project(personas.reviewer, project, decision="admit")
    move_to(process, "voting")
    skate, roof, crossing = made[:3]
    for picks in [[skate]] * 6 + [[roof, crossing]] * 3:
        actions.cast_ballot(
            verified_resident(personas.community), process, {large.pk: [p.pk for p in picks]}
        )
    return process


def key_in(page: Page, base: str, process: Process, identifier: str, year: str, title: str) -> None:
    page.goto(f"{base}/pb/{process.slug}/paper/")
    page.get_by_label("Пункт прийому").select_option(label="ЦНАП Вишневе")
    page.get_by_label(re.compile("РНОКПП або номер паспорта")).fill(identifier)
    page.get_by_label("Рік народження").fill(year)
    page.get_by_text(title).click()
    page.get_by_role("button", name="Внести бюлетень").click()


def test_paper_double_entry_commission_and_receipt_line(
    page: Page,
    live_server: object,
    personas: Personas,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    base = str(live_server)
    process = voting_process(personas)
    Verification.objects.filter(user=personas.resident).update(
        identifier_hash=hash_identifier(RESIDENT_RNOKPP)
    )
    actions_paper.create_service_point(
        personas.admin, personas.community, name="ЦНАП Вишневе", kind="cnap"
    )
    second = staff(personas.community, StaffRole.Role.OPERATOR, email="druhyi@example.org")
    commission = staff(personas.community, StaffRole.Role.COMMISSION, email="lich@example.org")

    # A resident votes online for the roof and the crossing and keeps the receipt.
    log_in(page, base, personas.resident.email)
    page.goto(f"{base}/pb/{process.slug}/vote/")
    large = page.locator("fieldset").nth(1)
    large.get_by_text("Ремонт даху бібліотеки").click()
    large.get_by_text("Безпечний перехід").click()
    page.get_by_role("button", name="Проголосувати").click()
    code = page.get_by_test_id("receipt").inner_text()
    log_out(page)

    # The first operator: a newcomer's paper ballot, then the online voter's (refused).
    log_in(page, base, personas.operator.email)
    key_in(page, base, process, NEWCOMER_RNOKPP, "1975", "Лавки біля озера")
    expect(page.get_by_text("Перше введення збережено")).to_be_visible()
    key_in(page, base, process, RESIDENT_RNOKPP, "1988", "Лавки біля озера")
    expect(page.get_by_text("Ця особа вже проголосувала в цьому процесі")).to_be_visible()
    shot(page, "count-paper-refused")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    log_out(page)

    # The second operator reads the newcomer's ballot differently: it goes to the commission.
    log_in(page, base, second.email)
    key_in(page, base, process, NEWCOMER_RNOKPP, "1975", "Ліхтарі на Садовій")
    expect(page.get_by_text("передано лічильній комісії на звіряння")).to_be_visible()
    shot(page, "count-paper-mismatch")
    log_out(page)
    assert Participation.objects.filter(process=process).count() == 10
    assert PaperEntry.objects.count() == 2

    # Counting: the commission reconciles the paper ballot, then approves the results.
    move_to(process, "counting")
    log_in(page, base, commission.email)
    page.goto(f"{base}/pb/{process.slug}/results/")
    expect(page.get_by_text("Попередні результати")).to_be_visible()
    page.get_by_role("link", name="Затвердити результати").click()
    page.get_by_role("link", name="Звіряння паперових бюлетенів").click()
    version = page.locator(".version").filter(has_text="Версія 1")
    expect(version).to_contain_text("Лавки біля озера")
    version.get_by_label("Чому обрано цю версію").fill("Звірено з папером: позначка біля №4")
    shot(page, "count-reconcile")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    version.get_by_role("button", name="Зарахувати версію 1").click()
    expect(page.get_by_text("Бюлетень зараховано за обраною версією")).to_be_visible()
    expect(page.get_by_text("Розбіжностей немає")).to_be_visible()
    page.get_by_role("link", name="Затвердження результатів").click()
    page.get_by_label("Номер рішення").fill("12/2026")
    page.get_by_label("Дата рішення").fill(timezone.localdate().isoformat())
    shot(page, "count-approve")
    # The approval goes to the database queue: the page says it is being computed...
    settings.TASKS = DATABASE_TASKS
    page.get_by_role("button", name="Затвердити результати").click()
    expect(page.get_by_text("Обчислюється…")).to_be_visible()
    shot(page, "count-approve-pending")
    # ...until a worker has done it; the page reloads itself and says so.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command(
        "db_worker", batch=True, startup_delay=False, reload=False, verbosity=0, stdout=StringIO()
    )
    expect(page.get_by_text("Результати затверджено рішенням № 12/2026")).to_be_visible(
        timeout=20_000
    )
    page.get_by_role("link", name="Результати").click()

    expect(page.get_by_text("затверджено рішенням лічильної комісії № 12/2026")).to_be_visible()
    expect(page.get_by_text("Правило: метод рівних часток.")).to_be_visible()
    expect(page.get_by_text("Обрано в раунді 1").first).to_be_visible()
    expect(page.get_by_text("А якби за більшістю голосів?")).to_be_visible()
    expect(
        page.get_by_text("Лише за правилом більшості перемогли б: №1 «Скейт-майданчик»")
    ).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "count-results-mes")
    large_sb = process.sub_budgets.all()[1]
    published = page.request.get(f"{base}/pb/{process.slug}/export/{large_sb.pk}.pb").body()
    expect(
        page.locator("code.hash", has_text=hashlib.sha256(published).hexdigest())
    ).to_be_visible()
    log_out(page)
    assert Participation.objects.filter(process=process).count() == 11
    assert not PaperEntry.objects.exists()

    # Once the results are out, the voter finds their ballot's line in the published file.
    move_to(process, "implementation")
    page.goto(f"{base}/pb/{process.slug}/receipt/")
    page.get_by_label("Код-квитанція").fill(code)
    page.get_by_role("button", name="Перевірити").click()
    check = page.get_by_test_id("receipt-check")
    expect(check).to_contain_text("враховано в результатах")
    line = page.get_by_test_id("published-line").last.inner_text()
    large_file = page.request.get(f"{base}/pb/{process.slug}/export/{large_sb.pk}.pb").text()
    assert line in large_file.splitlines()
    shot(page, "count-receipt-line")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
