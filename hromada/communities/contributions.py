"""What communities add to the shared pages (registered in apps.py): the staff-area link and,
for a community's admins, the section that leads to its people and their roles."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hromada.communities.selectors import works_for_a_community


def nav_visible(request: HttpRequest) -> bool:
    # Platform admins set communities up before anyone works for one.
    user = request.user
    return works_for_a_community(user) or bool(user.has_perm("communities.create_community"))


def dashboard_visible(user: Any, community: Any) -> bool:
    return bool(user.has_perm("communities.manage_staff", community))


def dashboard_context(request: HttpRequest, community: Any) -> dict[str, Any]:
    return {}
