"""What communities add to the shared pages (registered in apps.py): the staff-area link and,
for a community's admins, the section that leads to its people and their roles."""

from __future__ import annotations

from typing import Any

import rules
from django.http import HttpRequest

from hromada.communities.selectors import works_for_a_community


def nav_visible(request: HttpRequest) -> bool:
    # Platform admins set communities up before anyone works for one.
    # rules.has_perm, not user.has_perm: Django's own backend would read the permission tables
    # on every page for everyone who is not a platform admin.
    user = request.user
    return works_for_a_community(user) or rules.has_perm("communities.create_community", user)


def dashboard_visible(user: Any, community: Any) -> bool:
    return bool(user.has_perm("communities.manage_staff", community))


def dashboard_context(request: HttpRequest, community: Any) -> dict[str, Any]:
    return {}
