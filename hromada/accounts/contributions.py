"""What accounts add to the shared pages (registered in apps.py): the profile link and the
staff-dashboard section for residents' verification."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def signed_in(request: HttpRequest) -> bool:
    return bool(request.user.is_authenticated)


def dashboard_visible(user: Any, community: Any) -> bool:
    return bool(
        user.has_perm("communities.upload_register", community)
        or user.has_perm("communities.verify_in_person", community)
    )


def dashboard_context(request: HttpRequest, community: Any) -> dict[str, Any]:
    return {
        "can_upload_register": request.user.has_perm("communities.upload_register", community),
        "can_verify": request.user.has_perm("communities.verify_in_person", community),
    }
