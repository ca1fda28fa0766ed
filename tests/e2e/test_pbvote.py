"""Voting online and on paper in a real browser on a 360 px phone: a resident votes and keeps
the receipt; an operator keys in paper ballots, one from the person who already voted online
(refused); the voter checks the receipt."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from hromada.accounts.models import Verification
from hromada.budgeting import actions, actions_paper
from hromada.budgeting.models import Ballot, Participation, Process
from hromada.budgeting.receipts import published_voter_id
from hromada.core.identifiers import hash_identifier, rnokpp_with_check_digit
from tests.budgeting.conftest import move_to, submit
from tests.conftest import Personas
from tests.e2e.conftest import shot
from tests.e2e.test_participatory_budget import log_in, log_out
from tests.factories import make_process

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RESIDENT_RNOKPP = rnokpp_with_check_digit("301234567")
NEWCOMER_RNOKPP = rnokpp_with_check_digit("302345678")


def _voting(personas: Personas) -> Process:
    process = make_process(personas.community, phase="submission", max_projects_per_author=5)
    made = []
    for title, index, cost in [
        ("Лавки біля озера", 0, 30_000_000),
        ("Ліхтарі на Садовій", 0, 20_000_000),
        ("Спортивний майданчик", 1, 90_000_000),
        ("Клумби біля школи", 0, 10_000_000),
        ("Сквер з фонтаном", 1, 150_000_000),
    ]:
        made.append(submit(process, personas.resident, index, cost, title=title))
    move_to(process, "review")  # reviewers decide once submission has closed
    for project in made:
        actions.review_project(personas.reviewer, project, decision="admit")
    move_to(process, "voting")
    return process


def test_online_then_paper_then_receipt(
    page: Page, live_server: object, personas: Personas
) -> None:
    base = str(live_server)
    process = _voting(personas)
    Verification.objects.filter(user=personas.resident).update(
        identifier_hash=hash_identifier(RESIDENT_RNOKPP)
    )
    actions_paper.create_service_point(
        personas.admin, personas.community, name="ЦНАП Вишневе", kind="cnap"
    )
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])

    # A resident votes online and keeps the receipt.
    log_in(page, base, personas.resident.email)
    page.goto(f"{base}/pb/{process.slug}/vote/")
    small, large = page.locator("fieldset").nth(0), page.locator("fieldset").nth(1)
    # Over the limit, the counter says by how much (it used to say only "too much").
    for title in ("Лавки біля озера", "Ліхтарі на Садовій", "Клумби біля школи"):
        small.get_by_text(title).click()
    expect(small.locator(".counter")).to_have_text("Забагато на 1: зніміть стільки позначок")
    for title in ("Спортивний майданчик", "Сквер з фонтаном"):
        large.get_by_text(title).click()
    expect(large.locator(".counter")).to_have_text(
        "Забагато на 400\u00a0000 грн: зніміть позначку з якогось проєкту"
    )
    shot(page, "pbvote-ballot-over")
    small.get_by_text("Ліхтарі на Садовій").click()
    small.get_by_text("Клумби біля школи").click()
    large.get_by_text("Сквер з фонтаном").click()
    page.get_by_role("button", name="Проголосувати").click()
    receipt = page.get_by_test_id("receipt")
    expect(receipt).to_have_text(re.compile(r"^[2-9A-Z]{5}-[2-9A-Z]{5}$"))
    code = receipt.inner_text()
    copy = page.get_by_role("button", name="Копіювати код")
    copy.click()
    expect(page.get_by_role("button", name="Скопійовано")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == code
    expect(page.get_by_role("button", name="Надрукувати")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Надіслати на мою пошту"))).to_be_visible()
    shot(page, "pbvote-receipt")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert Ballot.objects.filter(public_id=published_voter_id(code)).exists()
    log_out(page)

    # An operator keys in two paper ballots: a new person's, then the online voter's (refused).
    log_in(page, base, personas.operator.email)
    page.goto(f"{base}/pb/{process.slug}/paper/")
    page.get_by_label("Пункт прийому").select_option(label="ЦНАП Вишневе")
    page.get_by_label(re.compile("РНОКПП або номер паспорта")).fill(NEWCOMER_RNOKPP)
    page.get_by_label("Рік народження").fill("1975")
    page.get_by_text("Ліхтарі на Садовій").click()
    shot(page, "pbvote-paper-form")
    page.get_by_role("button", name="Внести бюлетень").click()
    expect(page.get_by_text(re.compile("Бюлетень прийнято. Код-квитанція"))).to_be_visible()
    # The point stays chosen for the next ballot.
    expect(page.get_by_label("Пункт прийому")).to_have_value(
        str(actions_paper.ServicePoint.objects.get().pk)
    )
    page.get_by_label(re.compile("РНОКПП або номер паспорта")).fill(
        f"{RESIDENT_RNOKPP[:5]} {RESIDENT_RNOKPP[5:]}"
    )
    page.get_by_label("Рік народження").fill("1988")
    page.get_by_text("Лавки біля озера").click()
    page.get_by_role("button", name="Внести бюлетень").click()
    expect(page.get_by_text("Ця особа вже проголосувала в цьому процесі")).to_be_visible()
    shot(page, "pbvote-paper-refused")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert Participation.objects.filter(process=process).count() == 2
    log_out(page)

    # The voter checks the receipt (no account needed): their choices are shown.
    page.goto(f"{base}/pb/{process.slug}/receipt/")
    page.get_by_label("Код-квитанція").fill(code.lower())
    page.get_by_role("button", name="Перевірити").click()
    check = page.get_by_test_id("receipt-check")
    expect(check).to_contain_text("Лавки біля озера")
    expect(check).to_contain_text("Спортивний майданчик")
    expect(check).not_to_contain_text("Ліхтарі")
    expect(check).to_contain_text("буде враховано")
    shot(page, "pbvote-receipt-check")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
