"""What the network adds to the shared pages (registered in apps.py): a home-page block with
open calls, the "Мережа" navigation link, and a staff-dashboard section per community with the
contests it may apply to and its applications."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from hromada.network.models import Network
from hromada.network.models_contests import Application, Contest


def home_context(request: HttpRequest) -> dict[str, Any] | None:
    """Open calls of every network, soonest closing first (one query); nothing when none is
    open — the navigation's «Мережа» leads to the network the rest of the time."""
    now = timezone.now()
    open_calls = list(
        Contest.objects.filter(opens_at__lte=now, closes_at__gt=now)
        .select_related("network")
        .order_by("closes_at")[:3]
    )
    return {"open_calls": open_calls} if open_calls else None


def dashboard_visible(user: Any, community: Any) -> bool:
    return bool(user.has_perm("network.apply", community))


def dashboard_context(request: HttpRequest, community: Any) -> dict[str, Any] | None:
    now = timezone.now()
    open_calls = list(Contest.objects.filter(opens_at__lte=now, closes_at__gt=now))
    applications = list(
        Application.objects.filter(community=community).select_related("contest")[:10]
    )
    # The networks the community belongs to, for its maturity self-assessment.
    networks = list(Network.objects.filter(members__community=community).distinct())
    if not open_calls and not applications and not networks:
        return None
    return {"open_calls": open_calls, "applications": applications, "networks": networks}
