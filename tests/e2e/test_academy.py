"""The Academy on a 360 px phone, end to end: a learner enrols in a course, opens each lesson and
marks it done, fails the quiz once, passes it, gets the certificate and checks it on the public
verification page; then the same pages in English. Screenshots: screenshots/ or $ACADEMY_SHOTS."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from hromada.academy.models import Enrolment
from tests.academy.conftest import Academy, build_academy
from tests.e2e.conftest import SHOTS as E2E_SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Where screenshots go: the shared screenshots/ folder unless ACADEMY_SHOTS names another.
SHOTS = Path(os.environ.get("ACADEMY_SHOTS", str(E2E_SHOTS)))


@pytest.fixture
def academy(db: None) -> Academy:
    return build_academy()


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _signed_in(browser: Browser, base: str, user: object, language: str) -> Page:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    host = base.split("//", 1)[1].split(":")[0]
    context = browser.new_context(viewport={"width": 360, "height": 780})
    context.add_cookies([
        {"name": settings.SESSION_COOKIE_NAME, "domain": host, "path": "/",
         "value": client.cookies[settings.SESSION_COOKIE_NAME].value},
        {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "domain": host, "path": "/"},
    ])  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def _choose(page: Page, answers: dict[str, str]) -> None:
    for question, answer in answers.items():
        page.get_by_role("group", name=question).get_by_label(answer).check()


def test_learner_completes_a_course_and_verifies_the_certificate(
    browser: Browser, live_server: object, academy: Academy, settings: object
) -> None:
    base = str(live_server)
    settings.SITE_URL = base  # type: ignore[attr-defined]
    page = _signed_in(browser, base, academy.other, "uk")
    page.goto(base + "/academy/")
    _shot(page, "uk-courses")
    page.get_by_role("link", name="Бюджет участі від А до Я").click()
    page.get_by_role("button", name="Записатися на курс").click()
    expect(page.get_by_text("Ви записалися на курс.")).to_be_visible()
    expect(page.get_by_test_id("progress")).to_have_text("Пройдено уроків: 0 з 3")
    _shot(page, "uk-course")
    page.get_by_role("link", name="Урок 1").first.click()
    _shot(page, "uk-lesson")
    for number in (1, 2, 3):  # marking a lesson done leads on to the next one
        expect(page.get_by_role("heading", name=f"Урок {number}")).to_be_visible()
        page.get_by_role("button", name="Позначити пройденим").click()
        expect(page.get_by_text("Урок позначено пройденим.")).to_be_visible()
    expect(page.get_by_test_id("progress")).to_have_text("Пройдено уроків: 3 з 3")
    page.get_by_role("link", name="Підсумковий тест").click()
    _choose(page, {"1. Хто голосує?": "Виконком", "2. Коли?": "Навесні"})
    page.get_by_role("button", name="Надіслати відповіді").click()
    expect(page.get_by_text("Тест не складено: 0 %.")).to_be_visible()
    expect(page.get_by_text("Залишилося спроб: 2.")).to_be_visible()
    _choose(page, {"1. Хто голосує?": "Мешканці", "2. Коли?": "Щороку"})
    _shot(page, "uk-quiz")
    page.get_by_role("button", name="Надіслати відповіді").click()
    expect(page.get_by_text("Тест складено: 100 %.")).to_be_visible()
    page.get_by_role("link", name="До курсу").click()
    expect(page.get_by_text("Курс пройдено")).to_be_visible()
    certificate = Enrolment.objects.get(course=academy.course, user=academy.other).certificate
    assert certificate is not None
    page.get_by_test_id("certificate-link").click()
    expect(page.get_by_text("Сертифікат справжній")).to_be_visible()
    expect(page.get_by_text(certificate.code)).to_be_visible()
    _shot(page, "uk-certificate")
    # The PDF was rendered by the task, not in this request.
    response = page.request.get(base + certificate.pdf_url())
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    page.context.close()

    # The same pages in English, for the learner who has finished.
    english = _signed_in(browser, base, academy.other, "en")
    english.goto(base + "/academy/")
    expect(english.get_by_role("heading", name="Academy of participation")).to_be_visible()
    _shot(english, "en-courses")
    english.goto(base + academy.course.get_absolute_url())
    expect(english.get_by_text("Course completed")).to_be_visible()
    _shot(english, "en-course")
    english.goto(base + academy.lessons[0].get_absolute_url())
    expect(english.get_by_test_id("lesson-done")).to_have_text("Lesson done")
    _shot(english, "en-lesson")
    english.goto(base + f"/academy/{academy.course.slug}/quiz/")
    expect(english.get_by_role("link", name="Back to the course")).to_be_visible()
    _shot(english, "en-quiz")
    english.goto(base + certificate.get_absolute_url())
    expect(english.get_by_text(certificate.code)).to_be_visible()
    _shot(english, "en-certificate")
    english.context.close()
