"""The maturity assessment: a network's framework of indicators in six themes, and each
community's assessments (self-assessment, then an expert's validation). Scores: maturity.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hromada.communities.models import Community


class Theme(models.TextChoices):
    PROJECTS = "projects", _("Проєктна діяльність")
    EDEMOCRACY = "edemocracy", _("Електронна демократія")
    FINANCE = "finance", _("Фінансове забезпечення")
    GENDER = "gender", _("Гендерна політика")
    ECONOMY = "economy", _("Місцева економічна політика")
    SOCIAL = "social", _("Соціально-гуманітарна сфера")


class Indicator(models.Model):
    network = models.ForeignKey(
        "network.Network", on_delete=models.CASCADE, related_name="indicators"
    )
    theme = models.CharField(_("тема"), max_length=20, choices=Theme.choices)
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("показник"), max_length=300)
    guidance = models.TextField(_("як оцінювати"), blank=True)
    evidence = models.CharField(_("підтвердження"), max_length=500, blank=True)
    weight = models.PositiveSmallIntegerField(_("вага"), default=1)
    max_level = models.PositiveSmallIntegerField(_("найвищий рівень"), default=2)
    active = models.BooleanField(_("використовується"), default=True)

    class Meta:
        ordering = ["theme", "position", "pk"]
        verbose_name = _("показник зрілості")
        verbose_name_plural = _("показники зрілості")

    def __str__(self) -> str:
        return self.title


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("чернетка")
        SUBMITTED = "submitted", _("на перевірці")
        VALIDATED = "validated", _("перевірено")

    network = models.ForeignKey(
        "network.Network", on_delete=models.CASCADE, related_name="assessments"
    )
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expert_comment = models.TextField(_("висновок експерта"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("оцінювання зрілості")
        verbose_name_plural = _("оцінювання зрілості")

    def __str__(self) -> str:
        return f"{self.community} {self.created_at:%Y-%m-%d}"


class AssessmentAnswer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    self_level = models.PositiveSmallIntegerField()
    evidence = models.TextField(_("підтвердження (посилання, документи)"), blank=True)
    expert_level = models.PositiveSmallIntegerField(null=True, blank=True)
    expert_comment = models.CharField(_("коментар експерта"), max_length=2000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator"], name="answer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.level}"

    @property
    def level(self) -> int:
        """The expert's level once validated, else the community's own."""
        return self.self_level if self.expert_level is None else self.expert_level
