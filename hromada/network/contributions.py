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
    networks = list(Network.objects.all()[:3])
    if not networks:
        return None
    now = timezone.now()
    open_calls = list(
        Contest.objects.filter(opens_at__lte=now, closes_at__gt=now)
        .select_related("network")
        .order_by("closes_at")[:3]
    )
    return {"networks": networks, "open_calls": open_calls}


def dashboard_visible(user: Any, community: Any) -> bool:
    return bool(user.has_perm("network.apply", community))


def dashboard_context(request: HttpRequest, community: Any) -> dict[str, Any] | None:
    now = timezone.now()
    open_calls = list(Contest.objects.filter(opens_at__lte=now, closes_at__gt=now))
    applications = list(
        Application.objects.filter(community=community).select_related("contest")[:10]
    )
    if not open_calls and not applications:
        return None
    return {"open_calls": open_calls, "applications": applications}
