"""Authoring a course (the network's board and staff): the course, its lessons, attachments and
quiz questions, publishing and archiving. Every write re-checks permission and is audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hromada.academy import files
from hromada.academy.models import (
    Course,
    Lesson,
    LessonAttachment,
    QuizChoice,
    QuizQuestion,
)
from hromada.core.audit import record
from hromada.core.errors import ActionRefused, require_perm
from hromada.core.storage import new_file_token
from hromada.network.models import Network
from hromada.network.models_maturity import Theme


@dataclass
class CourseData:
    title: str
    summary: str = ""
    themes: list[str] = field(default_factory=list)
    access: str = Course.Access.OPEN
    final: str = Course.Final.QUIZ
    pass_mark: int = 70
    max_attempts: int = 3
    assignment_brief: str = ""


def _clean(text: str, limit: int) -> str:
    return text.replace("\x00", "").strip()[:limit]


def _checked(data: CourseData) -> dict[str, Any]:
    title = _clean(data.title, 200)
    if not title:
        raise ActionRefused(_("Назвіть курс."), field="title")
    if not 1 <= data.pass_mark <= 100:
        raise ActionRefused(_("Прохідний бал — від 1 до 100 %."), field="pass_mark")
    if not 1 <= data.max_attempts <= 20:
        raise ActionRefused(_("Спроб тесту — від 1 до 20."), field="max_attempts")
    if data.access not in Course.Access.values or data.final not in Course.Final.values:
        raise ActionRefused(_("Оберіть значення зі списку."))
    return {
        "title": title,
        "summary": _clean(data.summary, 20_000),
        "themes": [t for t in Theme.values if t in data.themes],
        "access": data.access,
        "final": data.final,
        "pass_mark": data.pass_mark,
        "max_attempts": data.max_attempts,
        "assignment_brief": _clean(data.assignment_brief, 20_000),
    }


def _free_slug(title: str) -> str:
    base = (slugify(title) or "course")[:70]
    slug, number = base, 1
    while Course.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def create_course(actor: Any, network: Network, data: CourseData, slug: str = "") -> Course:
    require_perm(actor, "academy.create_course", network)
    values = _checked(data)
    course = Course.objects.create(
        network=network,
        slug=slug or _free_slug(values["title"]),
        created_by=actor,
        **values,
    )
    record("academy.course_created", actor=actor, target=course)
    return course


@transaction.atomic
def update_course(actor: Any, course: Course, data: CourseData) -> Course:
    course = Course.objects.select_for_update().get(pk=course.pk)
    require_perm(actor, "academy.edit_course", course)
    values = _checked(data)
    if course.status == Course.Status.PUBLISHED and course.enrolments.exists():
        # Learners enrolled on the terms they read: the final and its pass mark stay.
        for name in ("final", "pass_mark"):
            if values[name] != getattr(course, name):
                raise ActionRefused(
                    _("Підсумкове завдання й прохідний бал не змінюють, коли вже є слухачі."),
                    field=name,
                )
    for name, value in values.items():
        setattr(course, name, value)
    course.save()
    record("academy.course_updated", actor=actor, target=course)
    return course


def _publishable(course: Course) -> None:
    if not course.lessons.exists():
        raise ActionRefused(_("Додайте до курсу хоча б один урок."))
    if course.final == Course.Final.QUIZ and not course.questions.exists():
        raise ActionRefused(_("Додайте до тесту хоча б одне питання."))
    if course.final == Course.Final.ASSIGNMENT and not course.assignment_brief:
        raise ActionRefused(_("Напишіть умову практичного завдання."))


@transaction.atomic
def publish_course(actor: Any, course: Course) -> Course:
    course = Course.objects.select_for_update().get(pk=course.pk)
    require_perm(actor, "academy.publish_course", course)
    _publishable(course)
    course.status = Course.Status.PUBLISHED
    course.published_at = course.published_at or timezone.now()
    course.save(update_fields=["status", "published_at"])
    record("academy.course_published", actor=actor, target=course)
    return course


@transaction.atomic
def archive_course(actor: Any, course: Course) -> Course:
    course = Course.objects.select_for_update().get(pk=course.pk)
    require_perm(actor, "academy.archive_course", course)
    course.status = Course.Status.ARCHIVED
    course.save(update_fields=["status"])
    record("academy.course_archived", actor=actor, target=course)
    return course


@transaction.atomic
def save_lesson(
    actor: Any,
    course: Course,
    *,
    title: str,
    body: str = "",
    video_url: str = "",
    event: Any = None,
    lesson: Lesson | None = None,
) -> Lesson:
    require_perm(actor, "academy.edit_course", course)
    title = _clean(title, 200)
    if not title:
        raise ActionRefused(_("Назвіть урок."), field="title")
    if lesson is None:
        lesson = Lesson(course=course, position=course.lessons.count() + 1)
    elif lesson.course_id != course.pk:
        raise ActionRefused(_("Урок не з цього курсу."))
    lesson.title = title
    lesson.body = _clean(body, 50_000)
    lesson.video_url = _clean(video_url, 200)
    lesson.event = event
    lesson.save()
    record("academy.lesson_saved", actor=actor, target=lesson, course=course.pk)
    return lesson


@transaction.atomic
def attach_file(
    actor: Any, lesson: Lesson, file: UploadedFile, title: str = ""
) -> LessonAttachment:
    require_perm(actor, "academy.edit_course", lesson.course)
    attachment = LessonAttachment(lesson=lesson, token=new_file_token())
    attachment.kind = files.store(attachment.file, file, attachment.token)
    attachment.title = _clean(title, 200) or _clean(file.name or "", 200) or "—"
    attachment.save()
    record("academy.attachment_added", actor=actor, target=attachment, lesson=lesson.pk)
    return attachment


@transaction.atomic
def add_question(
    actor: Any, course: Course, text: str, choices: list[tuple[str, bool]]
) -> QuizQuestion:
    """A single-choice question: two to eight answers, exactly one of them right."""
    require_perm(actor, "academy.edit_course", course)
    text = _clean(text, 500)
    if not text:
        raise ActionRefused(_("Напишіть питання."), field="text")
    cleaned = [(_clean(choice, 300), right) for choice, right in choices if _clean(choice, 300)]
    if not 2 <= len(cleaned) <= 8:
        raise ActionRefused(_("Дайте від двох до восьми варіантів відповіді."), field="choices")
    if sum(1 for _choice, right in cleaned if right) != 1:
        raise ActionRefused(_("Позначте рівно одну правильну відповідь."), field="choices")
    question = QuizQuestion.objects.create(
        course=course, text=text, position=course.questions.count() + 1
    )
    QuizChoice.objects.bulk_create(
        QuizChoice(question=question, text=choice, correct=right) for choice, right in cleaned
    )
    record("academy.question_added", actor=actor, target=question, course=course.pk)
    return question


@transaction.atomic
def remove_question(actor: Any, question: QuizQuestion) -> None:
    require_perm(actor, "academy.edit_course", question.course)
    record("academy.question_removed", actor=actor, target=question, course=question.course_id)
    question.delete()
