"""What events add to the shared pages (registered in apps.py): the next events on the home
page, each community's events on the staff dashboard, a navigation link and public search."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import Truncator

from hromada.core.registry import SearchHit
from hromada.events.models import Event

HOME_CACHE_KEY = "events:home"
HOME_CACHE_SECONDS = 60  # an event that ends drops off within a minute; edits clear it at once


def _next_events() -> list[Event]:
    return list(
        Event.objects.filter(invitation_only=False, ends_at__gt=timezone.now())
        .select_related("community", "network")
        .order_by("starts_at", "pk")[:3]
    )


def home(request: HttpRequest) -> dict[str, Any] | None:
    # The home page is the busiest page: its events are remembered for a minute.
    upcoming = cache.get_or_set(HOME_CACHE_KEY, _next_events, HOME_CACHE_SECONDS)
    return {"events": upcoming} if upcoming else None


def forget_home_events() -> None:
    cache.delete(HOME_CACHE_KEY)


def is_organiser(user: Any, community: Any) -> bool:
    return bool(user.has_perm("communities.view_staff_area", community))


def dashboard(request: HttpRequest, community: Any) -> dict[str, Any]:
    events = Event.objects.filter(community=community).order_by("-starts_at", "-pk")[:10]
    return {
        "events": events,
        "can_create": request.user.has_perm("events.create_event", community),
    }


def network_panel(request: HttpRequest, network: Any) -> dict[str, Any] | None:
    """A network's own events on its page: the coming ones, and the last few past."""
    may_create = request.user.has_perm("events.create_hub_event", network)
    now = timezone.now()
    listed = Event.objects.filter(network=network, invitation_only=False)
    upcoming = list(listed.filter(ends_at__gt=now).order_by("starts_at", "pk")[:10])
    past = list(listed.filter(ends_at__lte=now).order_by("-starts_at", "-pk")[:5])
    if not (upcoming or past or may_create):
        return None
    return {"upcoming": upcoming, "past": past, "can_create": may_create}


def search_public(query: str, limit: int) -> list[SearchHit]:
    found = Event.objects.filter(invitation_only=False)
    for word in query.split()[:8]:
        forms = {word, word.lower(), word.capitalize()}
        match = Q()
        for form in forms:
            match |= Q(title__icontains=form) | Q(description__icontains=form)
        found = found.filter(match)
    return [
        SearchHit(event.title, event.get_absolute_url(), Truncator(event.description).words(25))
        for event in found.order_by("-starts_at")[:limit]
    ]
