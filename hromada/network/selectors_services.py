"""Reads of the services pages: the cases a person may see, a community's staff communities,
the network's experts, and the services that strengthen a maturity theme."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import rules
from django.db.models import Q, QuerySet

from hromada.accounts.models import User
from hromada.communities.models import Community, StaffRole
from hromada.communities.rules import has_totp
from hromada.network.models import Network, NetworkRole
from hromada.network.models_services import Service, ServiceCase, WorkingGroupMember


def staff_communities(user: Any) -> QuerySet[Community]:
    """Communities whose staff (admin or reviewer) the person is: they may ask for services."""
    if not user.is_authenticated or not has_totp(user):
        return Community.objects.none()
    return Community.objects.filter(
        staff_roles__user_id=user.pk,
        staff_roles__role__in=[StaffRole.Role.ADMIN, StaffRole.Role.REVIEWER],
    ).distinct()


def visible_cases(user: Any, network: Network) -> QuerySet[ServiceCase]:
    """The same reach as the "network.view_case" rule, as one query: the hub sees every case,
    an expert their assigned ones, a community's staff and working group their community's."""
    cases = ServiceCase.objects.filter(network=network).select_related(
        "service", "community", "expert"
    )
    if not user.is_authenticated:
        return cases.none()
    if rules.has_perm("network.manage_services", user, network):
        return cases
    groups = WorkingGroupMember.objects.filter(network=network, user=user).values("community_id")
    reach = Q(community_id__in=groups)
    if has_totp(user):
        reach |= Q(expert=user) | Q(community__in=staff_communities(user))
    return cases.filter(reach)


def network_experts(network: Network) -> QuerySet[User]:
    return User.objects.filter(
        network_roles__network=network, network_roles__role=NetworkRole.Role.EXPERT
    ).order_by("full_name", "email")


def services_for_themes(network_id: int, themes: Iterable[str]) -> dict[str, list[Service]]:
    """Active services of a network by the maturity theme they strengthen (one query)."""
    wanted = set(themes)
    found: dict[str, list[Service]] = {theme: [] for theme in wanted}
    for service in Service.objects.filter(network_id=network_id, active=True).select_related(
        "network"
    ):
        for theme in service.themes:
            if theme in wanted:
                found[theme].append(service)
    return found
