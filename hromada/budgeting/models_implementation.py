"""How a winning project is built: dated milestones with text, photos, documents, the percent
done and the money contracted and paid so far. Kept for winners only (actions_implementation)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Milestone(models.Model):
    """One public step of a project's implementation. Money figures are totals to date (not the
    step's own), so the newest milestone tells the project's state."""

    project = models.ForeignKey(
        "budgeting.Project", on_delete=models.CASCADE, related_name="milestones"
    )
    date = models.DateField(_("дата"))
    text = models.TextField(_("що зроблено"))
    percent_done = models.PositiveSmallIntegerField(_("виконано, %"))
    contracted = models.BigIntegerField(_("укладено договорів, коп."), default=0)
    paid = models.BigIntegerField(_("сплачено, коп."), default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("етап реалізації")
        verbose_name_plural = _("етапи реалізації")
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_done__lte=100), name="milestone_percent_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(contracted__gte=0)
                & Q(paid__gte=0)
                & Q(paid__lte=models.F("contracted")),
                name="milestone_money_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.date} {self.percent_done}%"


class MilestonePhoto(models.Model):
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("фото"), upload_to="milestones/%Y/")
    alt = models.CharField(_("що на фото"), max_length=300)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.image.name


class MilestoneDocument(models.Model):
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("документ"), upload_to="milestones/docs/%Y/")
    title = models.CharField(_("назва документа"), max_length=300)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title
