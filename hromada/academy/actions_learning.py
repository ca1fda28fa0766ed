"""A learner's writes (enrol, mark a lesson done, take the quiz, send the assignment) and an
expert's review of an assignment. A course is complete when every lesson is marked done and its
final is passed; completing issues the certificate through hromada.certificates (its PDF is
rendered by that app's task, never in the request)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hromada.academy import files
from hromada.academy.models import (
    Course,
    Enrolment,
    Lesson,
    LessonProgress,
    QuizAttempt,
    Submission,
)
from hromada.certificates import actions as certificates
from hromada.core.audit import record
from hromada.core.errors import ActionRefused, require_perm
from hromada.core.storage import new_file_token


@transaction.atomic
def enrol(actor: Any, course: Course) -> Enrolment:
    require_perm(actor, "academy.enrol", _fresh(course))
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(course=course, user=actor)
    except IntegrityError:  # a double click: the first request enrolled
        return Enrolment.objects.get(course=course, user=actor)
    record("academy.enrolled", actor=actor, target=enrolment, course=course.pk)
    return enrolment


def _fresh(course: Course) -> Course:
    """The course as it is now: the caller's copy may predate its publishing or archiving."""
    return Course.objects.select_related("network").get(pk=course.pk)


def _enrolment(actor: Any, course: Course) -> Enrolment:
    require_perm(actor, "academy.progress", _fresh(course))
    return Enrolment.objects.select_for_update().get(course=course, user=actor)


@transaction.atomic
def mark_done(actor: Any, lesson: Lesson) -> Enrolment:
    enrolment = _enrolment(actor, lesson.course)
    _progress, created = LessonProgress.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    if created:
        record("academy.lesson_done", actor=actor, target=enrolment, lesson=lesson.pk)
    _complete_if_done(actor, enrolment)
    return enrolment


def attempts_left(enrolment: Enrolment) -> int:
    return max(0, enrolment.course.max_attempts - enrolment.attempts.count())


def final_passed(enrolment: Enrolment) -> bool:
    course = enrolment.course
    if course.final == Course.Final.QUIZ:
        return enrolment.attempts.filter(passed=True).exists()
    if course.final == Course.Final.ASSIGNMENT:
        return enrolment.submissions.filter(status=Submission.Status.PASSED).exists()
    return True


@transaction.atomic
def submit_quiz(actor: Any, course: Course, answers: Mapping[int, int | None]) -> QuizAttempt:
    """Score the answers ({question id: choice id}); unanswered questions count as wrong."""
    enrolment = _enrolment(actor, course)
    if course.final != Course.Final.QUIZ:
        raise ActionRefused(_("У цьому курсі немає тесту."))
    if final_passed(enrolment):
        raise ActionRefused(_("Тест уже складено."))
    if attempts_left(enrolment) == 0:
        raise ActionRefused(_("Спроби скласти тест вичерпано."))
    questions = list(course.questions.prefetch_related("choices"))
    if not questions:
        raise ActionRefused(_("У цьому курсі немає тесту."))
    correct = 0
    for question in questions:
        right = {choice.pk for choice in question.choices.all() if choice.correct}
        if answers.get(question.pk) in right:
            correct += 1
    percent = round(100 * correct / len(questions))
    attempt = QuizAttempt.objects.create(
        enrolment=enrolment,
        correct=correct,
        total=len(questions),
        percent=percent,
        passed=percent >= course.pass_mark,
        answers={str(q.pk): answers.get(q.pk) for q in questions},
    )
    record("academy.quiz_attempt", actor=actor, target=attempt, percent=percent)
    _complete_if_done(actor, enrolment)
    return attempt


@transaction.atomic
def submit_assignment(
    actor: Any, course: Course, text: str, file: UploadedFile | None = None
) -> Submission:
    enrolment = _enrolment(actor, course)
    if course.final != Course.Final.ASSIGNMENT:
        raise ActionRefused(_("У цьому курсі немає практичного завдання."))
    open_statuses = [Submission.Status.SUBMITTED, Submission.Status.PASSED]
    if enrolment.submissions.filter(status__in=open_statuses).exists():
        raise ActionRefused(_("Вашу роботу вже надіслано."))
    text = text.replace("\x00", "").strip()[:50_000]
    if not text and file is None:
        raise ActionRefused(_("Напишіть відповідь або додайте файл."), field="text")
    submission = Submission(enrolment=enrolment, text=text, token=new_file_token())
    if file is not None:
        submission.file_kind = files.store(submission.file, file, submission.token)
    submission.save()
    record("academy.assignment_submitted", actor=actor, target=submission)
    return submission


@transaction.atomic
def review_submission(
    actor: Any, submission: Submission, *, passed: bool, comment: str
) -> Submission:
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    require_perm(actor, "academy.review", submission)
    if submission.status != Submission.Status.SUBMITTED:
        raise ActionRefused(_("Цю роботу вже перевірено."))
    comment = comment.replace("\x00", "").strip()[:5000]
    if not passed and not comment:
        raise ActionRefused(_("Поясніть, що доопрацювати."), field="comment")
    submission.status = Submission.Status.PASSED if passed else Submission.Status.RETURNED
    submission.reviewer = actor
    submission.review_comment = comment
    submission.reviewed_at = timezone.now()
    submission.save()
    record("academy.assignment_reviewed", actor=actor, target=submission, passed=passed)
    enrolment = Enrolment.objects.select_for_update().get(pk=submission.enrolment_id)
    _complete_if_done(actor, enrolment)
    return submission


def lessons_left(enrolment: Enrolment) -> int:
    done = LessonProgress.objects.filter(enrolment=enrolment).values("lesson_id")
    return enrolment.course.lessons.exclude(pk__in=done).count()


def _complete_if_done(actor: Any, enrolment: Enrolment) -> None:
    """Stamp completion and issue the certificate once everything is done (at most once)."""
    if enrolment.completed_at is not None:
        return
    if lessons_left(enrolment) or not final_passed(enrolment):
        return
    course = enrolment.course
    learner = enrolment.user
    enrolment.completed_at = timezone.now()
    with translation.override("uk"):  # a certificate is a Ukrainian document, as its PDF
        title = _("пройшов(ла) курс «%(title)s» Академії участі") % {"title": course.title}
        details = _("Уроків: %(count)s") % {"count": course.lessons.count()}
    enrolment.certificate = certificates.issue(
        actor=actor,
        source_key=f"academy.enrolment:{enrolment.pk}",
        holder_name=str(learner),  # the full name, else the email
        title=title,
        issuer_name=course.network.name,
        details=details,
        recipient=learner,
    )
    enrolment.save(update_fields=["completed_at", "certificate"])
    record("academy.completed", actor=actor, target=enrolment, course=course.pk)
