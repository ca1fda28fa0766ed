"""The services' section of a community's panel on the staff dashboard (registered in apps.py):
the community's cases with each network and a way to the networks' catalogues."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hromada.network.models import Network
from hromada.network.models_services import ServiceCase


def dashboard_visible(user: Any, community: Any) -> bool:
    return bool(user.has_perm("network.request_service", community))


def dashboard_context(request: HttpRequest, community: Any) -> dict[str, Any] | None:
    networks = list(Network.objects.filter(members__community=community).distinct())
    cases = list(
        ServiceCase.objects.filter(community=community).select_related("service", "network")[:10]
    )
    if not networks and not cases:
        return None
    return {"networks": networks, "cases": cases}
