"""The demo academy: a published course with a quiz, a learner who completed it and holds a
valid certificate, another half-way, and an assignment waiting for review — loaded twice
without duplicates."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from hromada.academy.models import Course, Enrolment, Submission
from hromada.demo.academy import QUIZ_SLUG

pytestmark = pytest.mark.django_db


def test_demo_academy() -> None:
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    course = Course.objects.get(slug=QUIZ_SLUG)
    assert course.status == Course.Status.PUBLISHED and course.lessons.count() == 3
    assert course.questions.count() == 3
    assert course.lessons.filter(event__isnull=False).count() == 1  # the live session
    graduate = Enrolment.objects.get(course=course, user__email="learner@demo.hromada.localhost")
    assert graduate.completed_at is not None and graduate.certificate is not None
    assert graduate.certificate.is_valid
    assert Enrolment.objects.filter(course=course, completed_at__isnull=True).count() == 1
    assert Submission.objects.filter(status=Submission.Status.SUBMITTED).count() == 1
    assert Course.objects.count() == 2
