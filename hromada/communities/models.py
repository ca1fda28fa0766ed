"""A community, its settlements or city districts, and who works for it in which role."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hromada.communities.geography import OBLAST_CHOICES, CommunityKind, SizeBand


class Community(models.Model):
    name = models.CharField(_("назва"), max_length=200)
    slug = models.SlugField(_("адреса"), max_length=80, unique=True)
    oblast = models.CharField(_("область"), max_length=100, blank=True, choices=OBLAST_CHOICES)
    kind = models.CharField(
        _("тип громади"), max_length=20, blank=True, choices=CommunityKind.choices
    )
    size_band = models.CharField(
        _("розмір громади"), max_length=20, blank=True, choices=SizeBand.choices
    )
    population = models.PositiveIntegerField(_("кількість жителів"), null=True, blank=True)
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
    population = models.PositiveIntegerField(_("кількість жителів"), null=True, blank=True)

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
        APPEALS = "appeals", _("член апеляційної комісії")

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


class PlatformRole(models.Model):
    """A role over the whole platform rather than one community (the hub's practices editors).
    Platform admins themselves are superusers."""

    class Role(models.TextChoices):
        PRACTICES_EDITOR = "practices_editor", _("редактор бази практик")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="platform_roles"
    )
    role = models.CharField(_("роль"), max_length=30, choices=Role.choices)
    granted_at = models.DateTimeField(_("коли надано"), default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="platformrole_unique")]
        verbose_name = _("роль на платформі")
        verbose_name_plural = _("ролі на платформі")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class Invitation(models.Model):
    """An emailed link that gives its holder a role once they accept it, logged in with a
    verified email equal to `email`. Only a hash of the token is kept: the database alone
    cannot be used to accept someone else's invitation."""

    ROLE_CHOICES = [*StaffRole.Role.choices, *PlatformRole.Role.choices]

    email = models.EmailField(_("електронна пошта"))
    # Null for a platform role.
    community = models.ForeignKey(
        Community,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("громада"),
    )
    role = models.CharField(_("роль"), max_length=30, choices=ROLE_CHOICES)
    department = models.CharField(_("підрозділ"), max_length=200, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("дійсне до"))
    accepted_at = models.DateTimeField(_("прийнято"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("запрошення")
        verbose_name_plural = _("запрошення")

    def __str__(self) -> str:
        return f"{self.email} — {self.get_role_display()}"

    def is_expired(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.expires_at
