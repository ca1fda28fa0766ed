"""A network of communities (an association or a participation hub): the people who run it and
its member communities with their dated memberships, and communities' requests to join.

Members may be communities on the platform (`community` set) or not — a foreign partner city,
a Ukrainian community that runs nothing here yet — so a member keeps its own name, country and
oblast. For an on-platform member these are copied from the community when it joins; its kind,
size band and population are always read from the community itself (see `Member.profile`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hromada.communities.geography import OBLAST_CHOICES, CommunityKind, SizeBand
from hromada.communities.models import Community
from hromada.core.storage import get_private_storage

UKRAINE = "UA"


class Network(models.Model):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("асоціація громад")
        HUB = "hub", _("хаб участі")

    name = models.CharField(_("назва"), max_length=200)
    slug = models.SlugField(_("адреса"), max_length=80, unique=True)
    kind = models.CharField(_("тип"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("опис"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("мережа")
        verbose_name_plural = _("мережі")

    def __str__(self) -> str:
        return self.name


class NetworkRole(models.Model):
    """Who runs a network. Like every staff role it counts only with TOTP on (network/rules.py).
    The practices base's editors act as the network's staff without a row here."""

    class Role(models.TextChoices):
        BOARD = "board", _("член правління")
        STAFF = "staff", _("працівник мережі")
        EXPERT = "expert", _("експерт")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_roles"
    )
    role = models.CharField(_("роль"), max_length=20, choices=Role.choices)
    title = models.CharField(_("посада"), max_length=200, blank=True)
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["role", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["network", "user", "role"], name="networkrole_unique")
        ]
        verbose_name = _("роль у мережі")
        verbose_name_plural = _("ролі в мережі")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.network})"


class Member(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    community = models.ForeignKey(
        Community,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="network_memberships",
        verbose_name=_("громада на платформі"),
    )
    name = models.CharField(_("назва"), max_length=200)
    country = models.CharField(_("країна (код ISO)"), max_length=2, default=UKRAINE)
    oblast = models.CharField(_("область"), max_length=100, blank=True, choices=OBLAST_CHOICES)
    region = models.CharField(_("регіон за кордоном"), max_length=200, blank=True)
    kind = models.CharField(
        _("тип громади"), max_length=20, blank=True, choices=CommunityKind.choices
    )
    size_band = models.CharField(
        _("розмір громади"), max_length=20, blank=True, choices=SizeBand.choices
    )
    # Not on the community model: the contests' "not an oblast centre" rule needs it.
    is_oblast_centre = models.BooleanField(_("обласний центр"), default=False)
    website = models.URLField(_("сайт"), blank=True)

    class Meta:
        ordering = ["country", "oblast", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "community"],
                condition=models.Q(community__isnull=False),
                name="member_unique_community",
            )
        ]
        verbose_name = _("член мережі")
        verbose_name_plural = _("члени мережі")

    def __str__(self) -> str:
        return self.name

    @property
    def effective_size_band(self) -> str:
        if self.community is not None and self.community.size_band:
            return self.community.size_band
        return self.size_band

    @property
    def effective_kind(self) -> str:
        if self.community is not None and self.community.kind:
            return self.community.kind
        return self.kind

    @property
    def member_since(self) -> dt.date | None:
        """Start of the latest membership (from the prefetched rows)."""
        starts = [membership.starts_on for membership in self.memberships.all()]
        return max(starts) if starts else None

    def is_member_on(self, day: dt.date) -> bool:
        """Uses the prefetched memberships when there are some (the members list does)."""
        return any(membership.covers(day) for membership in self.memberships.all())


class Membership(models.Model):
    """One dated stretch of membership; a community that left and came back has two."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="memberships")
    starts_on = models.DateField(_("з"))
    ends_on = models.DateField(_("по"), null=True, blank=True)
    note = models.CharField(_("примітка"), max_length=300, blank=True)

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("членство")
        verbose_name_plural = _("членство")

    def __str__(self) -> str:
        return f"{self.starts_on}–{self.ends_on or ''}"

    def covers(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class JoinRequest(models.Model):
    """A community's request to join, decided by the board with a reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("на розгляді")
        ACCEPTED = "accepted", _("прийнято")
        REJECTED = "rejected", _("відхилено")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="join_requests")
    community = models.ForeignKey(
        Community, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("назва громади"), max_length=200)
    country = models.CharField(_("країна (код ISO)"), max_length=2, default=UKRAINE)
    oblast = models.CharField(_("область"), max_length=100, blank=True, choices=OBLAST_CHOICES)
    region = models.CharField(_("регіон за кордоном"), max_length=200, blank=True)
    contact_name = models.CharField(_("контактна особа"), max_length=200)
    contact_email = models.EmailField(_("електронна пошта"))
    contact_phone = models.CharField(_("телефон"), max_length=40, blank=True)
    motivation = models.TextField(_("чому громада хоче приєднатися"))
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("обґрунтування рішення"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("заява про вступ")
        verbose_name_plural = _("заяви про вступ")

    def __str__(self) -> str:
        return self.name


class NetworkDocument(models.Model):
    """A file attached to a join request or a contest application, kept in private storage and
    served only through a view that checks who may see its owner."""

    join_request = models.ForeignKey(
        JoinRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    application = models.ForeignKey(
        "network.Application",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
    )
    required = models.ForeignKey(
        "network.RequiredDocument", null=True, blank=True, on_delete=models.SET_NULL
    )
    title = models.CharField(_("назва"), max_length=200)
    file = models.FileField(upload_to="network/", storage=get_private_storage)
    kind = models.CharField(max_length=10)
    token = models.CharField(max_length=40, unique=True)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.title


from hromada.network.models_contests import (  # noqa: E402,F401  (one app, two modules)
    Application,
    Contest,
    ContestQuestion,
    Criterion,
    Juror,
    RequiredDocument,
    Review,
    ReviewScore,
)
from hromada.network.models_maturity import (  # noqa: E402,F401
    Assessment,
    AssessmentAnswer,
    Indicator,
)
from hromada.network.models_services import (  # noqa: E402,F401
    CaseDocument,
    CaseMeeting,
    CaseNote,
    Service,
    ServiceCase,
    WorkingGroupMember,
)
