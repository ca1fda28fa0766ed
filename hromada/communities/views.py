"""The staff area: each staff member sees only the communities they work for."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from hromada.communities.selectors import staff_communities
from hromada.communities.twofactor import staff_view
from hromada.core.registry import render_dashboard_sections


@staff_view
def dashboard(request: HttpRequest) -> HttpResponse:
    communities = staff_communities(request.user)
    platform_admin = request.user.has_perm("communities.create_community")
    if not communities.exists() and not platform_admin:
        raise Http404
    # Each app contributes its own section of a community's panel (hromada.core.registry).
    panels = [
        {"community": community, "sections": render_dashboard_sections(request, community)}
        for community in communities
    ]
    return render(
        request,
        "communities/dashboard.html",
        {"panels": panels, "platform_admin": platform_admin},
    )
