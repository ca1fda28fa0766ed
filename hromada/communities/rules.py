"""Who may do what in a community. Every staff predicate takes the community as its object,
so a role in community A never grants anything in community B.

Every staff and platform role counts only while its holder has TOTP two-factor authentication
on: a stolen password alone must not open a staff action. Views send such people to a page that
walks them through turning it on (see `needs_totp`); the actions refuse through these rules.
"""

from __future__ import annotations

from typing import Any

import rules
from allauth.mfa.models import Authenticator

from hromada.communities.models import Community, PlatformRole, StaffRole
from hromada.core import request_memo


def community_of(obj: Any) -> Community | None:
    """The community an object belongs to (a community, or anything with .community)."""
    if obj is None:
        return None
    if isinstance(obj, Community):
        return obj
    return getattr(obj, "community", None)


def _totp_key(user_id: int) -> tuple[str, int]:
    return ("has_totp", user_id)


@rules.predicate
def has_totp(user: Any) -> bool:
    # Part of every staff predicate, so asked several times a page: once per request suffices.
    if not user.is_authenticated:
        return False
    return request_memo.remembered(
        _totp_key(user.pk),
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists,
    )


def forget_totp(sender: Any = None, *, user: Any = None, **_: Any) -> None:
    """Turning TOTP on or off inside a request must not leave the old answer behind."""
    if user is not None:
        request_memo.forget(_totp_key(user.pk))


@rules.predicate
def is_superuser(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


# Platform admins are superusers (the first is made by `manage.py create_platform_admin`).
is_platform_admin = is_superuser & has_totp


def _has_role(*roles: str) -> rules.Predicate:
    @rules.predicate(name=f"has_role_{'_'.join(roles)}")
    def predicate(user: Any, obj: Any) -> bool:
        community = community_of(obj)
        if not user.is_authenticated or community is None:
            return False
        return StaffRole.objects.filter(user=user, community=community, role__in=roles).exists()

    return predicate & has_totp


@rules.predicate
def _is_practices_editor(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and PlatformRole.objects.filter(user=user, role=PlatformRole.Role.PRACTICES_EDITOR).exists()
    )


is_practices_editor = _is_practices_editor & has_totp

is_community_admin = _has_role(StaffRole.Role.ADMIN) | is_platform_admin
is_reviewer = _has_role(StaffRole.Role.REVIEWER, StaffRole.Role.ADMIN) | is_platform_admin
is_operator = _has_role(StaffRole.Role.OPERATOR, StaffRole.Role.ADMIN) | is_platform_admin
# The appeals commission decides on rejections: neither the admin nor a reviewer sits on it.
is_appeals_member = _has_role(StaffRole.Role.APPEALS)
is_staff_member = (
    _has_role(
        StaffRole.Role.ADMIN,
        StaffRole.Role.REVIEWER,
        StaffRole.Role.OPERATOR,
        StaffRole.Role.APPEALS,
    )
    | is_platform_admin
)


def holds_any_role(user: Any) -> bool:
    """A superuser or anyone with a staff or platform role, whether or not TOTP is on."""
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser or user.staff_roles.exists() or user.platform_roles.exists())


def needs_totp(user: Any) -> bool:
    """Staff whose roles wait for them to turn TOTP on."""
    return holds_any_role(user) and not has_totp(user)


rules.add_perm("communities.manage", is_community_admin)
rules.add_perm("communities.upload_register", is_community_admin)
rules.add_perm("communities.verify_in_person", is_operator)
rules.add_perm("communities.view_staff_area", is_staff_member)
rules.add_perm("communities.manage_staff", is_community_admin)  # object: community
rules.add_perm("communities.create_community", is_platform_admin)
rules.add_perm("communities.edit_community", is_platform_admin)  # object: community
rules.add_perm("communities.manage_platform_roles", is_platform_admin)
