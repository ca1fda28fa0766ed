"""A learner's record of a course: the enrolment, lessons marked done, quiz attempts and the
written assignment with an expert's review. Completion is stamped on the enrolment together with
its certificate."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hromada.core.storage import get_private_storage


class Enrolment(models.Model):
    course = models.ForeignKey(
        "academy.Course", on_delete=models.CASCADE, related_name="enrolments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    enrolled_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    certificate = models.ForeignKey(
        "certificates.Certificate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["enrolled_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["course", "user"], name="enrolment_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.course}"


class LessonProgress(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    lesson = models.ForeignKey("academy.Lesson", on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="progress_unique")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.lesson_id}"


class QuizAttempt(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    submitted_at = models.DateTimeField(default=timezone.now)
    correct = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    percent = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    # {question id: chosen choice id}, as answered: the questions may be edited later.
    answers = models.JSONField(default=dict)

    class Meta:
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.percent}%"


class Submission(models.Model):
    """The written assignment: text and/or a file; an expert passes it or returns it with a
    comment, and a returned one may be sent again."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("на перевірці")
        PASSED = "passed", _("зараховано")
        RETURNED = "returned", _("повернуто на доопрацювання")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="submissions")
    text = models.TextField(_("відповідь"), blank=True)
    file = models.FileField(upload_to="academy/", storage=get_private_storage, blank=True)
    file_kind = models.CharField(max_length=10, blank=True)
    token = models.CharField(max_length=40, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(default=timezone.now)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_comment = models.TextField(_("коментар експерта"), blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.status}"
