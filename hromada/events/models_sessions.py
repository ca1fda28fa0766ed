"""The sessions a registrant chose, for events where registrants pick their sessions (parallel
workshops, days of a multi-day forum). A choice holds a seat of the session's room for every
person of the registration while the registration is active (from the moment it is made until
it is cancelled, declined or its offer lapses), so a room never gets more people than seats."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from hromada.events.models import Session
from hromada.events.models_registration import Registration


class SessionChoice(models.Model):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="session_choices"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="choices")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["session__starts_at", "session_id"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="session_chosen_once")
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} → {self.session_id}"
