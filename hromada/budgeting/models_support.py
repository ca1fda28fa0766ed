"""Supporters of a submitted project, collected before review (online or from a paper list).

One person supports a project once: the supporter's identifier hash (the same keyed hash the
platform keeps for voters, `Verification.identifier_hash`) is unique per project, so an online
supporter and the same person on a paper list are one supporter, whoever tries first.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ProjectSupport(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", _("онлайн")
        PAPER = "paper", _("паперовий список")

    project = models.ForeignKey(
        "budgeting.Project", on_delete=models.CASCADE, related_name="supports"
    )
    # The account of an online supporter; none for a paper signature.
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="pb_supports",
    )
    supporter_key = models.CharField(max_length=64)  # keyed hash, never the number itself
    channel = models.CharField(max_length=10, choices=Channel.choices)
    entered_by = models.ForeignKey(  # the operator who keyed in a paper signature
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("підтримка проєкту")
        verbose_name_plural = _("підтримка проєктів")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "supporter_key"], name="support_one_per_person"
            ),
            models.UniqueConstraint(
                fields=["project", "supporter"],
                condition=Q(supporter__isnull=False),
                name="support_one_per_account",
            ),
            models.CheckConstraint(
                condition=Q(channel="paper") | Q(supporter__isnull=False),
                name="support_online_has_account",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}:{self.supporter_key[:8]}"
