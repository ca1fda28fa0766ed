"""The organiser's participants XLSX, built on the task queue rather than in the request (a
big event's list takes a while). The file holds personal data: it is kept for a day, only for
the event's organisers, and then erased."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hromada.events.models import Event

EXPORT_KEPT_FOR = timedelta(hours=24)


class ParticipantsExport(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("готується")
        READY = "ready", _("готовий")
        ERASED = "erased", _("стерто")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="exports")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=10)  # the organiser's, for the column names
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    content = models.BinaryField(default=b"", editable=False)
    rows = models.PositiveIntegerField(default=0)
    requested_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event_id} @ {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def expires_at(self) -> datetime:
        return self.requested_at + EXPORT_KEPT_FOR

    @property
    def downloadable(self) -> bool:
        return self.status == self.Status.READY and timezone.now() < self.expires_at
