"""What the academy adds to the shared pages (registered in apps.py): a home-page block with the
newest courses, the «Академія» navigation link, a staff-dashboard section with the courses of
the networks a community belongs to, and courses by theme for the maturity recommendations."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hromada.academy.models import Course
from hromada.core.registry import SearchHit
from hromada.network.models import Network


def home_context(request: HttpRequest) -> dict[str, Any] | None:
    courses = list(
        Course.objects.filter(status=Course.Status.PUBLISHED)
        .select_related("network")
        .order_by("-published_at")[:3]
    )
    return {"courses": courses} if courses else None


def dashboard_visible(user: Any, community: Any) -> bool:
    return bool(user.has_perm("network.apply", community))


def dashboard_context(request: HttpRequest, community: Any) -> dict[str, Any] | None:
    networks = Network.objects.filter(members__community=community)
    courses = list(
        Course.objects.filter(status=Course.Status.PUBLISHED, network__in=networks).distinct()[:5]
    )
    return {"courses": courses} if courses else None


def courses_by_theme(network_id: int, themes: list[str]) -> dict[str, list[SearchHit]]:
    """Published courses of the network on each theme, at most three per theme (one query)."""
    wanted = set(themes)
    found: dict[str, list[SearchHit]] = {theme: [] for theme in themes}
    courses = Course.objects.filter(network_id=network_id, status=Course.Status.PUBLISHED)
    for course in courses.order_by("-published_at"):
        for theme in wanted.intersection(course.themes):
            if len(found[theme]) < 3:
                found[theme].append(SearchHit(course.title, course.get_absolute_url()))
    return found
