"""Service points where paper ballots are keyed in: a ЦНАП, a library, a starosta office, a school.

A point belongs to a community and, where it has one, to one of the community's settlements.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServicePoint(models.Model):
    class Kind(models.TextChoices):
        CNAP = "cnap", _("ЦНАП")
        LIBRARY = "library", _("бібліотека")
        STAROSTA = "starosta", _("старостат")
        SCHOOL = "school", _("школа")
        OTHER = "other", _("інше")

    community = models.ForeignKey(
        "communities.Community", on_delete=models.PROTECT, related_name="service_points"
    )
    settlement = models.ForeignKey(
        "communities.Settlement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_points",
        verbose_name=_("населений пункт"),
    )
    name = models.CharField(_("назва"), max_length=200)
    kind = models.CharField(_("тип"), max_length=20, choices=Kind.choices, default=Kind.CNAP)
    address = models.CharField(_("адреса"), max_length=300, blank=True)
    active = models.BooleanField(_("приймає бюлетені"), default=True)

    class Meta:
        ordering = ["community", "name"]
        verbose_name = _("пункт прийому бюлетенів")
        verbose_name_plural = _("пункти прийому бюлетенів")
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="service_point_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
