"""The one exception actions raise when a request is refused for a reason a person should read."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class ActionRefused(PermissionDenied):
    """A write refused by the rules (phase, eligibility, limits); the message is translated."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)
