"""What events add to the shared pages (registered in apps.py): the next events on the home
page, each community's events on the staff dashboard, a navigation link and public search."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import Truncator

from hromada.core.registry import SearchHit
from hromada.events.models import Event


def home(request: HttpRequest) -> dict[str, Any] | None:
    upcoming = list(
        Event.objects.filter(invitation_only=False, ends_at__gt=timezone.now())
        .select_related("community")
        .order_by("starts_at", "pk")[:3]
    )
    return {"events": upcoming} if upcoming else None


def is_organiser(user: Any, community: Any) -> bool:
    return bool(user.has_perm("communities.view_staff_area", community))


def dashboard(request: HttpRequest, community: Any) -> dict[str, Any]:
    events = Event.objects.filter(community=community).order_by("-starts_at", "-pk")[:10]
    return {
        "events": events,
        "can_create": request.user.has_perm("events.create_event", community),
    }


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
