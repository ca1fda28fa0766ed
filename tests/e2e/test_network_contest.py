"""A contest on a 360 px phone: a community applies; two jurors score it while a third is
excluded by conflict; the board selects the top N and announces; the applicant sees its scores."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import FilePayload, Page, expect

from hromada.communities.models import StaffRole
from hromada.network import actions_contests as contests
from tests.e2e.conftest import shot
from tests.e2e.test_participatory_budget import log_in, log_out
from tests.factories import UserFactory, enable_totp
from tests.network.conftest import PDF, World, build_world, make_contest, move_to, submitted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db: None) -> World:
    return build_world()


def fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def score(page: Page, base: str, email: str, slug: str, values: tuple[str, str]) -> None:
    log_in(page, base, email)
    page.goto(f"{base}/network/contests/{slug}/jury/")
    page.get_by_role("button", name="Зберегти декларацію").click()
    page.get_by_role("link", name="Липова громада").click()
    page.get_by_label("Готовність (вага 2)").select_option(values[0])
    page.get_by_label("Команда (вага 1)").select_option(values[1])
    page.get_by_label("Загальний коментар для громади").fill(f"Коментар від {email}")
    page.get_by_role("button", name="Зберегти оцінку").click()
    expect(page.get_by_text("Оцінку збережено.")).to_be_visible()
    log_out(page)


def test_apply_score_select_and_see_scores(page: Page, live_server: object, world: World) -> None:
    base = str(live_server)
    contest = make_contest(world, phase="open", winners_count=1, slug="five")
    submitted(contest, world.other, world.other_admin)
    conflicted = enable_totp(UserFactory.create(email="juror3@example.org"))
    StaffRole.objects.create(user=conflicted, community=world.community, role="reviewer")
    for juror in (world.expert, world.team, conflicted):
        contests.appoint_juror(world.team, contest, juror)

    # The community's admin applies.
    log_in(page, base, world.applicant.email)
    first_window = int(time.time()) // 30
    page.goto(f"{base}{contest.get_absolute_url()}")
    page.get_by_role("link", name="Подати заявку").click()
    page.get_by_label("Чому громаді потрібен супровід?").fill("Маємо команду й рішення ради.")
    page.get_by_role("button", name="Зберегти чернетку").click()
    expect(page.get_by_text("Чернетку збережено.")).to_be_visible()
    page.get_by_label("Файл (PDF, DOCX, ODT, XLSX або зображення, до 10 МБ)").set_input_files(
        files=FilePayload(name="rishennia.pdf", mimeType="application/pdf", buffer=PDF)
    )
    page.get_by_role("button", name="Додати документ").click()
    expect(page.get_by_text("Документ додано.")).to_be_visible()
    page.get_by_role("button", name="Подати заявку").click()
    expect(page.get_by_test_id("application-status")).to_have_text("подано")
    shot(page, "network-application")
    fits(page)
    log_out(page)

    move_to(contest, "review")  # the call closes
    score(page, base, world.expert.email, contest.slug, ("9", "5"))
    score(page, base, world.team.email, contest.slug, ("7", "3"))

    # The third juror works for the applying community: its application is not in the queue.
    log_in(page, base, conflicted.email)
    page.goto(f"{base}/network/contests/{contest.slug}/jury/")
    page.get_by_role("button", name="Зберегти декларацію").click()
    expect(page.get_by_text("1 заявку вилучено з вашого списку")).to_be_visible()
    expect(page.get_by_role("link", name="Липова громада")).to_have_count(0)
    shot(page, "network-jury")
    fits(page)
    log_out(page)

    move_to(contest, "selection")  # the jury's time is over
    log_in(page, base, world.board.email)
    page.goto(f"{base}/network/contests/{contest.slug}/ranking/")
    expect(page.locator("tr.winner")).to_contain_text("Липова громада")
    shot(page, "network-ranking")
    page.get_by_label("Обґрунтування вибору (буде оприлюднено)").fill(
        "Найвища медіана й готова команда."
    )
    page.get_by_role("button", name="Зберегти вибір").click()
    expect(page.get_by_text("Вибір збережено.")).to_be_visible()
    page.get_by_role("button", name="Оголосити результати").click()
    expect(page.get_by_text("Результати оголошено.")).to_be_visible()
    expect(page.locator("#results")).to_contain_text("Липова громада")
    shot(page, "network-results")
    fits(page)
    log_out(page)

    while int(time.time()) // 30 == first_window:  # a TOTP code is accepted only once
        time.sleep(1)
    log_in(page, base, world.applicant.email)
    page.goto(f"{base}/network/contests/{contest.slug}/apply/{world.community.slug}/")
    expect(page.locator("#scores")).to_contain_text("Громаду обрано переможцем конкурсу.")
    expect(page.locator("#scores")).to_contain_text("Коментар від expert@example.org")
    expect(page.locator("#scores h3")).to_have_count(2)
    shot(page, "network-own-scores")
    fits(page)


def test_self_assessment_validation_and_chart(
    page: Page, live_server: object, world: World
) -> None:
    from hromada.network.maturity_starter import install_starter_framework
    from hromada.network.models_maturity import Indicator

    base = str(live_server)
    install_starter_framework(world.network)
    indicators = list(Indicator.objects.filter(network=world.network))
    log_in(page, base, world.applicant.email)
    page.goto(f"{base}/staff/")
    page.get_by_role("link", name="Оцінювання зрілості участі (Асоціація громад участі)").click()
    page.get_by_role("button", name="Почати нове оцінювання").click()
    for indicator in indicators:
        # Strong everywhere but gender policy, so that theme is recommended.
        level = 0 if indicator.theme == "gender" else indicator.max_level
        page.get_by_label(indicator.title).select_option(str(level))
    shot(page, "network-self-assessment")
    fits(page)
    page.get_by_role("button", name="Надіслати на перевірку").click()
    expect(page.get_by_text("Надіслано експертам мережі.")).to_be_visible()
    log_out(page)

    log_in(page, base, world.expert.email)
    page.goto(f"{base}/network/maturity/1/")
    first = indicators[0]
    page.get_by_label(f"{first.title} — громада: {first.max_level}").select_option("1")
    page.get_by_label("Коментар експерта").first.fill("Група є лише на папері.")
    page.get_by_label("Висновок і рекомендації").fill("Варто почати з гендерних даних.")
    page.get_by_role("button", name="Підтвердити оцінювання").click()
    expect(page.get_by_test_id("assessment-status")).to_have_text("перевірено")
    expect(page.locator("svg.maturity-chart")).to_be_visible()
    expect(page.locator("#recommendations")).to_contain_text("Практики інших громад на цю тему")
    shot(page, "network-maturity-result")
    fits(page)
