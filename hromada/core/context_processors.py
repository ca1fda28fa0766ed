from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from hromada.core.registry import navigation


def site(request: HttpRequest) -> dict[str, Any]:
    # The navigation comes from the apps' registered entries: core does not know who is staff.
    return {"LANGUAGES": settings.LANGUAGES, "DEBUG": settings.DEBUG, "nav": navigation(request)}
