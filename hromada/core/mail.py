"""The one way Hromada's own code sends an email (invitations, notifications).

Callers say who gets what; how it travels is decided here, so that moving delivery onto the task
queue (retried, never lost when SMTP is down) changes no caller.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import send_mail


def send_email(*, to: Sequence[str], subject: str, body: str) -> None:
    """Send a plain-text email from DEFAULT_FROM_EMAIL. The subject is one line."""
    send_mail(
        subject=" ".join(subject.split()),
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=list(to),
    )
