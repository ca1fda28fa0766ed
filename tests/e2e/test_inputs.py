"""Uploads and refusals in a real browser on a 360 px phone: the register's confirmation step,
a practice's cleaned photo in its widths, and the page for a too-large request."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from hromada.accounts.models import RegisterEntry
from hromada.practices import actions
from hromada.practices.actions import PracticeData
from tests.conftest import Personas
from tests.core.test_uploads import picture
from tests.e2e.conftest import shot
from tests.e2e.test_participatory_budget import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_sees_what_a_register_file_changes_before_it_does(
    page: Page, live_server: object, personas: Personas, tmp_path: Path
) -> None:
    base = str(live_server)
    log_in(page, base, personas.admin.email)
    page.goto(f"{base}/me/staff/{personas.community.slug}/register/")
    bad = tmp_path / "bad.csv"
    bad.write_text('identifier,birth_year\n3012345670,1990\n"123456789,²\n', encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_role("button", name="Завантажити й переглянути зміни").click()
    expect(page.get_by_text("лапки відкрито, але не закрито")).to_be_visible()
    good = tmp_path / "good.csv"
    good.write_text("identifier;birth_year\n3012345670;1990\nКН123456;\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(good))
    page.get_by_role("button", name="Завантажити й переглянути зміни").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Підтвердьте зміни реєстру")
    expect(page.locator("#register-changes")).to_contain_text("Додано")
    shot(page, "register-confirm")
    assert not RegisterEntry.objects.exists()
    page.get_by_role("button", name="Замінити реєстр").click()
    expect(page.get_by_text("Реєстр оновлено: 2 записи.")).to_be_visible()
    assert RegisterEntry.objects.count() == 2


def test_a_photo_is_offered_in_widths_and_a_huge_request_is_refused(
    page: Page, live_server: object, personas: Personas, tmp_path: Path, settings: Any
) -> None:
    base = str(live_server)
    entry = actions.propose_practice(
        personas.resident,
        PracticeData(title="Толока в парку", summary="Зібрали 80 жителів.", themes=["recovery"]),
        submit=False,
    )
    photo = tmp_path / "IMG_0001.jpg"
    photo.write_bytes(picture("JPEG", (1600, 1000)))
    log_in(page, base, personas.resident.email)
    page.goto(f"{base}{entry.get_absolute_url()}")
    page.locator("input[type=file]").set_input_files(str(photo))
    page.get_by_role("button", name="Додати файл").click()
    expect(page.get_by_text("Файл додано.")).to_be_visible()
    image = page.locator(".attachments img")
    expect(image).to_have_attribute("srcset", re.compile("/360/ 360w"))
    image.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.attachments img').naturalWidth > 0")
    # A 360 px phone is given the 360 px copy, not the 1600 px photo.
    assert page.evaluate("document.querySelector('.attachments img').naturalWidth") == 360
    shot(page, "practice-photo")
    settings.MAX_REQUEST_BYTES = 1000
    page.locator("input[type=file]").set_input_files(str(photo))
    page.get_by_role("button", name="Додати файл").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Запит завеликий")
    shot(page, "request-too-large")
