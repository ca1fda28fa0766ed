"""Contests: a call with a timeline, eligibility rules, a questionnaire, required documents and
weighted criteria; communities' applications; jurors with their declared conflicts; reviews
with a score per criterion. Aggregation and ranking are pure (network/scoring.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hromada.communities.geography import SizeBand
from hromada.communities.models import Community
from hromada.network.phases import CONTEST_TIMELINE


class Contest(models.Model):
    timeline = CONTEST_TIMELINE

    network = models.ForeignKey(
        "network.Network", on_delete=models.CASCADE, related_name="contests"
    )
    title = models.CharField(_("назва"), max_length=200)
    slug = models.SlugField(_("адреса"), max_length=80, unique=True)
    text = models.TextField(_("текст оголошення"))
    opens_at = models.DateTimeField(_("прийом заявок з"))
    closes_at = models.DateTimeField(_("прийом заявок до"))
    review_ends_at = models.DateTimeField(_("оцінювання журі до"))
    announce_at = models.DateTimeField(_("оголошення результатів"))
    winners_count = models.PositiveSmallIntegerField(_("скільки переможців"), default=5)
    blind_review = models.BooleanField(_("сліпе оцінювання (журі не бачить назви громади)"))
    # Eligibility, checked automatically (network/eligibility.py).
    members_only = models.BooleanField(_("лише для членів мережі"), default=True)
    size_bands = models.JSONField(_("дозволені розміри громад"), default=list, blank=True)
    exclude_oblast_centres = models.BooleanField(_("крім обласних центрів"), default=False)
    max_per_oblast = models.PositiveSmallIntegerField(
        _("не більше переможців з однієї області (0 — без обмеження)"), default=0
    )
    # A spread of juror totals (0–100 scale) at or above this flags the application.
    disagreement_threshold = models.PositiveSmallIntegerField(
        _("поріг розбіжності оцінок, балів зі 100"), default=25
    )
    rationale = models.TextField(_("обґрунтування вибору"), blank=True)
    selected_at = models.DateTimeField(null=True, blank=True)
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("конкурс")
        verbose_name_plural = _("конкурси")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:contest", args=[self.slug])

    @property
    def size_band_labels(self) -> list[str]:
        return [str(SizeBand(band).label) for band in self.size_bands if band in SizeBand.values]


class ContestQuestion(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("питання"), max_length=500)
    required = models.BooleanField(_("обов'язкове"), default=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class RequiredDocument(models.Model):
    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="required_documents"
    )
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("документ"), max_length=300)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("критерій"), max_length=200)
    description = models.TextField(_("що оцінюємо"), blank=True)
    weight = models.PositiveSmallIntegerField(_("вага"), default=1)
    max_score = models.PositiveSmallIntegerField(_("найвища оцінка"), default=10)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("чернетка")
        SUBMITTED = "submitted", _("подано")
        WITHDRAWN = "withdrawn", _("відкликано")

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="applications")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    # A code jurors see instead of the name in a blind review.
    code = models.CharField(max_length=12)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    answers = models.JSONField(default=dict, blank=True)  # str(question pk) → text
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    selected = models.BooleanField(default=False)
    # The language the application was submitted in: the results email is written in it.
    language = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "community"], name="application_unique"),
            models.UniqueConstraint(fields=["contest", "code"], name="application_code_unique"),
        ]
        verbose_name = _("заявка")
        verbose_name_plural = _("заявки")

    def __str__(self) -> str:
        return f"{self.code} ({self.community})"


class Juror(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="jurors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Communities the juror declares a conflict of interest with (beyond the automatic ones).
    conflicts = models.ManyToManyField(Community, blank=True, related_name="+")
    conflict_note = models.TextField(_("пояснення конфлікту інтересів"), blank=True)
    declared_at = models.DateTimeField(null=True, blank=True)  # None: not declared yet

    class Meta:
        constraints = [models.UniqueConstraint(fields=["contest", "user"], name="juror_unique")]

    def __str__(self) -> str:
        return str(self.user)


class Review(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="reviews")
    comment = models.TextField(_("коментар для громади"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "juror"], name="review_unique")
        ]

    def __str__(self) -> str:
        return f"{self.application} / {self.juror}"


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField()
    comment = models.CharField(_("коментар"), max_length=2000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="reviewscore_unique")
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"
