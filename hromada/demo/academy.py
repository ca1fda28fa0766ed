"""The demo Academy of participation: a published course of the demo association with three
lessons (one a live session, the demo's online conference) and a quiz, a learner who completed
it and holds its certificate, a second learner half-way, and a course with a written assignment
waiting for an expert. Every name and sentence is invented for the demo.

Built through the academy's own actions, as the network's staff and the learners would."""

from __future__ import annotations

from django.utils import timezone

from hromada.academy import actions, actions_learning
from hromada.academy.models import Course
from hromada.demo.network import SLUG, _user
from hromada.events.models import Event
from hromada.network.models import Network

QUIZ_SLUG = "biudzhet-uchasti-vid-a-do-ia"
LESSONS = [
    (
        "Навіщо громаді бюджет участі",
        "Бюджет участі — це частина місцевого бюджету, про яку вирішують мешканці: вони "
        "пропонують проєкти, громада перевіряє їх і виносить на голосування.\n\n"
        "Почніть із чесної відповіді: скільки коштів громада готова віддати і хто відповідає "
        "за реалізацію переможців.",
        "https://video.example.org/academy/biudzhet-uchasti-1",
    ),
    (
        "Положення: правила, які розуміє кожен",
        "Добре положення коротке: хто подає, скільки коштує проєкт, як голосують, що буде, "
        "коли проєкт не вдасться реалізувати. Перед ухваленням покажіть його мешканцям.",
        "",
    ),
    (
        "Жива сесія: питання до практиків",
        "Зустріч онлайн із командами громад, які провели по три цикли бюджету участі. "
        "Запишіться на подію і підготуйте своє питання.",
        "",
    ),
]
QUESTIONS = [
    ("Хто вирішує, які проєкти отримають кошти бюджету участі?",
     [("Мешканці голосуванням", True), ("Виконком", False), ("Депутати", False)]),
    ("Що має бути в положенні про бюджет участі?",
     [("Правила подання й голосування", True), ("Лише сума бюджету", False)]),
    ("Коли варто показати положення мешканцям?",
     [("До ухвалення", True), ("Після першого голосування", False)]),
]  # fmt: skip


def load_academy() -> None:
    """Idempotent: nothing happens once the demo course exists, or without the demo network."""
    network = Network.objects.filter(slug=SLUG).first()
    if network is None or Course.objects.filter(slug=QUIZ_SLUG).exists():
        return
    author = _user("network@demo.hromada.localhost", "Андрій Мельник")
    expert = _user("juror1@demo.hromada.localhost", "Оксана Ткач")
    course = actions.create_course(
        author,
        network,
        actions.CourseData(
            title="Бюджет участі від А до Я",
            summary="Короткий курс для команд громад, які запускають перший бюджет участі.",
            themes=["projects", "finance"],
            pass_mark=60,
            max_attempts=3,
        ),
        slug=QUIZ_SLUG,
    )
    live = Event.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()
    lessons = [
        actions.save_lesson(
            author,
            course,
            title=title,
            body=body,
            video_url=video,
            event=live if number == len(LESSONS) else None,
        )
        for number, (title, body, video) in enumerate(LESSONS, start=1)
    ]
    for text, choices in QUESTIONS:
        actions.add_question(author, course, text, choices)
    course = actions.publish_course(author, course)
    graduate = _user("learner@demo.hromada.localhost", "Ірина Коваленко")
    actions_learning.enrol(graduate, course)
    for lesson in lessons:
        actions_learning.mark_done(graduate, lesson)
    right = {q.pk: q.choices.get(correct=True).pk for q in course.questions.all()}
    actions_learning.submit_quiz(graduate, course, right)
    halfway = _user("learner2@demo.hromada.localhost", "Тарас Гнатюк")
    actions_learning.enrol(halfway, course)
    actions_learning.mark_done(halfway, lessons[0])
    _assignment_course(network, author, halfway, expert)


def _assignment_course(network: Network, author: object, learner: object, expert: object) -> None:
    course = actions.create_course(
        author,
        network,
        actions.CourseData(
            title="Гендерний аналіз місцевих рішень",
            summary="Як побачити, кого рішення громади обминає, і що з цим робити.",
            themes=["gender", "social"],
            final=Course.Final.ASSIGNMENT,
            assignment_brief=(
                "Оберіть одне рішення своєї ради за останній рік і опишіть, як воно вплинуло "
                "на жінок і чоловіків різного віку. Що ви змінили б?"
            ),
        ),
        slug="hendernyi-analiz",
    )
    lesson = actions.save_lesson(
        author,
        course,
        title="Дані, розділені за статтю й віком",
        body="Без розділених даних нерівність не видно. Почніть із довідок ЦНАП і шкіл.",
    )
    course = actions.publish_course(author, course)
    actions_learning.enrol(learner, course)
    actions_learning.mark_done(learner, lesson)
    actions_learning.submit_assignment(
        learner,
        course,
        "Рішення про графік руху шкільного автобуса: ранковий рейс зручний учням, але не "
        "батькам, які працюють у районному центрі. Пропоную другий рейс о 7:10.",
    )
