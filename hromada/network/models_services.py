"""The hub's services case by case: a catalogue of services, a member community's request (a
case) with its plan, requested documents, meetings, notes, outputs and closing survey, and each
community's working group, whose named members (with or without an account) follow its cases.

A case moves requested → accepted (an expert assigned) or declined (with a reason) → in
progress → closed. What each status allows is declared once in `CASE_ALLOWS`; actions ask it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hromada.communities.models import Community
from hromada.core.storage import get_private_storage


class Service(models.Model):
    class Audience(models.TextChoices):
        MEMBERS = "members", _("лише громади-члени мережі")
        ANY = "any", _("будь-яка громада")

    network = models.ForeignKey(
        "network.Network", on_delete=models.CASCADE, related_name="services"
    )
    title = models.CharField(_("назва"), max_length=200)
    description = models.TextField(_("опис"), blank=True)
    audience = models.CharField(
        _("хто може замовити"), max_length=20, choices=Audience.choices, default=Audience.MEMBERS
    )
    # Maturity themes (models_maturity.Theme) the service strengthens: an assessment's weak
    # indicators of these themes recommend it.
    themes = models.JSONField(_("теми зрілості"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("порядок"), default=0)
    active = models.BooleanField(_("пропонується"), default=True)

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("послуга мережі")
        verbose_name_plural = _("послуги мережі")

    def __str__(self) -> str:
        return self.title


class WorkingGroupMember(models.Model):
    """A named member of a community's working group for its cases with one network; `user`
    is set when the person has an account (and then sees the cases)."""

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("ім'я та прізвище"), max_length=200)
    role = models.CharField(_("роль у робочій групі"), max_length=200)
    email = models.EmailField(_("електронна пошта"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("член робочої групи")
        verbose_name_plural = _("робоча група")

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


class CaseStatus(models.TextChoices):
    REQUESTED = "requested", _("запит надіслано")
    ACCEPTED = "accepted", _("прийнято")
    DECLINED = "declined", _("відхилено")
    IN_PROGRESS = "in_progress", _("триває")
    CLOSED = "closed", _("завершено")


# What each status of a case allows (actions_services asks this, templates ask the case).
CASE_ALLOWS: dict[str, set[str]] = {
    "decide": {CaseStatus.REQUESTED},
    "assign_expert": {CaseStatus.ACCEPTED, CaseStatus.IN_PROGRESS},
    "start": {CaseStatus.ACCEPTED},
    "plan": {CaseStatus.ACCEPTED, CaseStatus.IN_PROGRESS},
    "request_document": {CaseStatus.ACCEPTED, CaseStatus.IN_PROGRESS},
    "upload_document": {CaseStatus.ACCEPTED, CaseStatus.IN_PROGRESS},
    "check_document": {CaseStatus.ACCEPTED, CaseStatus.IN_PROGRESS},
    "add_meeting": {CaseStatus.ACCEPTED, CaseStatus.IN_PROGRESS},
    "add_note": {CaseStatus.REQUESTED, CaseStatus.ACCEPTED, CaseStatus.IN_PROGRESS},
    "close": {CaseStatus.IN_PROGRESS},
    "survey": {CaseStatus.CLOSED},
}


class ServiceCase(models.Model):
    Status = CaseStatus

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="cases")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="cases")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default="requested")
    request_text = models.TextField(_("що потрібно громаді"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decision_reason = models.TextField(_("обґрунтування рішення"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("експерт"),
    )
    plan = models.TextField(_("план роботи"), blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    outputs = models.TextField(_("результати"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    survey_rating = models.PositiveSmallIntegerField(_("оцінка"), null=True, blank=True)
    survey_comment = models.TextField(_("відгук громади"), blank=True)
    survey_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("звернення по послугу")
        verbose_name_plural = _("звернення по послуги")

    def __str__(self) -> str:
        return f"{self.service} — {self.community}"

    def allows(self, action: str) -> bool:
        return self.status in CASE_ALLOWS[action]


class CaseDocument(models.Model):
    """A document the expert asks the community for: uploaded by the community, then checked
    off by the expert. The file is private, served only to those who see the case."""

    case = models.ForeignKey(ServiceCase, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("документ"), max_length=200)
    note = models.CharField(_("пояснення"), max_length=1000, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    file = models.FileField(
        upload_to="network/cases/", storage=get_private_storage, blank=True, default=""
    )
    kind = models.CharField(max_length=10, blank=True)
    token = models.CharField(max_length=40, blank=True, default="")
    uploaded_at = models.DateTimeField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["token"], condition=~models.Q(token=""), name="casedocument_token_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


class CaseMeeting(models.Model):
    """A meeting of a case: an event of the events app, or a dated note with a place."""

    case = models.ForeignKey(ServiceCase, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("коли"))
    place = models.CharField(_("де"), max_length=300, blank=True)
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("про що"), blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d} {self.place}"


class CaseNote(models.Model):
    case = models.ForeignKey(ServiceCase, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("нотатка"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:50]
