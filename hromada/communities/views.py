"""The staff area: each staff member sees only the communities they work for."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from hromada.communities.selectors import staff_communities
from hromada.core.registry import render_dashboard_sections


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    communities = staff_communities(request.user)
    if not communities.exists():
        raise Http404
    # Each app contributes its own section of a community's panel (hromada.core.registry).
    panels = [
        {"community": community, "sections": render_dashboard_sections(request, community)}
        for community in communities
    ]
    return render(request, "communities/dashboard.html", {"panels": panels})
