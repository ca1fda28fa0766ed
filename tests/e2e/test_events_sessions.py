"""Choosing sessions on a 360 px phone: the form lists each workshop with its free seats, a full
one is refused by name, the registrant picks another and sees it on their private page; the
organiser reorders the form's questions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from hromada.events import actions
from hromada.events.models import Question
from tests.conftest import Personas
from tests.e2e.conftest import shot
from tests.e2e.test_events import _as_staff, _fits, _link
from tests.events.conftest import make_event
from tests.events.test_session_choice import choose

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_picks_a_workshop_with_seats(
    page: Page, browser: Browser, live_server: object, personas: Personas, settings: object
) -> None:
    base = str(live_server)
    settings.SITE_URL = base  # type: ignore[attr-defined]
    event = make_event(personas, capacity=30, choose_sessions=True, title="Форум громади")
    full = actions.add_session(
        personas.admin, event, title="Майстерня бюджету", room="Зала 2",
        starts_at=event.starts_at, ends_at=event.starts_at + timedelta(hours=2), capacity=1,
    )  # fmt: skip
    actions.add_session(
        personas.admin, event, title="Стратегічна сесія", room="Зала 1",
        starts_at=event.starts_at + timedelta(hours=3), ends_at=event.ends_at, capacity=20,
    )  # fmt: skip
    for label in ("Організація", "Посада"):
        actions.add_question(
            personas.admin, event, actions.QuestionData(label, Question.Kind.ORGANISATION)
        )
    choose(event, "Перша", [full.pk])

    page.goto(f"{base}/events/{event.slug}/register/")
    page.get_by_label("Ім'я та прізвище").fill("Марія Шевчук")
    page.get_by_label("Електронна пошта").fill("maria@example.org")
    page.get_by_label("Я згоден(на) на обробку персональних даних").check()
    page.get_by_label("Майстерня бюджету", exact=False).check()
    expect(page.get_by_text("місць немає")).to_be_visible()
    shot(page, "events-register-sessions")
    _fits(page)
    page.get_by_role("button", name="Зареєструватися").click()
    expect(
        page.get_by_text("На сесію «Майстерня бюджету» вільних місць уже немає").first
    ).to_be_visible()
    shot(page, "events-register-sessions-refused")
    page.get_by_label("Майстерня бюджету", exact=False).uncheck()
    page.get_by_label("Стратегічна сесія", exact=False).check()
    page.get_by_label("Я згоден(на) на обробку персональних даних").check()
    page.get_by_role("button", name="Зареєструватися").click()
    expect(page.get_by_text("Ми надіслали лист на maria@example.org")).to_be_visible()
    page.goto(_link("/confirm/", "maria@example.org"))
    page.get_by_role("button", name="Підтвердити").click()
    expect(page.locator("#status")).to_have_text("підтверджено")
    expect(page.locator(".chosen-sessions")).to_contain_text("Стратегічна сесія")
    expect(page.locator(".chosen-sessions")).not_to_contain_text("Майстерня")
    shot(page, "events-registration-sessions")
    _fits(page)

    organiser = _as_staff(browser, base, personas.admin)
    organiser.goto(f"{base}/events/{event.slug}/manage/")
    organiser.get_by_role("button", name="Вище: Посада").click()
    expect(organiser.locator("ol.questions li").first).to_contain_text("Посада")
    shot(organiser, "events-questions-reordered")
    _fits(organiser)
    organiser.context.close()
