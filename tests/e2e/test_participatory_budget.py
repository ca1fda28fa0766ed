"""A participatory budget walked in a real browser on a 360 px phone."""

from __future__ import annotations

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import Page, expect

from hromada.budgeting import actions
from hromada.budgeting.models import Ballot, Process, Project
from tests.budgeting.conftest import move_to, submit
from tests.conftest import Personas
from tests.e2e.conftest import shot
from tests.factories import PASSWORD, TOTP_SECRET, make_process, verified_resident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, base: str, email: str, secret: str = TOTP_SECRET) -> None:
    """Log in; staff (TOTP on) then type the current code from their authenticator."""
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Електронна пошта").fill(email)
    page.get_by_label(re.compile(r"^Пароль:?$")).fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    if "/2fa/authenticate" in page.url:
        page.locator("input[name=code]").fill(totp_code(secret))
        page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_role("link", name="Мій профіль")).to_be_visible()


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Вийти").click()


def test_reviewer_admits_then_resident_votes_and_sees_results(
    page: Page, live_server: object, personas: Personas
) -> None:
    base = str(live_server)
    process = make_process(personas.community, phase="submission", max_projects_per_author=9)
    first = submit(process, personas.resident, 0, 30_000_000, title="Лавки біля озера")
    others = [
        submit(process, personas.resident, 0, cost, title=title)
        for title, cost in [("Велопарковка", 20_000_000), ("Ліхтарі", 35_000_000)]
    ]
    move_to(process, "review")  # reviewers decide once submission has closed
    for project in others:
        actions.review_project(personas.reviewer, project, decision="admit")

    log_in(page, base, personas.reviewer.email)
    page.goto(f"{base}{first.get_absolute_url()}")
    page.get_by_label("Допустити до голосування").check()
    shot(page, "review-project")
    page.get_by_role("button", name="Зберегти рішення").click()
    expect(page.get_by_text("Рішення збережено")).to_be_visible()
    expect(page.get_by_text("допущено до голосування").first).to_be_visible()
    log_out(page)

    move_to(process, "voting")
    log_in(page, base, personas.resident.email)
    page.goto(f"{base}/pb/{process.slug}/")
    page.get_by_role("link", name="Голосувати").click()
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    counter = page.locator("fieldset").first.locator(".counter")
    expect(counter).to_have_text("Залишилось голосів: 2")
    page.get_by_text("Лавки біля озера").click()
    page.get_by_text("Ліхтарі").click()
    expect(counter).to_have_text("Залишилось голосів: 0")
    shot(page, "ballot")
    page.get_by_role("button", name="Проголосувати").click()
    receipt = page.get_by_test_id("receipt")
    expect(receipt).to_have_text(re.compile(r"^[2-9A-Z]{5}-[2-9A-Z]{5}$"))
    shot(page, "receipt")
    assert Ballot.objects.get(process=process).receipt == receipt.inner_text()

    Process.objects.filter(pk=process.pk).update(tie_breaking="min_cost")
    move_to(process, "implementation")
    page.goto(f"{base}/pb/{process.slug}/results/")
    rows = page.locator("tr.winner")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Лавки біля озера")
    shot(page, "results")
    # The page fits a phone: nothing wider than the viewport.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_ineligible_person_is_refused_with_a_clear_message(
    page: Page, live_server: object, personas: Personas
) -> None:
    base = str(live_server)
    process = make_process(personas.community, phase="submission")
    project = submit(process, personas.resident)
    move_to(process, "review")
    actions.review_project(personas.reviewer, project, decision="admit")
    move_to(process, "voting")
    young = verified_resident(personas.community, birth_year=process.voting_start.year - 12)

    log_in(page, base, personas.newcomer.email)
    page.goto(f"{base}/pb/{process.slug}/vote/")
    expect(page.get_by_role("alert")).to_contain_text("ще не підтвердили")
    shot(page, "vote-refused-unverified")
    log_out(page)

    log_in(page, base, young.email)
    page.goto(f"{base}/pb/{process.slug}/vote/")
    expect(page.get_by_role("alert")).to_contain_text("виповнюється 16")
    assert not Ballot.objects.exists()
    assert Project.objects.get(pk=project.pk).status == Project.Status.ADMITTED
