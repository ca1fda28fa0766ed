"""A learner's way through a course: progress, the quiz (score, pass mark, attempts), the
assignment and its review, completion and the certificate (once, by a task)."""

from __future__ import annotations

import pytest

from hromada.academy import actions, actions_learning
from hromada.academy.models import Course, Enrolment, Submission
from hromada.certificates.models import Certificate, CertificatePdf
from hromada.core.errors import ActionRefused
from hromada.core.models import AuditEntry
from tests.academy.conftest import Academy, right_answers, set_status, wrong_answers


def _enrolment(academy: Academy) -> Enrolment:
    return Enrolment.objects.get(course=academy.course, user=academy.learner)


def test_completing_lessons_and_quiz_issues_one_certificate(academy: Academy) -> None:
    for lesson in academy.lessons:
        actions_learning.mark_done(academy.learner, lesson)
        actions_learning.mark_done(academy.learner, lesson)  # twice is harmless
    assert _enrolment(academy).completed_at is None  # the quiz is still to pass
    attempt = actions_learning.submit_quiz(
        academy.learner, academy.course, right_answers(academy.course)
    )
    assert (attempt.correct, attempt.total, attempt.percent, attempt.passed) == (2, 2, 100, True)
    enrolment = _enrolment(academy)
    assert enrolment.completed_at is not None
    certificate = enrolment.certificate
    assert certificate is not None and certificate.recipient == academy.learner
    assert certificate.holder_name == "Ірина Коваленко"
    assert "Бюджет участі від А до Я" in certificate.title
    assert certificate.issuer_name == academy.network.name
    assert CertificatePdf.objects.filter(certificate=certificate).exists()  # rendered by the task
    assert Certificate.objects.count() == 1
    assert AuditEntry.objects.filter(action="academy.completed").count() == 1


def test_quiz_first_then_lessons_also_completes(academy: Academy) -> None:
    actions_learning.submit_quiz(academy.learner, academy.course, right_answers(academy.course))
    assert _enrolment(academy).certificate is None
    for lesson in academy.lessons:
        actions_learning.mark_done(academy.learner, lesson)
    assert _enrolment(academy).certificate is not None


def test_pass_mark_and_attempts(academy: Academy) -> None:
    course = academy.course  # pass mark 70 %, three attempts, two questions
    half = right_answers(course)
    first = next(iter(half))
    half[first] = wrong_answers(course)[first]
    attempt = actions_learning.submit_quiz(academy.learner, course, half)
    assert (attempt.percent, attempt.passed) == (50, False)
    unanswered = actions_learning.submit_quiz(academy.learner, course, {})
    assert (unanswered.correct, unanswered.passed) == (0, False)
    # An answer from another question's choices counts as wrong, not as a match.
    foreign = dict(zip(reversed(list(half)), right_answers(course).values(), strict=True))
    assert actions_learning.submit_quiz(academy.learner, course, foreign).correct == 0
    with pytest.raises(ActionRefused, match="вичерпано"):
        actions_learning.submit_quiz(academy.learner, course, right_answers(course))


def test_no_more_attempts_once_passed(academy: Academy) -> None:
    actions_learning.submit_quiz(academy.learner, academy.course, right_answers(academy.course))
    with pytest.raises(ActionRefused, match="складено"):
        actions_learning.submit_quiz(academy.learner, academy.course, right_answers(academy.course))


def test_the_pass_mark_is_inclusive(academy: Academy) -> None:
    Course.objects.filter(pk=academy.course.pk).update(pass_mark=50)
    course = Course.objects.get(pk=academy.course.pk)
    half = right_answers(course)
    first = next(iter(half))
    half[first] = wrong_answers(course)[first]
    assert actions_learning.submit_quiz(academy.learner, course, half).passed


def test_archived_course_takes_no_progress(academy: Academy) -> None:
    set_status(academy.course, Course.Status.ARCHIVED)
    with pytest.raises(ActionRefused):
        actions_learning.mark_done(academy.learner, academy.lessons[0])
    with pytest.raises(ActionRefused):
        actions_learning.enrol(academy.other, academy.course)


def test_assignment_reviewed_returned_then_passed(academy: Academy) -> None:
    course = actions.create_course(
        academy.board,
        academy.network,
        actions.CourseData(
            title="Гендерний аналіз", final="assignment", assignment_brief="Опишіть рішення."
        ),
    )
    lesson = actions.save_lesson(academy.board, course, title="Дані")
    course = actions.publish_course(academy.board, course)
    actions_learning.enrol(academy.learner, course)
    actions_learning.mark_done(academy.learner, lesson)
    with pytest.raises(ActionRefused, match="Напишіть відповідь"):
        actions_learning.submit_assignment(academy.learner, course, "  \x00 ")
    first = actions_learning.submit_assignment(academy.learner, course, "Мій аналіз")
    with pytest.raises(ActionRefused, match="вже надіслано"):
        actions_learning.submit_assignment(academy.learner, course, "Ще раз")
    with pytest.raises(ActionRefused):  # a learner does not review
        actions_learning.review_submission(academy.learner, first, passed=True, comment="")
    with pytest.raises(ActionRefused, match="Поясніть"):
        actions_learning.review_submission(academy.expert, first, passed=False, comment=" ")
    actions_learning.review_submission(academy.expert, first, passed=False, comment="Додайте дані.")
    enrolment = Enrolment.objects.get(course=course, user=academy.learner)
    assert enrolment.certificate is None
    second = actions_learning.submit_assignment(academy.learner, course, "Мій аналіз з даними")
    actions_learning.review_submission(academy.expert, second, passed=True, comment="Добре.")
    with pytest.raises(ActionRefused, match="вже перевірено"):
        actions_learning.review_submission(academy.expert, second, passed=False, comment="Ні")
    enrolment.refresh_from_db()
    assert enrolment.certificate is not None
    assert list(
        Submission.objects.filter(enrolment=enrolment).values_list("status", flat=True)
    ) == [
        "returned",
        "passed",
    ]


def test_publishing_needs_lessons_and_questions(academy: Academy) -> None:
    empty = actions.create_course(
        academy.board, academy.network, actions.CourseData(title="Порожній")
    )
    with pytest.raises(ActionRefused, match="урок"):
        actions.publish_course(academy.board, empty)
    actions.save_lesson(academy.board, empty, title="Один")
    with pytest.raises(ActionRefused, match="питання"):
        actions.publish_course(academy.board, empty)


def test_final_and_pass_mark_frozen_once_learners_enrolled(academy: Academy) -> None:
    data = actions.CourseData(title="Бюджет участі", themes=["projects"], pass_mark=90)
    with pytest.raises(ActionRefused, match="прохідний бал"):
        actions.update_course(academy.board, academy.course, data)
    data.pass_mark = 70
    actions.update_course(academy.board, academy.course, data)  # the title may change
    assert Course.objects.get(pk=academy.course.pk).title == "Бюджет участі"


def test_question_needs_exactly_one_right_answer(academy: Academy) -> None:
    with pytest.raises(ActionRefused, match="рівно одну"):
        actions.add_question(
            academy.board, academy.course, "Питання?", [("Так", True), ("Ні", True)]
        )
    with pytest.raises(ActionRefused, match="від двох"):
        actions.add_question(academy.board, academy.course, "Питання?", [("Так", True)])
