from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from hromada.core.registry import navigation


def site(request: HttpRequest) -> dict[str, Any]:
    # The navigation comes from the apps' registered entries: core does not know who is staff.
    # Emails are rendered with a bare request (no middleware ran, no user): they have no menu.
    nav = navigation(request) if hasattr(request, "user") else []
    return {
        "LANGUAGES": settings.LANGUAGES,
        "DEBUG": settings.DEBUG,
        "nav": nav,
        # Anyone may claim any identity through the simulator: say so on every page.
        "EID_SIMULATOR": settings.EID_SIMULATOR,
    }
