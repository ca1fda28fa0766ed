"""Supporters, review and appeal walked in a real browser on a 360 px phone: residents support
a project (some online, some keyed in from a paper list, one duplicate refused); a reviewer
rejects it with a ground; the author appeals; the commission admits it; it is on the ballot."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from hromada.budgeting import actions_support
from hromada.budgeting.models import Project
from hromada.communities.models import StaffRole
from hromada.core.identifiers import rnokpp_with_check_digit
from tests.budgeting.conftest import move_with_support, submit, support_process
from tests.conftest import Personas
from tests.e2e.conftest import shot
from tests.e2e.test_participatory_budget import log_in, log_out
from tests.factories import staff, verified_resident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_support_review_appeal_to_the_ballot(
    page: Page, live_server: object, personas: Personas
) -> None:
    base = str(live_server)
    process = support_process(personas.community, "submission", required=4)
    project = submit(process, personas.resident, title="Лавки біля озера")
    url = f"{base}{project.get_absolute_url()}"

    for n in range(2):  # two neighbours support it online, with one click each
        neighbour = verified_resident(personas.community, email=f"neighbour{n}@example.org")
        log_in(page, base, neighbour.email)
        page.goto(url)
        page.get_by_role("button", name="Підтримати проєкт").click()
        expect(page.get_by_text("Ваш голос підтримки враховано")).to_be_visible()
        expect(page.get_by_test_id("supporters")).to_have_text(str(n + 1))
        if n == 0:
            shot(page, "support-online")
            _fits(page)
        log_out(page)

    log_in(page, base, personas.operator.email)
    page.goto(url)
    page.get_by_role("link", name="Ввести паперовий список").click()
    first, second = rnokpp_with_check_digit("301112223"), rnokpp_with_check_digit("301112224")
    for identifier in (first, second, first):
        page.get_by_label("РНОКПП або номер документа").fill(identifier)
        page.get_by_label("Рік народження").fill("1975")
        page.get_by_role("button", name="Врахувати підпис").click()
    expect(page.get_by_text("вдруге не враховано").first).to_be_visible()
    shot(page, "support-paper-duplicate")
    _fits(page)
    assert project.supports.count() == 4
    log_out(page)

    move_with_support(process, "review")
    assert actions_support.close_due_support_collections() == 0  # it has its four supporters

    StaffRole.objects.filter(user=personas.reviewer).update(department="Управління благоустрою")
    log_in(page, base, personas.reviewer.email)
    page.goto(url)
    page.get_by_label("Відхилити").check()
    page.get_by_label("Підстава відхилення").select_option("land")
    page.get_by_label("Коментар або причина").fill("Берег озера — землі водного фонду.")
    shot(page, "review-reject")
    page.get_by_role("button", name="Зберегти рішення").click()
    expect(page.get_by_text("Рішення збережено")).to_be_visible()
    log_out(page)

    log_in(page, base, personas.resident.email)
    page.goto(url)
    page.get_by_label("Чому рішення слід переглянути").fill(
        "Лавки стоятимуть на міському тротуарі вздовж берега, не на землях водного фонду."
    )
    shot(page, "appeal-form")
    page.get_by_role("button", name="Подати апеляцію").click()
    expect(page.get_by_text("Апеляцію подано")).to_be_visible()
    page.goto(f"{base}/pb/my/participation/")
    expect(page.get_by_text("Апеляція на розгляді комісії.")).to_be_visible()
    shot(page, "my-participation")
    _fits(page)
    log_out(page)

    commission = staff(personas.community, StaffRole.Role.APPEALS, email="appeals@example.org")
    log_in(page, base, commission.email)
    page.goto(f"{base}/pb/{process.slug}/appeals/")
    page.get_by_label("Задовольнити: допустити проєкт до голосування").check()
    page.get_by_label("Обґрунтування").fill("Тротуар — комунальна власність громади.")
    shot(page, "appeal-queue")
    page.get_by_role("button", name="Ухвалити рішення").click()
    expect(page.get_by_text("Рішення комісії збережено")).to_be_visible()
    expect(page.get_by_text("задоволено: проєкт допущено")).to_be_visible()
    shot(page, "appeal-decided")
    _fits(page)
    log_out(page)
    assert Project.objects.get(pk=project.pk).status == Project.Status.ADMITTED

    move_with_support(process, "voting")
    voter = verified_resident(personas.community, email="voter@example.org")
    log_in(page, base, voter.email)
    page.goto(f"{base}/pb/{process.slug}/vote/")
    expect(page.get_by_text("Лавки біля озера")).to_be_visible()
