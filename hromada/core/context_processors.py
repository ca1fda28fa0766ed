from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    staff = bool(
        user is not None
        and user.is_authenticated
        and (user.is_superuser or user.staff_roles.exists())
    )
    return {
        "LANGUAGES": settings.LANGUAGES,
        "DEBUG": settings.DEBUG,
        "perms_staff_area": staff,
        # Anyone may claim any identity through the simulator: say so on every page.
        "EID_SIMULATOR": settings.EID_SIMULATOR,
    }
