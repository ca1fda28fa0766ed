"""A community, its settlements or city districts, and who works for it in which role."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Community(models.Model):
    name = models.CharField(_("назва"), max_length=200)
    slug = models.SlugField(_("адреса"), max_length=80, unique=True)
    oblast = models.CharField(_("область"), max_length=100, blank=True)
    description = models.TextField(_("опис"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("громада")
        verbose_name_plural = _("громади")

    def __str__(self) -> str:
        return self.name


class Settlement(models.Model):
    """A town, village or city district; processes may restrict voting to some of them."""

    class Kind(models.TextChoices):
        CITY = "city", _("місто")
        TOWN = "town", _("селище")
        VILLAGE = "village", _("село")
        DISTRICT = "district", _("район міста")

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="settlements", verbose_name=_("громада")
    )
    name = models.CharField(_("назва"), max_length=200)
    kind = models.CharField(_("тип"), max_length=20, choices=Kind.choices, default=Kind.VILLAGE)

    class Meta:
        ordering = ["community", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="settlement_unique_name")
        ]
        verbose_name = _("населений пункт")
        verbose_name_plural = _("населені пункти")

    def __str__(self) -> str:
        return self.name


class StaffRole(models.Model):
    """A person's role in one community. All staff pages are scoped by these rows."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("адміністратор громади")
        REVIEWER = "reviewer", _("експерт-рецензент")
        OPERATOR = "operator", _("оператор ЦНАП")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_roles"
    )
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="staff_roles")
    role = models.CharField(_("роль"), max_length=20, choices=Role.choices)
    department = models.CharField(_("підрозділ"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "community", "role"], name="staffrole_unique")
        ]
        verbose_name = _("роль працівника")
        verbose_name_plural = _("ролі працівників")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.community})"
