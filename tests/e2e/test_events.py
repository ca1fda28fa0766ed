"""An event on a 360 px phone, end to end: a visitor registers for a full event and joins the
waiting list; a registrant cancels; the first in line gets the offer by email and accepts; a
staff member checks them in by code (twice: the second scan says when); a certificate is
issued and verified on the public page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from hromada.events.models import Registration
from tests.conftest import Personas
from tests.e2e.conftest import shot
from tests.events.conftest import at_phase, make_event, sign_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def _link(pattern: str, to: str) -> str:
    body = next(str(m.body) for m in reversed(mail.outbox) if m.to == [to] and pattern in m.body)
    found = re.search(r"https?://\S+" + re.escape(pattern) + r"\S*", body)
    assert found, body
    return found.group(0)


def _as_staff(browser: Browser, base: str, user: Any) -> Page:
    client = Client()
    client.force_login(user)
    host = base.split("//", 1)[1].split(":")[0]
    context = browser.new_context(viewport={"width": 360, "height": 780})
    context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "domain": host, "path": "/",
    }])  # fmt: skip
    return context.new_page()


def test_waitlist_offer_check_in_and_certificate(
    page: Page, browser: Browser, live_server: object, personas: Personas, settings: object
) -> None:
    base = str(live_server)
    settings.SITE_URL = base  # type: ignore[attr-defined]
    event = make_event(personas, capacity=1, title="Семінар «Бюджет участі крок за кроком»")
    first = sign_up(event, "Олена Коваль")

    # A visitor finds the full event and joins the waiting list.
    page.goto(base + event.get_absolute_url())
    expect(page.get_by_text("Місць немає — можна стати в список очікування.")).to_be_visible()
    shot(page, "events-detail-full")
    _fits(page)
    page.get_by_role("link", name="У список очікування").click()
    page.get_by_label("Ім'я та прізвище").fill("Андрій Мельник")
    page.get_by_label("Електронна пошта").fill("andrii@example.org")
    page.get_by_label("Я згоден(на) на обробку персональних даних").check()
    shot(page, "events-register")
    _fits(page)
    page.get_by_role("button", name="Стати в список очікування").click()
    expect(page.get_by_text("Ми надіслали лист на andrii@example.org")).to_be_visible()
    page.goto(_link("/confirm/", "andrii@example.org"))
    page.get_by_role("button", name="Підтвердити").click()
    expect(page.locator("#status")).to_have_text("у списку очікування")
    expect(page.get_by_text("Ваше місце в черзі: 1")).to_be_visible()
    expect(page.get_by_text("secret-room-42")).to_have_count(0)
    shot(page, "events-waitlisted")
    _fits(page)

    # The registrant cancels from their own page, in their own browser.
    other = browser.new_context(viewport={"width": 360, "height": 780}).new_page()
    other.goto(base + first.get_absolute_url())
    other.get_by_role("button", name="Скасувати реєстрацію").click()
    expect(other.locator("#status")).to_have_text("скасовано")
    shot(other, "events-cancelled")
    other.context.close()

    # The first in line is offered the seat by email and accepts it.
    offer = next(
        str(m.body)
        for m in mail.outbox
        if m.to == ["andrii@example.org"] and "звільнилося" in m.subject
    )
    offered_link = re.search(r"https?://\S+/events/r/\S+", offer)
    assert offered_link and "secret-room" not in offer
    page.goto(offered_link.group(0))
    expect(page.locator("#status")).to_have_text("запропоновано місце")
    shot(page, "events-offered")
    page.get_by_role("button", name="Прийняти місце").click()
    expect(page.locator("#status")).to_have_text("підтверджено")
    expect(page.get_by_text("https://meet.example.org/secret-room-42")).to_be_visible()
    code = page.locator(".code").first.inner_text()
    shot(page, "events-confirmed")
    _fits(page)

    # At the door: a staff member types the code; a second scan says when the first was.
    at_phase(event, "running")
    staff = _as_staff(browser, base, personas.operator)
    staff.goto(f"{base}/events/{event.slug}/check-in/")
    staff.get_by_label("Код з QR або з листа").fill(code.lower())
    staff.get_by_role("button", name="Відмітити").click()
    expect(staff.get_by_text("Андрій Мельник — ласкаво просимо!")).to_be_visible()
    expect(staff.locator("#live-count")).to_have_text("На вході: 1 з 1")
    shot(staff, "events-check-in")
    _fits(staff)
    staff.get_by_label("Код з QR або з листа").fill(code)
    staff.get_by_role("button", name="Відмітити").click()
    expect(
        staff.get_by_text(re.compile(r"вже зареєстрований\(а\) на вході о \d\d:\d\d"))
    ).to_be_visible()
    shot(staff, "events-check-in-again")
    staff.context.close()

    # After the event the organiser issues certificates; the holder's is verified publicly.
    at_phase(event, "past")
    organiser = _as_staff(browser, base, personas.admin)
    organiser.goto(f"{base}/events/{event.slug}/participants/")
    organiser.get_by_role("button", name="Видати сертифікати присутнім").click()
    expect(organiser.get_by_text("Видано сертифікатів: 1.")).to_be_visible()
    shot(organiser, "events-participants")
    _fits(organiser)
    organiser.context.close()
    page.reload()
    page.get_by_role("link", name="Сертифікат").click()
    expect(page.get_by_text("Сертифікат справжній")).to_be_visible()
    expect(page.get_by_text("Андрій Мельник")).to_be_visible()
    shot(page, "certificate-verify")
    _fits(page)
    registration = Registration.objects.get(email="andrii@example.org")
    assert registration.attendees.get().certificate is not None
