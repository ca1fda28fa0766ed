"""System checks for accounts: development conveniences must never reach production silently."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register


@register()
def eid_simulator_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    if settings.EID_SIMULATOR and not settings.DEBUG:
        messages.append(
            Error(
                "The eID simulator is on (EID_SIMULATOR=1) with DEBUG=0: anyone can claim "
                "any identity.",
                hint="Unset EID_SIMULATOR in production and name a real EID_ADAPTER.",
                id="accounts.E001",
            )
        )
    from hromada.accounts.eid.registry import uses_simulator

    if settings.EID_ADAPTER and uses_simulator() and not settings.EID_SIMULATOR:
        messages.append(
            Warning(
                "EID_ADAPTER names the simulator but EID_SIMULATOR is off: eID is not offered.",
                id="accounts.W001",
            )
        )
    return messages


@register()
def rate_limits_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if getattr(settings, "ACCOUNT_RATE_LIMITS", None) is False and not settings.DEBUG:
        return [
            Error(
                "Login and sign-up rate limits are off (DISABLE_RATE_LIMITS=1) with DEBUG=0.",
                hint="Unset DISABLE_RATE_LIMITS in production.",
                id="accounts.E002",
            )
        ]
    return []
