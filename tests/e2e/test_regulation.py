"""The regulation in a real browser at 360 px: issue #10's whole walk from a city template to
the ballot, and the public regulation pages in Ukrainian and English (screenshots/regulation-*
.png, to be looked at)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from hromada.accounts.models import User, Verification
from hromada.budgeting import actions, actions_support, regulation_templates
from hromada.budgeting.models import Process, Project
from hromada.communities.models import StaffRole
from hromada.core.identifiers import hash_identifier, rnokpp_with_check_digit
from tests.budgeting.conftest import move_with_support
from tests.conftest import Personas
from tests.e2e.conftest import shot
from tests.e2e.test_participatory_budget import log_in, log_out
from tests.factories import SettlementFactory, UserFactory, staff, verified_resident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_the_whole_regulation_walk(page: Page, live_server: object, personas: Personas) -> None:
    """Issue #10's walk: a city process from its template (40/60, 15 supporters); a resident
    submits; 15 residents support it (online, and keyed in from a paper list with a duplicate
    refused); a reviewer rejects it; the author appeals; the commission admits it; it is on
    the ballot."""
    base = str(live_server)
    process = _admin_creates_a_city_process(page, base, personas)
    _regulation_page_in_both_languages(page, base, process)
    move_with_support(process, "submission")
    project = _resident_submits(page, base, personas, process)
    _fifteen_supporters(page, base, personas, project)
    move_with_support(process, "review")
    assert actions_support.close_due_support_collections() == 0  # it has its fifteen
    _reject_appeal_admit(page, base, personas, project)
    move_with_support(process, "voting")
    voter = verified_resident(personas.community, email="voter@example.org")
    log_in(page, base, voter.email)
    page.goto(f"{base}/pb/{process.slug}/vote/")
    expect(page.get_by_text("Лавки біля озера")).to_be_visible()
    _fits(page)


def _admin_creates_a_city_process(page: Page, base: str, personas: Personas) -> Process:
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
    dates = regulation_templates.schedule()
    page.fill("[name=supporters_required]", "15")
    page.fill("[name=support_start]", _local(dates["submission_start"]))
    page.fill("[name=support_end]", _local(dates["submission_end"] + timedelta(days=10)))
    # A first try with a split of 40/50: the form says what the sub-budgets add up to.
    page.fill("[name=sb-1-share]", "50")
    page.get_by_role("button", name="Створити процес").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("90 % загального бюджету")
    _fits(page)
    shot(page, "regulation-form-split-error")
    page.fill("[name=sb-1-share]", "60")
    page.get_by_role("button", name="Створити процес").click()
    expect(page.get_by_text("Процес створено.")).to_be_visible()
    log_out(page)
    process = Process.objects.get(slug="misto-2027")
    small, large = process.sub_budgets.all()
    assert (small.share, large.share) == (4000, 6000)
    assert (small.amount, large.amount) == (400_000_000, 600_000_000)
    assert process.supporters_required == 15
    return process


def _regulation_page_in_both_languages(page: Page, base: str, process: Process) -> None:
    page.goto(f"{base}{process.get_absolute_url()}")
    page.get_by_role("link", name="Положення").click()
    expect(page.get_by_role("heading", name="Положення про бюджет участі")).to_be_visible()
    expect(page.locator("#money")).to_contain_text("40 % бюджету")
    expect(page.locator("#money")).to_contain_text("понад 300\u00a0000\u00a0грн")
    expect(page.get_by_text("щонайменше 15 жителів громади")).to_be_visible()
    _fits(page)
    shot(page, "regulation-uk")
    _language(page, base, "en")
    page.reload()
    expect(
        page.get_by_role("heading", name="Regulation of the participatory budget")
    ).to_be_visible()
    expect(page.locator("#participants")).to_contain_text("from the year in which one turns 16")
    _fits(page)
    shot(page, "regulation-en")
    _language(page, base, "uk")


def _language(page: Page, base: str, language: str) -> None:
    host = base.split("//", 1)[1].split(":")[0]
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "domain": host, "path": "/"}]
    )


def _resident_submits(page: Page, base: str, personas: Personas, process: Process) -> Project:
    log_in(page, base, personas.resident.email)
    page.goto(f"{base}{process.get_absolute_url()}")
    page.get_by_role("link", name="Подати проєкт").click()
    page.get_by_label("Підбюджет").select_option(label="Малі проєкти")
    page.get_by_label("Назва проєкту").fill("Лавки біля озера")
    page.get_by_label("Опис").fill(
        "Поставити дванадцять лавок і шість урн уздовж берега озера, на міському тротуарі."
    )
    page.get_by_label("Вартість, грн").fill("120 000")
    page.get_by_label("З неї резерв на непередбачені витрати, грн").fill("20 000")
    page.get_by_label("Місце реалізації").fill("Берег озера, вул. Озерна")
    page.get_by_role("button", name="Подати проєкт").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Лавки біля озера")
    expect(page.get_by_test_id("reserve")).to_contain_text("щонайменше 20\u00a0000\u00a0грн, 20 %")
    _fits(page)
    shot(page, "regulation-project-submitted")
    log_out(page)
    project = Project.objects.get(process=process)
    assert (project.cost, project.reserve) == (12_000_000, 2_000_000)
    return project


def _resident_with(identifier: str, email: str, personas: Personas) -> User:
    user = UserFactory.create(community=personas.community, email=email)
    Verification.objects.create(
        user=user,
        community=personas.community,
        method=Verification.Method.OPERATOR,
        identifier_hash=hash_identifier(identifier),
    )
    return user


def _fifteen_supporters(page: Page, base: str, personas: Personas, project: Project) -> None:
    """Eleven support it by the action, one in the browser, three from a paper list (where an
    online supporter's number is refused as a duplicate)."""
    ids = [rnokpp_with_check_digit(f"30111{n:04d}") for n in range(16)]
    online = [_resident_with(ids[n], f"neighbour{n}@example.org", personas) for n in range(12)]
    for neighbour in online[:11]:
        actions_support.support_project(neighbour, project)
    url = f"{base}{project.get_absolute_url()}"
    log_in(page, base, online[11].email)
    page.goto(url)
    page.get_by_role("button", name="Підтримати проєкт").click()
    expect(page.get_by_text("Ваш голос підтримки враховано")).to_be_visible()
    expect(page.get_by_test_id("supporters")).to_have_text("12")
    _fits(page)
    shot(page, "support-online")
    log_out(page)

    log_in(page, base, personas.operator.email)
    page.goto(url)
    page.get_by_role("link", name="Ввести паперовий список").click()
    for identifier in (ids[12], ids[0], ids[13], ids[14]):  # ids[0] already supported online
        page.get_by_label("РНОКПП або номер документа").fill(identifier)
        page.get_by_label("Рік народження").fill("1975")
        page.get_by_role("button", name="Врахувати підпис").click()
        if identifier == ids[0]:
            expect(page.get_by_text("вдруге не враховано").first).to_be_visible()
            shot(page, "support-paper-duplicate")
            _fits(page)
    log_out(page)
    assert project.supports.count() == 15
    assert project.supports.filter(channel="paper").count() == 3


def _reject_appeal_admit(page: Page, base: str, personas: Personas, project: Project) -> None:
    url = f"{base}{project.get_absolute_url()}"
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
    page.get_by_role("button", name="Подати апеляцію").click()
    expect(page.get_by_text("Апеляцію подано")).to_be_visible()
    page.goto(f"{base}/pb/my/participation/")
    expect(page.get_by_text("Апеляція на розгляді комісії.")).to_be_visible()
    shot(page, "my-participation")
    _fits(page)
    log_out(page)

    commission = staff(personas.community, StaffRole.Role.APPEALS, email="appeals@example.org")
    log_in(page, base, commission.email)
    page.goto(f"{base}/pb/{project.process.slug}/appeals/")
    page.get_by_label("Задовольнити: допустити проєкт до голосування").check()
    page.get_by_label("Обґрунтування").fill("Тротуар — комунальна власність громади.")
    shot(page, "appeal-queue")
    page.get_by_role("button", name="Ухвалити рішення").click()
    expect(page.get_by_text("Рішення комісії збережено")).to_be_visible()
    expect(page.get_by_text("задоволено: проєкт допущено")).to_be_visible()
    _fits(page)
    shot(page, "appeal-decided")
    log_out(page)
    assert Project.objects.get(pk=project.pk).status == Project.Status.ADMITTED


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
