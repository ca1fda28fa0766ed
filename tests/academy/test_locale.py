"""Every academy page opens in Ukrainian and English, with no interface string left in the other
language (the same checks as tests/core/test_locale.py), and the members map with it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client

from hromada.academy import actions, actions_learning
from hromada.academy.models import Course
from hromada.certificates.models import Certificate
from hromada.network import actions as network_actions
from tests.academy.conftest import Academy, right_answers
from tests.core.test_locale import CYRILLIC, LATIN_ALLOWED, LATIN_WORD, visible_text

pytestmark = pytest.mark.django_db


def _pages(academy: Academy) -> list[tuple[str, object]]:
    course = academy.course
    for lesson in academy.lessons:
        actions_learning.mark_done(academy.learner, lesson)
    actions_learning.submit_quiz(academy.learner, course, right_answers(course))
    task = actions.create_course(
        academy.board,
        academy.network,
        actions.CourseData(
            title="Аналіз", final=Course.Final.ASSIGNMENT, assignment_brief="Опишіть."
        ),
    )
    actions.save_lesson(academy.board, task, title="Дані")
    actions.publish_course(academy.board, task)
    actions_learning.enrol(academy.other, task)
    submission = actions_learning.submit_assignment(academy.other, task, "Моя робота")
    network_actions.add_member_record(
        academy.network, community=None, name="Gmina Brzozowa", country="PL",
        starts_on=dt.date(2024, 1, 1),
    )  # fmt: skip
    slug = course.slug
    certificate = course.enrolments.get(user=academy.learner).certificate
    assert certificate is not None
    return [
        ("/academy/", None),
        (f"/academy/{slug}/", None),
        (f"/academy/{slug}/", academy.learner),
        (f"/academy/{slug}/lessons/{academy.lessons[0].pk}/", academy.learner),
        (f"/academy/{slug}/quiz/", academy.learner),
        (f"/academy/{task.slug}/assignment/", academy.other),
        (f"/academy/{slug}/manage/", academy.board),
        (f"/academy/{slug}/manage/lessons/new/", academy.board),
        (f"/academy/{slug}/manage/lessons/{academy.lessons[0].pk}/", academy.board),
        (f"/academy/new/{academy.network.slug}/", academy.board),
        (f"/academy/submissions/{submission.pk}/", academy.expert),
        (certificate.get_absolute_url(), None),
        (f"/network/{academy.network.slug}/members/", None),
    ]


# The test data's own words (names, titles, answers typed by people).
DATA_CYRILLIC = set(
    CYRILLIC.findall(
        "Мережа участі Липова громада Полтавська Бюджет участі від А до Я Урок Текст уроку "
        "Хто голосує Мешканці Виконком Коли Навесні Щороку Аналіз Опишіть Дані Моя робота "
        "Ірина Коваленко пройшов ла курс Академії участі Уроків Особа"
    )
)
DATA_WORDS = {"example", "org", "board", "expert", "learner", "other", "Gmina", "Brzozowa"}
DATA_WORDS |= {"PDF", "DOCX", "ODT"}  # file formats, named so in either language


@pytest.mark.parametrize("language", ["uk", "en"])
def test_academy_pages_in_both_languages(academy: Academy, language: str) -> None:
    problems = []
    for path, user in _pages(academy):
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        if user is not None:
            client.force_login(user)  # type: ignore[arg-type]
        response = client.get(path)
        if response.status_code != 200:
            problems.append(f"{path}: HTTP {response.status_code}")
            continue
        html = response.content.decode()
        for certificate in Certificate.objects.all():  # a code's letters are not words
            html = html.replace(certificate.code, "")
        if language == "en":
            leftovers = sorted(set(CYRILLIC.findall(visible_text(html, "en"))) - DATA_CYRILLIC)
            if leftovers:
                problems.append(f"{path}: Ukrainian left on the English page: {leftovers}")
        else:
            main = html[html.find("<main") :]
            words = set(LATIN_WORD.findall(visible_text(main, "uk")))
            leftovers = sorted(words - LATIN_ALLOWED - DATA_WORDS)
            if leftovers:
                problems.append(f"{path}: English left on the Ukrainian page: {leftovers}")
    assert not problems, "\n".join(problems)
