"""The one exception actions raise when a request is refused for a reason a person should read."""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


class ActionRefused(PermissionDenied):
    """A write refused by the rules (phase, eligibility, limits); the message is translated."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


def require_perm(user: Any, perm: str, obj: Any = None) -> None:
    """The permission re-check every action makes itself (a view's check may not be trusted).

    Asks the rules directly: Django's `user.has_perm` grants a superuser everything without
    asking, and a superuser without TOTP must be refused like any other staff member."""
    if not rules.has_perm(perm, user, obj):
        raise ActionRefused(_("У вас немає прав на цю дію."))
