"""System checks: production refuses to start when it would lose email, and says so when a
development or demo convenience is switched on outside DEBUG."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def production_settings(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    if settings.DEBUG:
        return []
    messages: list[Any] = []
    if not settings.EMAIL_HOST and not settings.EMAIL_CONSOLE:
        messages.append(
            Error(
                "EMAIL_HOST is not set: production would print every email (sign-up "
                "verification, password reset, notifications) to the console.",
                hint="Set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD), or "
                "EMAIL_CONSOLE=1 to print email on purpose (make run's demo does).",
                id="hromada.E001",
            )
        )
    elif not settings.EMAIL_HOST:
        messages.append(
            Warning(
                "EMAIL_CONSOLE=1: email is printed to the console, not sent.",
                id="hromada.W001",
            )
        )
    if settings.DEMO:
        messages.append(
            Warning(
                "DEMO=1: the demo community's loader is installed and uploads are served by "
                "Django.",
                id="hromada.W002",
            )
        )
    if not settings.REDIS_URL:
        messages.append(
            Warning(
                "REDIS_URL is not set: rate limits, TOTP replay protection and eID codes are "
                "kept per process, so several workers do not share them.",
                hint="Set REDIS_URL when running more than one process.",
                id="hromada.W003",
            )
        )
    if not settings.HTTPS:
        messages.append(
            Warning(
                "HTTPS=0: session and CSRF cookies are sent over plain HTTP.",
                hint="Only for serving on this machine (make run); behind HTTPS leave it unset.",
                id="hromada.W004",
            )
        )
    return messages
