"""Reads scoped to what a staff member may see: their own communities, nothing else."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from hromada.communities.models import Community, StaffRole


def staff_communities(user: Any, *roles: str) -> QuerySet[Community]:
    """Communities where `user` holds one of `roles` (any role if none given)."""
    if not user.is_authenticated:
        return Community.objects.none()
    if user.is_superuser:
        return Community.objects.all()
    memberships = StaffRole.objects.filter(user=user)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return Community.objects.filter(id__in=memberships.values("community_id")).distinct()


def works_for_a_community(user: Any) -> bool:
    """Whether the staff area has anything for `user` (its navigation link is shown)."""
    return bool(
        user is not None
        and user.is_authenticated
        and (user.is_superuser or StaffRole.objects.filter(user=user).exists())
    )
