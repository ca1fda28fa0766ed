"""A service case on a 360 px phone: the community's admin requests a service, the board
accepts it and assigns an expert, the expert writes the plan and requests a document, the
community uploads it and the expert checks it off."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest
from playwright.sync_api import FilePayload, Page, expect

from hromada.network import actions_services as services
from tests.e2e.conftest import shot
from tests.e2e.test_participatory_budget import log_in, log_out
from tests.network.conftest import PDF, World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OWN_SHOTS = Path(tempfile.gettempdir()) / "shots-services"


@pytest.fixture
def world(transactional_db: None) -> World:
    return build_world()


class Logins:
    """A TOTP code is accepted once: a person logging in again waits for the next window."""

    def __init__(self, page: Page, base: str) -> None:
        self.page, self.base, self.windows = page, base, {}  # type: ignore[var-annotated]

    def log_in(self, email: str) -> None:
        while self.windows.get(email) == int(time.time()) // 30:
            time.sleep(1)
        self.windows[email] = int(time.time()) // 30
        log_in(self.page, self.base, email)


def look(page: Page, name: str) -> None:
    """A full-page screenshot at 360 px, and nothing wider than the phone."""
    shot(page, f"services-{name}")
    OWN_SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(OWN_SHOTS / f"{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_request_assign_request_document_upload_check(
    page: Page, live_server: object, world: World
) -> None:
    base = str(live_server)
    people = Logins(page, base)
    services.save_service(
        world.team,
        world.network,
        services.ServiceData(
            "Повний супровід бюджету участі", "Експерт мережі поруч із громадою весь рік."
        ),
    )

    # The community's admin asks for the service.
    people.log_in(world.applicant.email)
    page.goto(f"{base}/network/{world.network.slug}/")
    page.get_by_role("link", name="Послуги мережі").click()
    look(page, "catalogue")
    page.get_by_role("link", name="Замовити").click()
    page.get_by_label("Що потрібно громаді").fill("Уперше запускаємо бюджет участі.")
    look(page, "request")
    page.get_by_role("button", name="Надіслати запит").click()
    expect(page.get_by_text("Запит надіслано.")).to_be_visible()
    expect(page.get_by_test_id("case-status")).to_have_text("запит надіслано")
    case_url = page.url
    log_out(page)

    # The board accepts and assigns the expert.
    people.log_in(world.board.email)
    page.goto(f"{base}/network/{world.network.slug}/cases/")
    page.get_by_role("link", name="Повний супровід бюджету участі").click()
    page.get_by_label("Прийняти й призначити експерта").check()
    page.locator("select[name=expert]").select_option(label=world.expert.email)
    look(page, "decide")
    page.get_by_role("button", name="Зберегти рішення").click()
    expect(page.get_by_text("Рішення збережено.")).to_be_visible()
    expect(page.get_by_test_id("case-status")).to_have_text("прийнято")
    log_out(page)

    # The expert writes the plan, starts, and asks for a document.
    people.log_in(world.expert.email)
    page.goto(case_url)
    page.get_by_label("План роботи").fill("1. Аналіз положення.\n2. Тренінг для групи.")
    page.get_by_role("button", name="Почати роботу за планом").click()
    expect(page.get_by_test_id("case-status")).to_have_text("триває")
    page.get_by_label("Який документ потрібен").fill("Чинне положення про бюджет участі")
    page.get_by_role("button", name="Запитати документ").last.click()
    expect(page.get_by_text("Громаді надіслано запит на документ.")).to_be_visible()
    look(page, "document-requested")
    log_out(page)

    # The community uploads it.
    people.log_in(world.applicant.email)
    page.goto(case_url)
    page.get_by_label("Файл для «Чинне положення про бюджет участі»").set_input_files(
        files=FilePayload(name="polozhennia.pdf", mimeType="application/pdf", buffer=PDF)
    )
    page.get_by_role("button", name="Завантажити").click()
    expect(page.get_by_text("Документ завантажено.")).to_be_visible()
    expect(page.locator("#documents")).to_contain_text("завантажено, чекає перевірки")
    look(page, "uploaded")
    log_out(page)

    # The expert checks it off.
    people.log_in(world.expert.email)
    page.goto(case_url)
    page.get_by_role(
        "button", name="Позначити «Чинне положення про бюджет участі» перевіреним"
    ).click()
    expect(page.get_by_text("Документ позначено як перевірений.")).to_be_visible()
    expect(page.locator("#documents")).to_contain_text("✓ перевірено")
    look(page, "checked")
