"""Reads of the academy's pages: the course list, a course with the visitor's progress, the
learners and the assignments waiting for review."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from hromada.academy.models import Course, Enrolment, Lesson, LessonProgress, Submission
from hromada.network.models_maturity import Theme


def listed_courses(theme: str = "") -> list[Course]:
    """Published courses (with their network and lesson count), newest first; with a theme,
    those carrying it (filtered here: SQLite has no JSON containment, and the list is short)."""
    courses: list[Course] = list(
        Course.objects.filter(status=Course.Status.PUBLISHED)
        .select_related("network")
        .annotate(lesson_count=Count("lessons"))
    )
    if theme in Theme.values:
        courses = [course for course in courses if theme in course.themes]
    return courses


@dataclass
class LessonRow:
    lesson: Lesson
    number: int
    done: bool


@dataclass
class CourseView:
    lessons: list[LessonRow]
    enrolment: Enrolment | None
    done_count: int

    @property
    def all_done(self) -> bool:
        return bool(self.lessons) and self.done_count == len(self.lessons)


def course_view(course: Course, user: Any) -> CourseView:
    lessons = list(course.lessons.all())
    enrolment = None
    done: set[int] = set()
    if user.is_authenticated:
        enrolment = (
            Enrolment.objects.filter(course=course, user=user).select_related("certificate").first()
        )
        if enrolment is not None:
            done = set(
                LessonProgress.objects.filter(enrolment=enrolment).values_list(
                    "lesson_id", flat=True
                )
            )
    rows = [LessonRow(lesson, n, lesson.pk in done) for n, lesson in enumerate(lessons, start=1)]
    return CourseView(rows, enrolment, sum(1 for row in rows if row.done))


def learners(course: Course) -> list[Enrolment]:
    """Every enrolment with its number of lessons done and best quiz score."""
    return list(
        Enrolment.objects.filter(course=course)
        .select_related("user")
        .annotate(
            done=Count("progress", distinct=True),
            passed_attempts=Count("attempts", filter=Q(attempts__passed=True), distinct=True),
        )
    )


def waiting_submissions(course: Course) -> list[Submission]:
    return list(
        Submission.objects.filter(
            enrolment__course=course, status=Submission.Status.SUBMITTED
        ).select_related("enrolment__user")
    )
