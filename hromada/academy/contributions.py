"""What the academy adds to the shared pages (registered in apps.py): a home-page block with the
newest courses, the «Академія» navigation link, a staff-dashboard section with the courses of
the networks a community belongs to, and courses by theme for the maturity recommendations."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from hromada.academy.models import Course
from hromada.network.models import Network
from hromada.network.recommendations import Offer


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


def courses_for_themes(network_id: int, themes: Collection[str]) -> dict[str, list[Offer]]:
    """Published courses of the network on each theme, at most three per theme (one query)."""
    found: dict[str, list[Offer]] = {theme: [] for theme in themes}
    courses = Course.objects.filter(network_id=network_id, status=Course.Status.PUBLISHED)
    for course in courses.order_by("-published_at"):
        for theme in found.keys() & set(course.themes):
            if len(found[theme]) < 3:
                found[theme].append(Offer(_("курс"), course.title, course.get_absolute_url()))
    return found
