from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from hromada.core.registry import navigation


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "LANGUAGES": settings.LANGUAGES,
        "DEBUG": settings.DEBUG,
        # Lazy and once per request: every template rendered with the request (the page and
        # each of the home page's blocks) runs this processor, and only base.html shows the menu,
        # whose entries may each ask the database who the person is.
        "nav": SimpleLazyObject(lambda: site_navigation(request)),
        # Anyone may claim any identity through the simulator: say so on every page.
        "EID_SIMULATOR": settings.EID_SIMULATOR,
    }


def site_navigation(request: HttpRequest) -> list[Any]:
    """The navigation comes from the apps' registered entries: core does not know who is staff.
    Emails are rendered with a bare request (no middleware ran, no user): they have no menu."""
    remembered: list[Any] | None = getattr(request, "_site_navigation", None)
    if remembered is None:
        remembered = navigation(request) if hasattr(request, "user") else []
        request._site_navigation = remembered  # type: ignore[attr-defined]
    return remembered
