"""Registrations and what follows them: the people of a registration (a group has several),
the waiting list's log of manual changes, check-ins per session and sent reminders."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hromada.events.models import Event, Session

CHECKIN_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_checkin_code() -> str:
    return "".join(secrets.choice(CHECKIN_ALPHABET) for _ in range(8))


class Registration(models.Model):
    """One registration: its contact person and, for a group, the colleagues registered with
    them. The private token opens the registrant's page (edit, cancel, joining details, ICS);
    replacing it revokes every link sent before."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("очікує підтвердження пошти")
        PENDING = "pending", _("очікує рішення організатора")
        CONFIRMED = "confirmed", _("підтверджено")
        WAITLISTED = "waitlisted", _("у списку очікування")
        OFFERED = "offered", _("запропоновано місце")
        DECLINED = "declined", _("відхилено організатором")
        CANCELLED = "cancelled", _("скасовано")
        EXPIRED = "expired", _("пропозиція місця минула")

    # Statuses that hold seats: a confirmed place, a pending moderation, an open offer.
    HOLDS_SEATS = (Status.CONFIRMED, Status.PENDING, Status.OFFERED)
    ACTIVE = (*HOLDS_SEATS, Status.WAITLISTED, Status.UNCONFIRMED)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    full_name = models.CharField(_("ім'я та прізвище"), max_length=200)
    email = models.EmailField(_("електронна пошта"))
    status = models.CharField(max_length=20, choices=Status.choices)
    seats = models.PositiveSmallIntegerField(default=1)
    answers = models.JSONField(default=dict)
    consent_text = models.TextField()  # the purpose as the registrant read it when agreeing
    token = models.CharField(max_length=64, unique=True, default=new_token)
    # The waiting list's order: lower first; manual moves rewrite it and are logged.
    waitlist_rank = models.PositiveIntegerField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.event}"

    def get_absolute_url(self) -> str:
        return reverse("events:registration", args=[self.token])

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED


class Attendee(models.Model):
    """A person of a registration: the contact person first, then colleagues. Each has a
    check-in code (their QR) and, once they attended, may receive a certificate."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendees"
    )
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendees")
    full_name = models.CharField(_("ім'я та прізвище"), max_length=200)
    email = models.EmailField(_("електронна пошта"), blank=True)
    code = models.CharField(max_length=12, unique=True, default=new_checkin_code)
    walk_in = models.BooleanField(default=False)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attended_online = models.BooleanField(default=False)
    certificate = models.ForeignKey(
        "certificates.Certificate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["registration_id", "pk"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def attended(self) -> bool:
        return self.checked_in_at is not None or self.attended_online


class SessionAttendance(models.Model):
    attendee = models.ForeignKey(Attendee, on_delete=models.CASCADE, related_name="sessions")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attendee", "session"], name="session_attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.attendee_id} @ {self.session_id}"


class WaitlistChange(models.Model):
    """A manual change of the waiting list's order, with its reason: the organiser's log."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="waitlist_changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    old_position = models.PositiveIntegerField()
    new_position = models.PositiveIntegerField()
    reason = models.CharField(max_length=300)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.old_position} → {self.new_position}"


class ReminderSent(models.Model):
    """One reminder round of one event, sent once even if its task runs twice."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="reminders_sent")
    hours_before = models.PositiveIntegerField()
    starts_at = models.DateTimeField()  # a moved event gets its reminders again
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "hours_before", "starts_at"], name="reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id} −{self.hours_before} h"
