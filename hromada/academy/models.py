"""A network's courses: lessons (text, a video link, attachments, optionally a live session
that is an event), a final quiz or a written assignment, and who may enrol.

Courses carry the maturity framework's themes, so an assessment's weak indicator can point to
courses on its theme. Learners' records (enrolments, progress, attempts, submissions) are in
models_learning.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hromada.core.storage import get_private_storage
from hromada.network.models_maturity import Theme


class Course(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("чернетка")
        PUBLISHED = "published", _("опубліковано")
        ARCHIVED = "archived", _("в архіві")

    class Access(models.TextChoices):
        OPEN = "open", _("для всіх зареєстрованих")
        MEMBERS = "members", _("лише для громад-членів мережі")

    class Final(models.TextChoices):
        NONE = "none", _("без підсумкового завдання")
        QUIZ = "quiz", _("тест")
        ASSIGNMENT = "assignment", _("практичне завдання")

    network = models.ForeignKey("network.Network", on_delete=models.PROTECT, related_name="courses")
    title = models.CharField(_("назва"), max_length=200)
    slug = models.SlugField(_("адреса"), max_length=80, unique=True)
    summary = models.TextField(_("опис"), blank=True)
    themes = models.JSONField(_("теми"), default=list, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    access = models.CharField(
        _("хто може записатися"), max_length=20, choices=Access.choices, default=Access.OPEN
    )
    final = models.CharField(
        _("підсумкове завдання"), max_length=20, choices=Final.choices, default=Final.QUIZ
    )
    pass_mark = models.PositiveSmallIntegerField(_("прохідний бал, %"), default=70)
    max_attempts = models.PositiveSmallIntegerField(_("спроб тесту"), default=3)
    assignment_brief = models.TextField(_("умова практичного завдання"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "title"]
        verbose_name = _("курс")
        verbose_name_plural = _("курси")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("academy:course", args=[self.slug])

    @property
    def theme_labels(self) -> list[str]:
        return [str(Theme(theme).label) for theme in self.themes if theme in Theme.values]


class Lesson(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("назва уроку"), max_length=200)
    body = models.TextField(_("текст уроку"), blank=True)
    # A link the learner follows; pages never embed a third party's player (no request to it
    # before the learner asks).
    video_url = models.URLField(_("посилання на відео"), blank=True)
    event = models.ForeignKey(
        "events.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("жива сесія (подія)"),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("урок")
        verbose_name_plural = _("уроки")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("academy:lesson", args=[self.course.slug, self.pk])


class LessonAttachment(models.Model):
    """A lesson's file, in private storage: members-only courses keep their materials to their
    learners, so files are served by a view that asks the rules."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("назва"), max_length=200)
    file = models.FileField(upload_to="academy/", storage=get_private_storage)
    kind = models.CharField(max_length=10)
    token = models.CharField(max_length=40, unique=True)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class QuizQuestion(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("питання"), max_length=500)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class QuizChoice(models.Model):
    question = models.ForeignKey(QuizQuestion, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("варіант відповіді"), max_length=300)
    correct = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text


from hromada.academy.models_learning import (  # noqa: E402,F401  (one app, two modules)
    Enrolment,
    LessonProgress,
    QuizAttempt,
    Submission,
)
