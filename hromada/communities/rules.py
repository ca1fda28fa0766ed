"""Who may do what in a community. Every staff predicate takes the community as its object,
so a role in community A never grants anything in community B."""

from __future__ import annotations

from typing import Any

import rules

from hromada.communities.models import Community, StaffRole


def community_of(obj: Any) -> Community | None:
    """The community an object belongs to (a community, or anything with .community)."""
    if obj is None:
        return None
    if isinstance(obj, Community):
        return obj
    return getattr(obj, "community", None)


@rules.predicate
def is_platform_admin(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


def _has_role(*roles: str) -> rules.Predicate:
    @rules.predicate(name=f"has_role_{'_'.join(roles)}")
    def predicate(user: Any, obj: Any) -> bool:
        community = community_of(obj)
        if not user.is_authenticated or community is None:
            return False
        return StaffRole.objects.filter(user=user, community=community, role__in=roles).exists()

    return predicate


is_community_admin = _has_role(StaffRole.Role.ADMIN) | is_platform_admin
is_reviewer = _has_role(StaffRole.Role.REVIEWER, StaffRole.Role.ADMIN) | is_platform_admin
is_operator = _has_role(StaffRole.Role.OPERATOR, StaffRole.Role.ADMIN) | is_platform_admin
is_staff_member = (
    _has_role(StaffRole.Role.ADMIN, StaffRole.Role.REVIEWER, StaffRole.Role.OPERATOR)
    | is_platform_admin
)

rules.add_perm("communities.manage", is_community_admin)
rules.add_perm("communities.upload_register", is_community_admin)
rules.add_perm("communities.verify_in_person", is_operator)
rules.add_perm("communities.view_staff_area", is_staff_member)
